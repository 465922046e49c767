import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, ROLES } from '@ledger/domain';
import {
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  type ProjectSummary,
} from '@ledger/projections';
import { READ_STORE, type ReadFilter, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { IdParamPipe } from '../http/id-param.pipe';
import { ProgramScope } from '../scope/program-scope.service';
import { ProjectListQueryDto, ReadQueryDto } from './project-summaries.dto';
import { ReadPositions } from './read-positions.service';

export interface ProjectSummaryPage {
  readonly items: readonly ProjectSummary[];
  readonly total: number;
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

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
  @ApiOkResponse({ description: '{ items, total, position }' })
  async list(
    @Query() query: ProjectListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectSummaryPage> {
    if (query.programId !== undefined) this.scope.assertProgram(principal, query.programId);
    const position = await this.read(query, reply);
    const filter: Record<string, ReadFilter[string]> = {};
    if (query.programId !== undefined) filter['programId'] = query.programId;
    else if (principal.programs !== '*') filter['programId'] = { $in: [...principal.programs] };
    if (query.status !== undefined) filter['status'] = query.status;
    const sort = query.sort ?? 'name';
    const field = sort.replace(/^-/, '');
    const [items, total] = await Promise.all([
      this.store.find<ProjectSummary>(PROJECT_SUMMARIES, filter, {
        sort: [[field, sort.startsWith('-') ? 'desc' : 'asc']],
        skip: query.offset ?? 0,
        limit: query.limit ?? 20,
      }),
      this.store.count(PROJECT_SUMMARIES, filter),
    ]);
    return { items, total, position };
  }

  @Get(':projectId')
  @Roles(...ROLES)
  @ApiOkResponse({
    description: 'The project summary; `position` is the log position the answer reflects',
  })
  async get(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectSummary> {
    const position = await this.read(query, reply);
    const summary = await this.store.get<ProjectSummary>(PROJECT_SUMMARIES, projectId);
    if (!summary) {
      throw new DomainError('project-not-found', `no project ${projectId}`, 'not-found');
    }
    this.scope.assertProgram(principal, summary.programId);
    // The document's own position (its last event) is at or below the position served.
    return { ...summary, position: Math.max(position, summary.position) };
  }

  /** Waits for minPosition if asked, sets X-Read-Position and answers the position served. */
  private async read(query: ReadQueryDto, reply: FastifyReply): Promise<number> {
    return this.positions.serve(projectSummaryProjection.name, query, reply);
  }
}
