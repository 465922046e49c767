import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CommandExecutor, type CommandContext, type CommandFactory } from '@ledger/command-path';
import {
  COMPLAINT_ROLES,
  capaStreamId,
  complaintStreamId,
  type ComplaintCommand,
  type LinkComplaintToCorrectiveAction,
  capaAggregate,
  complaintAggregate,
  complaintErrors,
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
import { EffectiveAtDto } from '../http/effective-at.dto';
import { newId } from '../http/new-id';
import {
  AssessComplaintDto,
  CloseComplaintDto,
  InvestigateComplaintDto,
  LinkCorrectiveActionDto,
  ReceiveComplaintDto,
  ReopenComplaintDto,
  RespondToComplaintDto,
} from './complaint-commands.dto';

/**
 * Complaints of a project. Roles follow the domain's COMPLAINT_ROLES, so a role the decider would
 * refuse is kept out at the route already: the CPM, the PMO, care or the CRM integration receive
 * a complaint; only the CPM or care handle it.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/projects/:projectId/complaints')
export class ComplaintsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
    private readonly executor: CommandExecutor,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...COMPLAINT_ROLES.receive)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Receive a customer complaint' })
  async receive(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReceiveComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const complaintId = newId('complaint', context);
    const { receivedOn, channel, summary, customerContactRef, hsRelated } = body;
    return this.commands.dispatch<ComplaintCommand>(
      complaintAggregate,
      complaintStreamId(complaintId),
      (meta) => ({
        type: 'ReceiveComplaint',
        data: {
          complaintId,
          projectId,
          receivedOn,
          channel,
          summary,
          customerContactRef,
          hsRelated,
        },
        meta,
      }),
      context,
      { id: complaintId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':complaintId/acknowledgement')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Acknowledge a complaint' })
  acknowledge(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: EffectiveAtDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, complaintId, context, body, (meta) => ({
      type: 'AcknowledgeComplaint',
      data: {},
      meta,
    }));
  }

  @Post(':complaintId/assessment')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: "Assess a complaint's severity and due date" })
  assess(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: AssessComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, complaintId, context, body, (meta) => ({
      type: 'AssessComplaint',
      data: { severity: body.severity, dueOn: body.dueOn },
      meta,
    }));
  }

  @Post(':complaintId/investigation')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the investigation of a complaint' })
  investigate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: InvestigateComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, complaintId, context, body, (meta) => ({
      type: 'InvestigateComplaint',
      data: { findings: body.findings },
      meta,
    }));
  }

  @Post(':complaintId/response')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Respond to the customer' })
  respond(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: RespondToComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, complaintId, context, body, (meta) => ({
      type: 'RespondToComplaint',
      data: { response: body.response, respondedOn: body.respondedOn },
      meta,
    }));
  }

  @Post(':complaintId/close')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a complaint (customer satisfied or not)' })
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: CloseComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, complaintId, context, body, (meta) => ({
      type: 'CloseComplaint',
      data: { customerSatisfied: body.customerSatisfied, note: body.note ?? null },
      meta,
    }));
  }

  @Post(':complaintId/reopen')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reopen a complaint' })
  reopen(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: ReopenComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, complaintId, context, body, (meta) => ({
      type: 'ReopenComplaint',
      data: { reason: body.reason },
      meta,
    }));
  }

  @Post(':complaintId/corrective-action-link')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Link a complaint to its corrective action (CAPA)' })
  async linkCorrectiveAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: LinkCorrectiveActionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const streamId = await this.complaintInScope(principal, projectId, complaintId);
    const capaRaisedFrom = await this.capaRaisedFrom(body.capaId, projectId);
    return this.commands.dispatch<ComplaintCommand>(
      complaintAggregate,
      streamId,
      (meta) => ({
        type: 'LinkComplaintToCorrectiveAction',
        data: { capaId: body.capaId, capaRaisedFrom },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /** The scope checks every complaint route makes, then the command on the complaint's stream. */
  private async send(
    principal: Principal,
    projectId: string,
    complaintId: string,
    context: CommandContext,
    body: EffectiveAtDto,
    build: CommandFactory<ComplaintCommand>,
  ): Promise<CommandAcceptedDto> {
    const streamId = await this.complaintInScope(principal, projectId, complaintId);
    return this.commands.dispatch<ComplaintCommand>(complaintAggregate, streamId, build, context, {
      effectiveAt: body.effectiveAt,
    });
  }

  /** The project is in the caller's claim and the complaint (if it exists) is that project's. */
  private async complaintInScope(
    principal: Principal,
    projectId: string,
    complaintId: string,
  ): Promise<string> {
    await this.scope.assertProject(principal, projectId);
    const streamId = complaintStreamId(complaintId);
    await this.scope.assertBelongsToProject(streamId, projectId, complaintErrors.notInProject);
    return streamId;
  }

  /**
   * The fact the link needs from the CAPA: where it was raised from. A CAPA of another project
   * counts as absent here, so this route cannot reach past the caller's programs claim.
   */
  private async capaRaisedFrom(
    capaId: string,
    projectId: string,
  ): Promise<LinkComplaintToCorrectiveAction['data']['capaRaisedFrom']> {
    const { state } = await this.executor.load(capaAggregate, capaStreamId(capaId));
    const capa = state;
    if (capa.status === 'absent' || capa.projectId !== projectId) return null;
    return { source: capa.source, sourceRef: capa.sourceRef };
  }
}
