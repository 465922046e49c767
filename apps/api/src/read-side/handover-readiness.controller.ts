import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  HANDOVER_READINESS,
  handoverReadinessOf,
  handoverReadinessProjection,
  type HandoverReadiness,
  type HandoverReadinessFigures,
  publicItem,
  type PublicItem,
} from '@ledger/projections';
import { READ_STORE, type ReadFilter, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { HandoverReadinessQueryDto } from './handover-readiness.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

export type HandoverReadinessView = PublicItem<HandoverReadiness> & {
  readonly readiness: HandoverReadinessFigures;
};

export interface HandoverReadinessAnswer {
  readonly projectId: string;
  readonly programId: string;
  /** The date ages were computed to. */
  readonly asOf: string;
  /** In order of initiation. */
  readonly handovers: readonly HandoverReadinessView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

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
    const filter: Record<string, ReadFilter[string]> = { projectId };
    if (query.kind !== undefined) filter['kind'] = query.kind;
    if (query.status !== undefined) filter['status'] = query.status;
    const handovers = await this.store.find<HandoverReadiness>(HANDOVER_READINESS, filter, {
      sort: [['initiatedAt', 'asc']],
    });
    const asOf = query.asOf ?? todayUtc();
    return {
      projectId,
      programId: project.programId,
      asOf,
      handovers: handovers.map((handover) => ({
        ...publicItem(handover),
        readiness: handoverReadinessOf(handover, asOf),
      })),
      position: Math.max(position, ...handovers.map((handover) => handover.position)),
    };
  }
}
