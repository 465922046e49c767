import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  HANDOVER_READINESS,
  HANDOVER_READINESS_ORDER,
  handoverReadinessAnswerOf,
  handoverReadinessFilter,
  handoverReadinessProjection,
  type HandoverReadiness,
  type HandoverReadinessAnswer,
  type HandoverReadinessQuery,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { HandoverReadinessQueryDto } from './handover-readiness.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

/** Handover readiness of a project's handovers (DOMAIN.md read model 5). */
@ApiTags('handovers')
@ApiBearerAuth()
@Controller('api/projects')
export class HandoverReadinessController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly projects: ProjectReads,
  ) {}

  @Get(':projectId/handovers')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ projectId, programId, asOf, handovers: [document + readiness { mandatoryItems, ' +
      'mandatoryAccepted, mandatoryAcceptedPct, blockingItems, ageDays, holder }], position }',
  })
  @ApiOperation({
    summary: 'Handover readiness: items, % mandatory accepted, blocking items, who holds it',
  })
  async list(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: HandoverReadinessQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HandoverReadinessAnswer> {
    const { project, position } = await this.projects.serve(
      projectId,
      handoverReadinessProjection.name,
      query,
      reply,
      principal,
    );
    const readiness: HandoverReadinessQuery = {
      projectId,
      programId: project.programId,
      asOf: query.asOf ?? todayUtc(),
      kind: query.kind,
      status: query.status,
    };
    const handovers = await this.store.find<HandoverReadiness>(
      HANDOVER_READINESS,
      handoverReadinessFilter(readiness),
      HANDOVER_READINESS_ORDER,
    );
    return handoverReadinessAnswerOf(handovers, readiness, position);
  }
}
