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
  CAPA_ROLES,
  capaStreamId,
  type CapaCommand,
  capaAggregate,
  capaErrors,
} from '@ledger/domain';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  Roles,
} from '@ledger/runtime';
import { CommandDispatcher, type DispatchOptions } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import {
  AddCorrectiveActionDto,
  CloseCorrectiveActionDto,
  CompleteCorrectiveActionDto,
  DefineEffectivenessCriteriaDto,
  OpenCorrectiveActionDto,
  RecordContainmentDto,
  RecordEffectivenessCheckDto,
  RecordRootCauseDto,
} from './capa-commands.dto';

/**
 * Corrective and preventive actions (CAPA) of a project. Every decision on a CAPA takes one of
 * the domain's CAPA_ROLES (the CPM, the PMO or care); the route keeps every other role out.
 */
@ApiTags('corrective-actions')
@ApiBearerAuth()
@Controller('api/projects/:projectId/corrective-actions')
@Roles(...CAPA_ROLES)
export class CapasController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Open a corrective and preventive action (CAPA)' })
  async open(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: OpenCorrectiveActionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const capaId = newId('capa', context);
    const { source, sourceRef, problemStatement } = body;
    return this.commands.dispatch<CapaCommand>(
      capaAggregate,
      capaStreamId(capaId),
      (meta) => ({
        type: 'OpenCorrectiveAction',
        data: { capaId, projectId, source, sourceRef, problemStatement },
        meta,
      }),
      context,
      { id: capaId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':capaId/containment')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the containment of a CAPA' })
  recordContainment(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: RecordContainmentDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, capaId, context, body, (meta) => ({
      type: 'RecordContainment',
      data: { actionTaken: body.actionTaken },
      meta,
    }));
  }

  @Post(':capaId/root-cause')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the root cause of a CAPA' })
  recordRootCause(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: RecordRootCauseDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, capaId, context, body, (meta) => ({
      type: 'RecordRootCause',
      data: { method: body.method, statement: body.statement },
      meta,
    }));
  }

  @Post(':capaId/actions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Add a CAPA action' })
  addAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: AddCorrectiveActionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const actionId = body.actionId ?? newId('capa-action', context);
    const { description, ownerId, dueOn } = body;
    return this.send(
      principal,
      projectId,
      capaId,
      context,
      body,
      (meta) => ({
        type: 'AddCorrectiveAction',
        data: { actionId, description, ownerId, dueOn },
        meta,
      }),
      actionId,
    );
  }

  @Post(':capaId/actions/:actionId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Complete a CAPA action' })
  completeAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Param('actionId', IdParamPipe) actionId: string,
    @Body() body: CompleteCorrectiveActionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, capaId, context, body, (meta) => ({
      type: 'CompleteCorrectiveAction',
      data: { actionId, evidence: body.evidence ?? null },
      meta,
    }));
  }

  @Post(':capaId/effectiveness-criteria')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Define the effectiveness criteria (before any check)' })
  defineCriteria(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: DefineEffectivenessCriteriaDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const criteria = body.criteria.map(({ criterionId, description }) => ({
      criterionId,
      description,
    }));
    return this.send(principal, projectId, capaId, context, body, (meta) => ({
      type: 'DefineEffectivenessCriteria',
      data: { criteria },
      meta,
    }));
  }

  @Post(':capaId/effectiveness-checks')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record an effectiveness check against the criteria' })
  recordCheck(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: RecordEffectivenessCheckDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const results = body.results.map(({ criterionId, met, observation }) => ({
      criterionId,
      met,
      observation: observation ?? null,
    }));
    return this.send(principal, projectId, capaId, context, body, (meta) => ({
      type: 'RecordEffectivenessCheck',
      data: { results },
      meta,
    }));
  }

  @Post(':capaId/close')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a CAPA' })
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: CloseCorrectiveActionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, capaId, context, body, (meta) => ({
      type: 'CloseCorrectiveAction',
      data: { note: body.note ?? null },
      meta,
    }));
  }

  /** The scope checks every CAPA route makes, then the command on the CAPA's stream. */
  private async send(
    principal: Principal,
    projectId: string,
    capaId: string,
    context: CommandContext,
    body: { readonly effectiveAt?: string },
    build: CommandFactory<CapaCommand>,
    id?: string,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const streamId = capaStreamId(capaId);
    await this.scope.assertBelongsToProject(streamId, projectId, capaErrors.notInProject);
    const options: DispatchOptions = { effectiveAt: body.effectiveAt, ...(id ? { id } : {}) };
    return this.commands.dispatch<CapaCommand>(capaAggregate, streamId, build, context, options);
  }
}
