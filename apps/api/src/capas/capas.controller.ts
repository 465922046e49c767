import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import { CAPA_ROLES, type CapaCommand, capaAggregate, capaErrors } from '@ledger/domain';
import { IdParamPipe, ScopedBy, type RouteScope, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
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

/** Routes on one capa: the project in the caller's claim, the capa in that project. */
const CAPA_ROUTE: RouteScope = {
  project: 'projectId',
  child: { param: 'capaId', of: capaAggregate, notInProject: capaErrors.notInProject },
};

/**
 * Corrective and preventive actions (CAPA) of a project. Every decision on a CAPA takes one of
 * the domain's CAPA_ROLES (the CPM, the PMO or care); the route keeps every other role out.
 */
@ApiTags('corrective-actions')
@ApiBearerAuth()
@Controller('api/projects/:projectId/corrective-actions')
@Roles(...CAPA_ROLES)
export class CapasController {
  private readonly capaCommands: CommandSender<CapaCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.capaCommands = this.commands.for(capaAggregate);
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Open a corrective and preventive action (CAPA)' })
  @ScopedBy({ project: 'projectId' })
  async open(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: OpenCorrectiveActionDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const capaId = newId('capa', context);
    const { source, sourceRef, problemStatement } = body;
    return this.capaCommands(
      capaId,
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
  @ScopedBy(CAPA_ROUTE)
  recordContainment(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: RecordContainmentDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.capaCommands(
      capaId,
      (meta) => ({
        type: 'RecordContainment',
        data: { actionTaken: body.actionTaken },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':capaId/root-cause')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the root cause of a CAPA' })
  @ScopedBy(CAPA_ROUTE)
  recordRootCause(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: RecordRootCauseDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.capaCommands(
      capaId,
      (meta) => ({
        type: 'RecordRootCause',
        data: { method: body.method, statement: body.statement },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':capaId/actions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Add a CAPA action' })
  @ScopedBy(CAPA_ROUTE)
  addAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: AddCorrectiveActionDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const actionId = body.actionId ?? newId('capa-action', context);
    const { description, ownerId, dueOn } = body;
    return this.capaCommands(
      capaId,
      (meta) => ({
        type: 'AddCorrectiveAction',
        data: { actionId, description, ownerId, dueOn },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt, id: actionId },
    );
  }

  @Post(':capaId/actions/:actionId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Complete a CAPA action' })
  @ScopedBy(CAPA_ROUTE)
  completeAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Param('actionId', IdParamPipe) actionId: string,
    @Body() body: CompleteCorrectiveActionDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.capaCommands(
      capaId,
      (meta) => ({
        type: 'CompleteCorrectiveAction',
        data: { actionId, evidence: body.evidence ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':capaId/effectiveness-criteria')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Define the effectiveness criteria (before any check)' })
  @ScopedBy(CAPA_ROUTE)
  defineCriteria(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: DefineEffectivenessCriteriaDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const criteria = body.criteria.map(({ criterionId, description }) => ({
      criterionId,
      description,
    }));
    return this.capaCommands(
      capaId,
      (meta) => ({
        type: 'DefineEffectivenessCriteria',
        data: { criteria },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':capaId/effectiveness-checks')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record an effectiveness check against the criteria' })
  @ScopedBy(CAPA_ROUTE)
  recordCheck(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: RecordEffectivenessCheckDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const results = body.results.map(({ criterionId, met, observation }) => ({
      criterionId,
      met,
      observation: observation ?? null,
    }));
    return this.capaCommands(
      capaId,
      (meta) => ({
        type: 'RecordEffectivenessCheck',
        data: { results },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':capaId/close')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a CAPA' })
  @ScopedBy(CAPA_ROUTE)
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('capaId', IdParamPipe) capaId: string,
    @Body() body: CloseCorrectiveActionDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.capaCommands(
      capaId,
      (meta) => ({
        type: 'CloseCorrectiveAction',
        data: { note: body.note ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
