import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  ACCEPTANCE_TRACKER,
  ACCEPTANCE_TRACKER_ORDER,
  acceptanceTrackerAnswerOf,
  acceptanceTrackerFilter,
  acceptanceTrackerProjection,
  type AcceptanceTrackerAnswer,
  type AcceptanceTrackerEntry,
  type AcceptanceTrackerQuery,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { AcceptanceTrackerQueryDto } from './acceptance-tracker.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

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
    const tracker: AcceptanceTrackerQuery = {
      projectId,
      programId: project.programId,
      asOf: query.asOf ?? todayUtc(),
      status: query.status,
      objectKind: query.objectKind,
    };
    const entries = await this.store.find<AcceptanceTrackerEntry>(
      ACCEPTANCE_TRACKER,
      acceptanceTrackerFilter(tracker),
      ACCEPTANCE_TRACKER_ORDER,
    );
    return acceptanceTrackerAnswerOf(entries, tracker, position);
  }
}
