import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { projectErrors, ROLES } from '@ledger/domain';
import {
  CSSQ_HISTORY,
  cssqHistoryProjection,
  cssqHistoryAnswerOf,
  type CssqHistory,
  type CssqHistoryAnswer,
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
    return cssqHistoryAnswerOf(
      history,
      { dimension: query.dimension, from: query.from, to: query.to },
      position,
    );
  }
}
