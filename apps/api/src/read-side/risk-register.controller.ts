import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { projectErrors, ROLES } from '@ledger/domain';
import {
  RISK_REGISTER,
  riskRegisterAnswerOf,
  riskRegisterFilter,
  riskRegisterProjectOf,
  riskRegisterProjection,
  type RiskRegisterAnswer,
  type RiskRegisterDocument,
  type RiskRegisterQuery,
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
import { todayUtc } from './project-reads.service';
import { RiskRegisterQueryDto } from './risk-register.dto';

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
    const register: RiskRegisterQuery = {
      projectId,
      asOf: query.asOf ?? todayUtc(),
      status: query.status,
      kind: query.kind,
      sort: query.sort,
    };
    const documents = await this.store.find<RiskRegisterDocument>(
      RISK_REGISTER,
      riskRegisterFilter(register),
    );
    const project = riskRegisterProjectOf(documents);
    if (!project) throw projectErrors.notFoundById(projectId);
    this.scope.assertProgram(principal, project.programId);
    return riskRegisterAnswerOf(project, documents, register, position);
  }
}
