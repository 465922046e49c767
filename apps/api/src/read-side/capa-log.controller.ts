import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from '@ledger/domain';
import {
  CAPA_LOG,
  CAPA_LOG_ORDER,
  capaLogAnswerOf,
  capaLogFilter,
  capaLogProjection,
  type CapaLogAnswer,
  type CapaLogEntry,
  type CapaLogQuery,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { CapaLogQueryDto } from './capa-log.dto';
import { ProjectReads, todayUtc } from './project-reads.service';

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
    const log: CapaLogQuery = {
      projectId,
      programId: project.programId,
      asOf: query.asOf ?? todayUtc(),
      stage: query.stage,
      source: query.source,
    };
    const entries = await this.store.find<CapaLogEntry>(
      CAPA_LOG,
      capaLogFilter(log),
      CAPA_LOG_ORDER,
    );
    return capaLogAnswerOf(entries, log, position);
  }
}
