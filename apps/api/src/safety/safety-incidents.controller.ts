import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext, type CommandFactory } from '@ledger/command-path';
import {
  SAFETY_ROLES,
  safetyIncidentStreamId,
  type SafetyIncidentCommand,
  safetyIncidentAggregate,
  safetyIncidentErrors,
} from '@ledger/domain';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  Roles,
} from '@ledger/runtime';
import { CommandDispatcher } from '../commands/command-dispatcher.service';
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

/**
 * The project's H&S incident register. Roles follow the domain's SAFETY_ROLES: anyone working on
 * the project (not the auditor) may report; only the CPM or the PMO classify, investigate, close.
 */
@ApiTags('safety')
@ApiBearerAuth()
@Controller('api/projects/:projectId/incidents')
export class SafetyIncidentsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SAFETY_ROLES.report)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Report an H&S incident (people by id, no medical detail)' })
  async report(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReportSafetyIncidentDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const incidentId = newId('incident', context);
    // Only the named fields go into the command (and so into the event): nothing else can pass.
    const { occurredAt, siteId, description, personRefs } = body;
    return this.commands.dispatch<SafetyIncidentCommand>(
      safetyIncidentAggregate,
      safetyIncidentStreamId(incidentId),
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
  classify(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: ClassifySafetyIncidentDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, incidentId, context, body, (meta) => ({
      type: 'ClassifySafetyIncident',
      data: { classification: body.classification },
      meta,
    }));
  }

  @Post(':incidentId/reclassification')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reclassify an incident (the original is kept)' })
  reclassify(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: ReclassifySafetyIncidentDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, incidentId, context, body, (meta) => ({
      type: 'ReclassifySafetyIncident',
      data: { classification: body.classification, reason: body.reason },
      meta,
    }));
  }

  @Post(':incidentId/lost-days')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record lost days of an incident' })
  recordLostDays(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: RecordLostDaysDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, incidentId, context, body, (meta) => ({
      type: 'RecordLostDays',
      data: { lostDays: body.lostDays, reason: body.reason ?? null },
      meta,
    }));
  }

  @Post(':incidentId/investigation')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the investigation of an incident' })
  investigate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: InvestigateSafetyIncidentDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, incidentId, context, body, (meta) => ({
      type: 'InvestigateSafetyIncident',
      data: { findings: body.findings, rootCauseRef: body.rootCauseRef ?? null },
      meta,
    }));
  }

  @Post(':incidentId/close')
  @HttpCode(200)
  @Roles(...SAFETY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close an incident' })
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('incidentId', IdParamPipe) incidentId: string,
    @Body() body: CloseSafetyIncidentDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, incidentId, context, body, (meta) => ({
      type: 'CloseSafetyIncident',
      data: { note: body.note ?? null },
      meta,
    }));
  }

  /** The scope checks every incident route makes, then the command on the incident's stream. */
  private async send(
    principal: Principal,
    projectId: string,
    incidentId: string,
    context: CommandContext,
    body: { readonly effectiveAt?: string },
    build: CommandFactory<SafetyIncidentCommand>,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const streamId = safetyIncidentStreamId(incidentId);
    await this.scope.assertBelongsToProject(streamId, projectId, safetyIncidentErrors.notInProject);
    return this.commands.dispatch<SafetyIncidentCommand>(
      safetyIncidentAggregate,
      streamId,
      build,
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
