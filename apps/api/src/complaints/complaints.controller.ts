import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CommandExecutor, type CommandContext } from '@ledger/command-path';
import {
  COMPLAINT_ROLES,
  capaStreamId,
  type ComplaintCommand,
  type LinkComplaintToCorrectiveAction,
  capaAggregate,
  complaintAggregate,
  complaintErrors,
} from '@ledger/domain';
import { IdParamPipe, ScopedBy, type RouteScope, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
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

/** Routes on one complaint: the project in the caller's claim, the complaint in that project. */
const COMPLAINT_ROUTE: RouteScope = {
  project: 'projectId',
  child: {
    param: 'complaintId',
    of: complaintAggregate,
    notInProject: complaintErrors.notInProject,
  },
};

/**
 * Complaints of a project. Roles follow the domain's COMPLAINT_ROLES, so a role the decider would
 * refuse is kept out at the route already: the CPM, the PMO, care or the CRM integration receive
 * a complaint; only the CPM or care handle it.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/projects/:projectId/complaints')
export class ComplaintsController {
  private readonly complaintCommands: CommandSender<ComplaintCommand>;

  constructor(
    private readonly commands: CommandDispatcher,
    private readonly executor: CommandExecutor,
  ) {
    this.complaintCommands = this.commands.for(complaintAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...COMPLAINT_ROLES.receive)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Receive a customer complaint' })
  @ScopedBy({ project: 'projectId' })
  async receive(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReceiveComplaintDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const complaintId = newId('complaint', context);
    const { receivedOn, channel, summary, customerContactRef, hsRelated } = body;
    return this.complaintCommands(
      complaintId,
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
  @ScopedBy(COMPLAINT_ROUTE)
  acknowledge(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: EffectiveAtDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.complaintCommands(
      complaintId,
      (meta) => ({
        type: 'AcknowledgeComplaint',
        data: {},
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':complaintId/assessment')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: "Assess a complaint's severity and due date" })
  @ScopedBy(COMPLAINT_ROUTE)
  assess(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: AssessComplaintDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.complaintCommands(
      complaintId,
      (meta) => ({
        type: 'AssessComplaint',
        data: { severity: body.severity, dueOn: body.dueOn },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':complaintId/investigation')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the investigation of a complaint' })
  @ScopedBy(COMPLAINT_ROUTE)
  investigate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: InvestigateComplaintDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.complaintCommands(
      complaintId,
      (meta) => ({
        type: 'InvestigateComplaint',
        data: { findings: body.findings },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':complaintId/response')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Respond to the customer' })
  @ScopedBy(COMPLAINT_ROUTE)
  respond(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: RespondToComplaintDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.complaintCommands(
      complaintId,
      (meta) => ({
        type: 'RespondToComplaint',
        data: { response: body.response, respondedOn: body.respondedOn },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':complaintId/close')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a complaint (customer satisfied or not)' })
  @ScopedBy(COMPLAINT_ROUTE)
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: CloseComplaintDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.complaintCommands(
      complaintId,
      (meta) => ({
        type: 'CloseComplaint',
        data: { customerSatisfied: body.customerSatisfied, note: body.note ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':complaintId/reopen')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reopen a complaint' })
  @ScopedBy(COMPLAINT_ROUTE)
  reopen(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: ReopenComplaintDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.complaintCommands(
      complaintId,
      (meta) => ({
        type: 'ReopenComplaint',
        data: { reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':complaintId/corrective-action-link')
  @HttpCode(200)
  @Roles(...COMPLAINT_ROLES.handle)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Link a complaint to its corrective action (CAPA)' })
  @ScopedBy(COMPLAINT_ROUTE)
  async linkCorrectiveAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('complaintId', IdParamPipe) complaintId: string,
    @Body() body: LinkCorrectiveActionDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const capaRaisedFrom = await this.capaRaisedFrom(body.capaId, projectId);
    return this.complaintCommands(
      complaintId,
      (meta) => ({
        type: 'LinkComplaintToCorrectiveAction',
        data: { capaId: body.capaId, capaRaisedFrom },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
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
