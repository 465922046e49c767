import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  COMPLAINT_LOG,
  complaintLogAnswerOf,
  complaintLogFilter,
  complaintLogProjection,
  type ComplaintLogAnswer,
  type ComplaintLogEntry,
  type ComplaintLogQuery,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { ComplaintLogQueryDto } from './complaint-log.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

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
    const log: ComplaintLogQuery = {
      projectId,
      programId: project.programId,
      asOf: query.asOf ?? todayUtc(),
      status: query.status,
    };
    const entries = await this.store.find<ComplaintLogEntry>(
      COMPLAINT_LOG,
      complaintLogFilter(log),
    );
    return complaintLogAnswerOf(entries, log, position);
  }
}
