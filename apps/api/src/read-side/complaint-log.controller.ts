import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  COMPLAINT_LOG,
  compareComplaints,
  complaintFiguresOf,
  complaintLogProjection,
  complaintLogSummaryOf,
  type ComplaintFigures,
  type ComplaintLogEntry,
  type ComplaintLogSummary,
  publicItem,
  type PublicItem,
} from '@ledger/projections';
import { READ_STORE, type ReadFilter, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { ComplaintLogQueryDto } from './complaint-log.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

export type ComplaintLogView = PublicItem<ComplaintLogEntry> & ComplaintFigures;

export interface ComplaintLogAnswer {
  readonly projectId: string;
  readonly programId: string;
  readonly asOf: string;
  /** Counts over the complaints listed (after the filters). */
  readonly summary: ComplaintLogSummary;
  /** Open first, H&S-related (top priority) first, then by priority and due date. */
  readonly complaints: readonly ComplaintLogView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/**
 * The complaint log of a project (DOMAIN.md read model 6). Per project, because complaint events
 * carry the project and not the program, and the CPM handles complaints per project.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/projects')
export class ComplaintLogController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly projects: ProjectReads,
  ) {}

  @Get(':projectId/complaints')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ projectId, programId, asOf, summary { total, open, overdue, hsRelatedOpen, byStatus, ' +
      'closedSatisfied, closedDissatisfied }, complaints: [document + overdue, daysOverdue, ' +
      'daysOpen], position }',
  })
  @ApiOperation({ summary: 'Complaint log: severity, due dates, overdue, H&S flag and a summary' })
  async list(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: ComplaintLogQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintLogAnswer> {
    const { project, position } = await this.projects.serve(
      projectId,
      complaintLogProjection.name,
      query,
      reply,
      principal,
    );
    const filter: Record<string, ReadFilter[string]> = { projectId };
    if (query.status !== undefined) filter['status'] = query.status;
    const entries = await this.store.find<ComplaintLogEntry>(COMPLAINT_LOG, filter);
    const asOf = query.asOf ?? todayUtc();
    return {
      projectId,
      programId: project.programId,
      asOf,
      summary: complaintLogSummaryOf(entries, asOf),
      complaints: [...entries]
        .sort(compareComplaints)
        .map((entry) => ({ ...publicItem(entry), ...complaintFiguresOf(entry, asOf) })),
      position: Math.max(position, ...entries.map((entry) => entry.position)),
    };
  }
}
