import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, ROLES } from '@ledger/domain';
import {
  ACCEPTANCE_TRACKER,
  acceptanceTrackerProjection,
  acceptanceTrackerSummaryOf,
  acceptanceWarrantyOf,
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  type AcceptanceTrackerEntry,
  type AcceptanceTrackerSummary,
  type AcceptanceWarrantyFigures,
  type ProjectSummary,
} from '@ledger/projections';
import { READ_STORE, type ReadFilter, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { IdParamPipe } from '../http/id-param.pipe';
import { ProgramScope } from '../scope/program-scope.service';
import { AcceptanceTrackerQueryDto } from './acceptance-tracker.dto';
import { ReadPositions } from './read-positions.service';

export type AcceptanceTrackerView = AcceptanceTrackerEntry & {
  readonly warranty: AcceptanceWarrantyFigures;
};

export interface AcceptanceTrackerAnswer {
  readonly projectId: string;
  readonly programId: string;
  readonly asOf: string;
  /** Counts over the acceptances listed (after the filters). */
  readonly summary: AcceptanceTrackerSummary;
  /** In order of opening. */
  readonly acceptances: readonly AcceptanceTrackerView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The acceptance tracker of a project (DOMAIN.md read model 6). */
@ApiTags('acceptances')
@ApiBearerAuth()
@Controller('api/projects')
export class AcceptanceTrackerController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get(':projectId/acceptances')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ projectId, programId, asOf, summary { total, byStatus, openPunchItems { A, B }, ' +
      'blockedByPunchItems, finalAcceptanceDue }, acceptances: [document + warranty], position }',
  })
  async list(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: AcceptanceTrackerQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcceptanceTrackerAnswer> {
    // The project (and its program) comes from the project summaries: wait for both models.
    await this.positions.serve(projectSummaryProjection.name, query, reply);
    const position = await this.positions.serve(acceptanceTrackerProjection.name, query, reply);
    const project = await this.store.get<ProjectSummary>(PROJECT_SUMMARIES, projectId);
    if (!project)
      throw new DomainError('project-not-found', `no project ${projectId}`, 'not-found');
    this.scope.assertProgram(principal, project.programId);
    const filter: Record<string, ReadFilter[string]> = { projectId };
    if (query.status !== undefined) filter['status'] = query.status;
    if (query.objectKind !== undefined) filter['object.kind'] = query.objectKind;
    const entries = await this.store.find<AcceptanceTrackerEntry>(ACCEPTANCE_TRACKER, filter, {
      sort: [['openedAt', 'asc']],
    });
    const asOf = query.asOf ?? new Date().toISOString().slice(0, 10);
    return {
      projectId,
      programId: project.programId,
      asOf,
      summary: acceptanceTrackerSummaryOf(entries, asOf),
      acceptances: entries.map((entry) => ({
        ...entry,
        warranty: acceptanceWarrantyOf(entry, asOf),
      })),
      position: Math.max(position, ...entries.map((entry) => entry.position)),
    };
  }
}
