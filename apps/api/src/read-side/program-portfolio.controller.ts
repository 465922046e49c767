import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { programErrors, ROLES } from '@ledger/domain';
import {
  PORTFOLIO_PROGRAMS,
  PROGRAM_PROJECTS_ORDER,
  PROJECT_SUMMARIES,
  portfolioProgramProjection,
  programPortfolioAnswerOf,
  programProjectsFilter,
  projectSummaryProjection,
  type PortfolioProgram,
  type ProgramPortfolioAnswer,
  type ProjectSummary,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  READ_POSITION_HEADER,
  ReadPositions,
  Roles,
} from '@ledger/runtime';
import { ProgramPortfolioQueryDto } from './program-portfolio.dto';

/**
 * A program's portfolio health, rolled up at query time (libs/projections portfolio.ts) from the
 * `project_summaries` of the projects attached to it. The program itself comes from the
 * `portfolio_programs` read model, so a program without projects has an (empty) portfolio and
 * an unknown program is 404.
 */
@ApiTags('programs')
@ApiBearerAuth()
@Controller('api/programs')
export class ProgramPortfolioController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get(':programId/portfolio')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ programId, name, status, projects, byHealth, byPhase, byStatus, totals (per currency: BAC original and current, PV, EV, AC, SPI, CPI), openChangeRequests, openRisks, openHighThreats, worstProjects, position }',
  })
  @ApiOperation({ summary: 'Program portfolio: health roll-up of its projects, worst first' })
  async get(
    @Param('programId', IdParamPipe) programId: string,
    @Query() query: ProgramPortfolioQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgramPortfolioAnswer> {
    // The claim first: whether a program outside it exists is not the caller's business.
    this.scope.assertProgram(principal, programId);
    // Two read models answer: serve each, and state the lower of the two positions.
    const programs = await this.positions.serve(portfolioProgramProjection.name, query, reply);
    const summaries = await this.positions.serve(projectSummaryProjection.name, query, reply);
    const program = await this.store.get<PortfolioProgram>(PORTFOLIO_PROGRAMS, programId);
    if (!program) {
      throw programErrors.notFoundById(programId);
    }
    const projects = await this.store.find<ProjectSummary>(
      PROJECT_SUMMARIES,
      programProjectsFilter(programId),
      PROGRAM_PROJECTS_ORDER,
    );
    const position = Math.min(programs, summaries);
    void reply.header(READ_POSITION_HEADER, String(position));
    return programPortfolioAnswerOf(
      program,
      projects,
      { programId, limit: query.limit ?? 10 },
      position,
    );
  }
}
