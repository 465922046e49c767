import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import {
  SAFETY_ROLES,
  type SafetyIncidentCommand,
  safetyIncidentAggregate,
  safetyIncidentErrors,
} from '@ledger/domain';
import { IdParamPipe, ScopedBy, type RouteScope, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import {
  ClassifySafetyIncidentDto,
  CloseSafetyIncidentDto,
  InvestigateSafetyIncidentDto,
  ReclassifySafetyIncidentDto,
  RecordLostDaysDto,
  ReportSafetyIncidentDto,
} from './safety-incident-commands.dto';

/** Routes on one incident: the project in the caller's claim, the incident in that project. */
const INCIDENT_ROUTE: RouteScope = {
  project: 'projectId',
  child: {
    param: 'incidentId',
    of: safetyIncidentAggregate,
    notInProject: safetyIncidentErrors.notInProject,
  },
};

/**
 * The project's H&S incident register. Roles follow the domain's SAFETY_ROLES: anyone working on
 * the project (not the auditor) may report; only the CPM or the PMO classify, investigate, close.
 */
@ApiTags('safety')
@ApiBearerAuth()
@Controller('api/projects/:projectId/incidents')
export class SafetyIncidentsController {
  private readonly safetyIncidentCommands: CommandSender<SafetyIncidentCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.safetyIncidentCommands = this.commands.for(safetyIncidentAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...SAFETY_ROLES.report)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Report an H&S incident (people by id, no medical detail)' })
  @ScopedBy({ project: 'projectId' })
  async report(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReportSafetyIncidentDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const incidentId = newId('incident', context);
    // Only the named fields go into the command (and so into the event): nothing else can pass.
    const { occurredAt, siteId, description, personRefs } = body;
    return this.safetyIncidentCommands(
      incidentId,
      (meta) => ({
        type: 'ReportSafetyIncident',
        data: { incidentId, projectId, siteId, occurredAt, description, personRefs },
        meta,
      }),
      context,
      { id: incidentId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':incidentId/classification')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Classify an incident (recordable and lost-time computed)' })
  @ScopedBy(INCIDENT_ROUTE)
  classify(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: ClassifySafetyIncidentDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.safetyIncidentCommands(
      incidentId,
      (meta) => ({
        type: 'ClassifySafetyIncident',
        data: { classification: body.classification },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':incidentId/reclassification')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reclassify an incident (the original is kept)' })
  @ScopedBy(INCIDENT_ROUTE)
  reclassify(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: ReclassifySafetyIncidentDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.safetyIncidentCommands(
      incidentId,
      (meta) => ({
        type: 'ReclassifySafetyIncident',
        data: { classification: body.classification, reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':incidentId/lost-days')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record lost days of an incident' })
  @ScopedBy(INCIDENT_ROUTE)
  recordLostDays(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: RecordLostDaysDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.safetyIncidentCommands(
      incidentId,
      (meta) => ({
        type: 'RecordLostDays',
        data: { lostDays: body.lostDays, reason: body.reason ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':incidentId/investigation')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the investigation of an incident' })
  @ScopedBy(INCIDENT_ROUTE)
  investigate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: InvestigateSafetyIncidentDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.safetyIncidentCommands(
      incidentId,
      (meta) => ({
        type: 'InvestigateSafetyIncident',
        data: { findings: body.findings, rootCauseRef: body.rootCauseRef ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':incidentId/close')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close an incident' })
  @ScopedBy(INCIDENT_ROUTE)
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: CloseSafetyIncidentDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.safetyIncidentCommands(
      incidentId,
      (meta) => ({
        type: 'CloseSafetyIncident',
        data: { note: body.note ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
