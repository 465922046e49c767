import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { programErrors, projectErrors, ROLES } from '@ledger/domain';
import {
  PORTFOLIO_PROGRAMS,
  portfolioProgramProjection,
  PROGRAM_PROJECTS_ORDER,
  programProjectsFilter,
  programSafetyAnswerOf,
  PROJECT_SUMMARIES,
  projectSafetyAnswerOf,
  projectSummaryProjection,
  SAFETY_REGISTER,
  safetyRegisterProjection,
  type PortfolioProgram,
  type ProgramSafetyAnswer,
  type ProjectSafetyAnswer,
  type ProjectSummary,
  type SafetyPeriod,
  type SafetyRegister,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  ReadPositions,
  RequestValidationError,
  Roles,
} from '@ledger/runtime';
import { SafetyRegisterQueryDto } from './safety-register.dto';

/** The H&S register of a project, with TRIR and LTIFR (DOMAIN.md read model 6). */
@ApiTags('safety')
@ApiBearerAuth()
@Controller('api')
export class SafetyRegisterController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get('projects/:projectId/safety')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ projectId, programId, period { from, to }, figures { exposureHours, incidents, byClass, ' +
      'recordables, lostTimeInjuries, lostDays, reclassified, openIncidents, ' +
      'openInvestigations, trir { value, count, hours, baseHours }, ltifr {…} }, incidents, ' +
      'exposure, position }',
  })
  @ApiOperation({ summary: 'H&S register of a project with TRIR and LTIFR' })
  async project(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: SafetyRegisterQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectSafetyAnswer> {
    const period = periodOf(query);
    const position = await this.serve(query, reply);
    const project = await this.store.get<ProjectSummary>(PROJECT_SUMMARIES, projectId);
    if (!project) throw projectErrors.notFoundById(projectId);
    this.scope.assertProgram(principal, project.programId);
    const register = await this.store.get<SafetyRegister>(SAFETY_REGISTER, projectId);
    return projectSafetyAnswerOf(project, register, period, position);
  }

  @Get('programs/:programId/safety')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ programId, period, figures (summed), projects: [{ projectId, name, figures }], position }',
  })
  @ApiOperation({ summary: 'H&S register of a program with TRIR and LTIFR' })
  async program(
    @Param('programId', IdParamPipe) programId: string,
    @Query() query: SafetyRegisterQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgramSafetyAnswer> {
    const period = periodOf(query);
    this.scope.assertProgram(principal, programId);
    // A program is known to the read side by its own document (as the portfolio and the risk
    // exposure know it), not by its projects: a program with none yet has an empty register.
    await this.positions.serve(portfolioProgramProjection.name, query, reply);
    const position = await this.serve(query, reply);
    const program = await this.store.get<PortfolioProgram>(PORTFOLIO_PROGRAMS, programId);
    if (!program) {
      throw programErrors.notFoundById(programId);
    }
    const projects = await this.store.find<ProjectSummary>(
      PROJECT_SUMMARIES,
      programProjectsFilter(programId),
      PROGRAM_PROJECTS_ORDER,
    );
    const registers = await this.store.getMany<SafetyRegister>(
      SAFETY_REGISTER,
      projects.map((project) => project.projectId),
    );
    return programSafetyAnswerOf(programId, projects, registers, period, position);
  }

  /** Waits for the project summaries (project → program) and the register; serves the latter. */
  private async serve(query: SafetyRegisterQueryDto, reply: FastifyReply): Promise<number> {
    await this.positions.serve(projectSummaryProjection.name, query, reply);
    return this.positions.serve(safetyRegisterProjection.name, query, reply);
  }
}

/** The months asked for; `from` after `to` is a bad query (400 naming `to`). */
function periodOf(query: SafetyRegisterQueryDto): SafetyPeriod {
  const period = { from: query.from ?? null, to: query.to ?? null };
  if (period.from !== null && period.to !== null && period.from > period.to) {
    throw new RequestValidationError([
      { field: 'to', rule: 'periodOrder', message: 'to must not be before from' },
    ]);
  }
  return period;
}
