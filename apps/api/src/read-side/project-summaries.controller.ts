import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { projectErrors, ROLES } from '@ledger/domain';
import {
  answerPosition,
  PROJECT_SUMMARIES,
  projectSummaryPageJson,
  projectSummaryProjection,
  projectSummaryView,
  type ProjectSummary,
  type ProjectSummaryView,
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
import { ProjectListQueryDto, ReadQueryDto } from './project-summaries.dto';

/**
 * The project list and detail from the `project_summaries` read model. Any authenticated role
 * may read; a caller only ever sees the programs in its token's claim: lists are filtered to
 * the claim, and asking for a program (or a project) outside it is 403.
 */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectSummariesController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ items, total, position }; filter by program, status and RAG health, sort by name, lastEventAt or health',
  })
  @ApiOperation({
    summary: 'List project summaries (phase, RAG health, earned value), filtered and sorted',
  })
  async list(
    @Query() query: ProjectListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (query.programId !== undefined) this.scope.assertProgram(principal, query.programId);
    const position = await this.read(query, reply);
    // The ProjectSummaryPage (read-answers.ts) as JSON text made from the stored documents: the
    // bytes JSON.stringify would send, without parsing and serialising every summary again.
    void reply.type('application/json; charset=utf-8');
    return projectSummaryPageJson(
      this.store,
      {
        programs: principal.programs,
        ...(query.programId !== undefined ? { programId: query.programId } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.health !== undefined ? { health: query.health } : {}),
        sort: query.sort ?? 'name',
        limit: query.limit ?? 20,
        offset: query.offset ?? 0,
      },
      position,
    );
  }

  @Get(':projectId')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      'The project summary: phase, status, RAG health and its reasons, original vs current baseline, open change requests and risks, earned value (PV, EV, AC, SV, CV, SPI, CPI, EAC, ETC, VAC, TCPI; null when undefined), reporting periods as reported with later adjustments; `position` is the log position the answer reflects',
  })
  @ApiOperation({
    summary: 'Project summary: phase, RAG health, baseline vs current CSSQ, earned value',
  })
  async get(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectSummaryView & { readonly position: number }> {
    const position = await this.read(query, reply);
    const summary = await this.store.get<ProjectSummary>(PROJECT_SUMMARIES, projectId);
    if (!summary) {
      throw projectErrors.notFoundById(projectId);
    }
    this.scope.assertProgram(principal, summary.programId);
    // The document's own position (its last event) is at or below the position served.
    return { ...projectSummaryView(summary), position: answerPosition(position, [summary]) };
  }

  /** Waits for minPosition if asked, sets X-Read-Position and answers the position served. */
  private async read(query: ReadQueryDto, reply: FastifyReply): Promise<number> {
    return this.positions.serve(projectSummaryProjection.name, query, reply);
  }
}
