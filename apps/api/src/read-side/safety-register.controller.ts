import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { programErrors, projectErrors, ROLES } from '@ledger/domain';
import {
  exposureByPeriod,
  incidentsInPeriod,
  PORTFOLIO_PROGRAMS,
  portfolioProgramProjection,
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  SAFETY_REGISTER,
  safetyFiguresOf,
  safetyRegisterProjection,
  type PortfolioProgram,
  type ProjectSummary,
  type SafetyFigures,
  type SafetyPeriod,
  type SafetyRegister,
  type SafetyRegisterIncident,
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

export interface ProjectSafetyAnswer {
  readonly projectId: string;
  readonly programId: string;
  /** Months included (`YYYY-MM`, both ends); null ends are open. */
  readonly period: SafetyPeriod;
  readonly figures: SafetyFigures;
  /** Incidents that occurred in the period, in order of occurrence. */
  readonly incidents: readonly SafetyRegisterIncident[];
  /** Current exposure hours per month in the period. */
  readonly exposure: readonly { readonly periodId: string; readonly hours: number }[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

export interface ProgramSafetyAnswer {
  readonly programId: string;
  readonly period: SafetyPeriod;
  /** Summed over the projects: rates from the summed counts and hours. */
  readonly figures: SafetyFigures;
  /** Each project of the program (by name), with its own figures. */
  readonly projects: readonly {
    readonly projectId: string;
    readonly name: string;
    readonly figures: SafetyFigures;
  }[];
  readonly position: number;
}

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
    const registers = register ? [register] : [];
    return {
      projectId,
      programId: project.programId,
      period,
      figures: safetyFiguresOf(registers, period),
      incidents: register ? incidentsInPeriod(register, period) : [],
      exposure: register ? exposureByPeriod(register, period) : [],
      position: Math.max(position, register?.position ?? 0),
    };
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
    // A project detached from the program no longer counts in its roll-up (as in the portfolio).
    const projects = await this.store.find<ProjectSummary>(
      PROJECT_SUMMARIES,
      { programId, attachedToProgram: { $ne: false } },
      { sort: [['name', 'asc']] },
    );
    const registers = await this.store.getMany<SafetyRegister>(
      SAFETY_REGISTER,
      projects.map((project) => project.projectId),
    );
    const registerOf = new Map(registers.map((register) => [register.projectId, register]));
    return {
      programId,
      period,
      figures: safetyFiguresOf(registers, period),
      projects: projects.map((project) => {
        const register = registerOf.get(project.projectId);
        return {
          projectId: project.projectId,
          name: project.name,
          figures: safetyFiguresOf(register ? [register] : [], period),
        };
      }),
      position: Math.max(position, ...registers.map((register) => register.position)),
    };
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
