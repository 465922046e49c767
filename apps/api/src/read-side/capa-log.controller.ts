import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  CAPA_LOG,
  capaFiguresOf,
  capaLogProjection,
  capaLogSummaryOf,
  type CapaFigures,
  type CapaLogEntry,
  type CapaLogSummary,
  publicItem,
  type PublicItem,
} from '@ledger/projections';
import { READ_STORE, type ReadFilter, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { CapaLogQueryDto } from './capa-log.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

export type CapaLogView = PublicItem<CapaLogEntry> & CapaFigures;

export interface CapaLogAnswer {
  readonly projectId: string;
  readonly programId: string;
  readonly asOf: string;
  /** Counts over the corrective actions listed (after the filters). */
  readonly summary: CapaLogSummary;
  /** In order of opening. */
  readonly correctiveActions: readonly CapaLogView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/**
 * The corrective-action (CAPA) log of a project (DOMAIN.md read model 6), under the same path
 * as the CAPA commands (`corrective-actions`). Per project: CAPA events carry the project only.
 */
@ApiTags('corrective-actions')
@ApiBearerAuth()
@Controller('api/projects')
export class CapaLogController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly projects: ProjectReads,
  ) {}

  @Get(':projectId/corrective-actions')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ projectId, programId, asOf, summary { total, open, byStage, bySource, effective, ' +
      'notEffective, notChecked, overdueActions }, correctiveActions: [document + ' +
      'overdueActions, openActions, daysOpen], position }',
  })
  @ApiOperation({ summary: 'CAPA log: stages, actions, effectiveness and a summary' })
  async list(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: CapaLogQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CapaLogAnswer> {
    const { project, position } = await this.projects.serve(
      projectId,
      capaLogProjection.name,
      query,
      reply,
      principal,
    );
    const filter: Record<string, ReadFilter[string]> = { projectId };
    if (query.stage !== undefined) filter['stage'] = query.stage;
    if (query.source !== undefined) filter['source'] = query.source;
    const entries = await this.store.find<CapaLogEntry>(CAPA_LOG, filter, {
      sort: [['openedAt', 'asc']],
    });
    const asOf = query.asOf ?? todayUtc();
    return {
      projectId,
      programId: project.programId,
      asOf,
      summary: capaLogSummaryOf(entries, asOf),
      correctiveActions: entries.map((entry) => ({
        ...publicItem(entry),
        ...capaFiguresOf(entry, asOf),
      })),
      position: Math.max(position, ...entries.map((entry) => entry.position)),
    };
  }
}
