import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  ACCEPTANCE_TRACKER,
  acceptanceTrackerProjection,
  acceptanceTrackerSummaryOf,
  acceptanceWarrantyOf,
  type AcceptanceTrackerEntry,
  type AcceptanceTrackerSummary,
  type AcceptanceWarrantyFigures,
  publicItem,
  type PublicItem,
} from '@ledger/projections';
import { READ_STORE, type ReadFilter, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { AcceptanceTrackerQueryDto } from './acceptance-tracker.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

export type AcceptanceTrackerView = PublicItem<AcceptanceTrackerEntry> & {
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
    private readonly projects: ProjectReads,
  ) {}

  @Get(':projectId/acceptances')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ projectId, programId, asOf, summary { total, byStatus, openPunchItems { A, B }, ' +
      'blockedByPunchItems, finalAcceptanceDue }, acceptances: [document + warranty], position }',
  })
  @ApiOperation({
    summary: 'Acceptance tracker: tests, punch items, certificates and counts by status',
  })
  async list(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: AcceptanceTrackerQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcceptanceTrackerAnswer> {
    const { project, position } = await this.projects.serve(
      projectId,
      acceptanceTrackerProjection.name,
      query,
      reply,
      principal,
    );
    const filter: Record<string, ReadFilter[string]> = { projectId };
    if (query.status !== undefined) filter['status'] = query.status;
    if (query.objectKind !== undefined) filter['object.kind'] = query.objectKind;
    const entries = await this.store.find<AcceptanceTrackerEntry>(ACCEPTANCE_TRACKER, filter, {
      sort: [['openedAt', 'asc']],
    });
    const asOf = query.asOf ?? todayUtc();
    return {
      projectId,
      programId: project.programId,
      asOf,
      summary: acceptanceTrackerSummaryOf(entries, asOf),
      acceptances: entries.map((entry) => ({
        ...publicItem(entry),
        warranty: acceptanceWarrantyOf(entry, asOf),
      })),
      position: Math.max(position, ...entries.map((entry) => entry.position)),
    };
  }
}
