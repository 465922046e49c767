import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { projectErrors, ROLES } from '@ledger/domain';
import {
  RISK_REGISTER,
  riskExposure,
  riskRegisterItem,
  riskRegisterProjection,
  sortRiskItems,
  type RiskExposureSummary,
  type RiskRegisterDocument,
  type RiskRegisterEntry,
  type RiskRegisterItem,
  type RiskRegisterProject,
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
import { RiskRegisterQueryDto } from './risk-register.dto';

export interface RiskRegisterAnswer {
  readonly projectId: string;
  readonly programId: string;
  /** The day overdue reviews and actions are judged on. */
  readonly asOf: string;
  /** The whole register's exposure (filters do not apply). */
  readonly summary: RiskExposureSummary;
  /** The risks matching the filters, sorted. */
  readonly items: readonly RiskRegisterItem[];
  readonly total: number;
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** Today's UTC calendar date: the default `asOf`. */
const today = (): string => new Date().toISOString().slice(0, 10);

/** A project's risk register and its exposure, from the `risk_register` read model. */
@ApiTags('risks')
@ApiBearerAuth()
@Controller('api/projects')
export class RiskRegisterController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get(':projectId/risks')
  @Roles(...ROLES)
  @ApiOkResponse({ description: '{ projectId, programId, asOf, summary, items, total, position }' })
  @ApiOperation({ summary: 'Risk register: scores, EMV, heat maps and exposure for one project' })
  async list(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: RiskRegisterQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RiskRegisterAnswer> {
    const position = await this.positions.serve(riskRegisterProjection.name, query, reply);
    // The project's own document and its risks all carry projectId: one read.
    const documents = await this.store.find<RiskRegisterDocument>(RISK_REGISTER, { projectId });
    const project = documents.find(
      (document): document is RiskRegisterProject => document.type === 'project',
    );
    if (!project) throw projectErrors.notFoundById(projectId);
    this.scope.assertProgram(principal, project.programId);
    const risks = documents.filter(
      (document): document is RiskRegisterEntry => document.type === 'risk',
    );
    const asOf = query.asOf ?? today();
    const matching = risks.filter(
      (risk) =>
        (query.status === undefined || risk.status === query.status) &&
        (query.kind === undefined || risk.kind === query.kind),
    );
    const items = sortRiskItems(
      matching.map((risk) => riskRegisterItem(risk, asOf)),
      query.sort,
    );
    return {
      projectId,
      programId: project.programId,
      asOf,
      summary: riskExposure(risks, asOf),
      items,
      total: items.length,
      position: Math.max(position, ...documents.map((document) => document.position)),
    };
  }
}
