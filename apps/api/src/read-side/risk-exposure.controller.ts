import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { programErrors, ROLES } from '@ledger/domain';
import {
  RISK_REGISTER,
  riskExposureAnswerOf,
  riskExposureProjectsFilter,
  riskExposureRisksFilter,
  riskRegisterProgramId,
  riskRegisterProjection,
  type RiskExposureAnswer,
  type RiskExposureQuery,
  type RiskRegisterEntry,
  type RiskRegisterProgram,
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
import { todayUtc } from './project-reads.service';
import { RiskExposureQueryDto } from './risk-register.dto';

/** A program's risk exposure: its projects' registers rolled up, and per project. */
@ApiTags('programs')
@ApiBearerAuth()
@Controller('api/programs')
export class RiskExposureController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get(':programId/risk-exposure')
  @Roles(...ROLES)
  @ApiOkResponse({ description: '{ programId, name, asOf, summary, projects, position }' })
  @ApiOperation({ summary: 'Program risk exposure: the risk roll-up over its projects' })
  async get(
    @Param('programId', IdParamPipe) programId: string,
    @Query() query: RiskExposureQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RiskExposureAnswer> {
    this.scope.assertProgram(principal, programId);
    const position = await this.positions.serve(riskRegisterProjection.name, query, reply);
    const program = await this.store.get<RiskRegisterProgram>(
      RISK_REGISTER,
      riskRegisterProgramId(programId),
    );
    if (!program) throw programErrors.notFoundById(programId);
    const exposure: RiskExposureQuery = { programId, asOf: query.asOf ?? todayUtc() };
    const projects = await this.store.find<RiskRegisterProject>(
      RISK_REGISTER,
      riskExposureProjectsFilter(exposure),
    );
    const risks =
      projects.length === 0
        ? []
        : await this.store.find<RiskRegisterEntry>(
            RISK_REGISTER,
            riskExposureRisksFilter(projects),
          );
    return riskExposureAnswerOf(program, projects, risks, exposure, position);
  }
}
