import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { projectErrors, ROLES } from '@ledger/domain';
import {
  CSSQ_HISTORY,
  cssqHistoryProjection,
  type CssqCumulative,
  type CssqHistory,
  type CssqHistoryEntry,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  ReadPositions,
  Roles,
} from '@ledger/runtime';
import { CssqHistoryQueryDto } from './cssq-history.dto';

export interface CssqHistoryAnswer {
  readonly projectId: string;
  readonly changeRequests: readonly CssqHistoryEntry[];
  readonly cumulative: CssqCumulative;
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** A bare date (`2026-03-01`) as `to` includes the whole day. */
function upperBound(to: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? Date.parse(`${to}T23:59:59.999Z`) : Date.parse(to);
}

/** The CSSQ change history of a project from the `cssq_history` read model. */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects')
export class CssqHistoryController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get(':projectId/cssq-history')
  @Roles(...ROLES)
  @ApiOkResponse({ description: '{ projectId, changeRequests, cumulative, position }' })
  @ApiOperation({
    summary:
      'CSSQ change history: every change request with impacts, decision and resulting baseline',
  })
  async get(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: CssqHistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CssqHistoryAnswer> {
    const position = await this.positions.serve(cssqHistoryProjection.name, query, reply);
    const history = await this.store.get<CssqHistory>(CSSQ_HISTORY, projectId);
    if (!history) {
      throw projectErrors.notFoundById(projectId);
    }
    this.scope.assertProgram(principal, history.programId);
    const from = query.from === undefined ? -Infinity : Date.parse(query.from);
    const to = query.to === undefined ? Infinity : upperBound(query.to);
    const { dimension } = query;
    const changeRequests = history.changeRequests.filter((entry) => {
      const raisedAt = Date.parse(entry.raisedAt);
      if (raisedAt < from || raisedAt > to) return false;
      return dimension === undefined || entry.impacts?.[dimension].impact === 'change';
    });
    return {
      projectId: history.projectId,
      changeRequests,
      cumulative: history.cumulative,
      position: Math.max(position, history.position),
    };
  }
}
