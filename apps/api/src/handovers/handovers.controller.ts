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
  handoverStreamId,
  type CommandMeta,
  type HandoverCommand,
  type Role,
  handoverAggregate,
  handoverErrors,
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
  ApproveHandoverConditionallyDto,
  HandoverNoteDto,
  HandoverReasonDto,
  InitiateHandoverDto,
  SubmitHandoverEvidenceDto,
} from './handover-commands.dto';

/**
 * Who initiates, reviews and approves depends on the handover's kind (sales → CPM, CPM → care)
 * and on who initiated it: the domain decides that (403 only-sending-side-may-initiate,
 * only-receiving-side-may-approve, sender-cannot-approve-own-handover). The route only keeps out
 * the roles that never take part in a handover: auditors (read-only) and integrations.
 */
const HANDOVER_PARTIES: Role[] = ['project-manager', 'pmo', 'sales', 'care', 'admin'];

@ApiTags('handovers')
@ApiBearerAuth()
@Controller('api/projects/:projectId/handovers')
export class HandoversController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...HANDOVER_PARTIES)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary: 'Initiate a handover (Sell→Execute or Delivery→Care) with its checklist',
  })
  async initiate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: InitiateHandoverDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const handoverId = newId('handover', context);
    const items = body.items.map(({ id, title, mandatory }) => ({ id, title, mandatory }));
    return this.commands.dispatch<HandoverCommand>(
      handoverAggregate,
      handoverStreamId(handoverId),
      (meta) => ({
        type: 'InitiateHandover',
        data: { handoverId, projectId, kind: body.kind, items },
        meta,
      }),
      context,
      { id: handoverId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':handoverId/items/:itemId/evidence')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Submit evidence for a handover item' })
  submitEvidence(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Param('itemId', IdParamPipe) itemId: string,
    @Body() body: SubmitHandoverEvidenceDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { ref, note } = body;
    return this.onHandover(projectId, handoverId, principal, context, body.effectiveAt, (meta) => ({
      type: 'SubmitHandoverItem',
      data: { itemId, evidence: { ref, ...(note !== undefined ? { note } : {}) } },
      meta,
    }));
  }

  @Post(':handoverId/items/:itemId/accept')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Accept a handover item' })
  acceptItem(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Param('itemId', IdParamPipe) itemId: string,
    @Body() body: HandoverNoteDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.onHandover(projectId, handoverId, principal, context, body.effectiveAt, (meta) => ({
      type: 'AcceptHandoverItem',
      data: { itemId, note: body.note ?? null },
      meta,
    }));
  }

  @Post(':handoverId/items/:itemId/reject')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reject a handover item, with the reason' })
  rejectItem(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Param('itemId', IdParamPipe) itemId: string,
    @Body() body: HandoverReasonDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.onHandover(projectId, handoverId, principal, context, body.effectiveAt, (meta) => ({
      type: 'RejectHandoverItem',
      data: { itemId, reason: body.reason },
      meta,
    }));
  }

  @Post(':handoverId/approve')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Approve the handover (HandoverApproved; the receiving side only)' })
  approve(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Body() body: HandoverNoteDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.onHandover(projectId, handoverId, principal, context, body.effectiveAt, (meta) => ({
      type: 'ApproveHandover',
      data: { note: body.note ?? null },
      meta,
    }));
  }

  @Post(':handoverId/conditional-approval')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary: 'Approve the handover conditionally (every open item has an owner and a due date)',
  })
  approveConditionally(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Body() body: ApproveHandoverConditionallyDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const conditions = body.conditions.map(({ itemId, ownerId, dueOn }) => ({
      itemId,
      ownerId,
      dueOn,
    }));
    return this.onHandover(projectId, handoverId, principal, context, body.effectiveAt, (meta) => ({
      type: 'ApproveHandoverConditionally',
      data: { conditions },
      meta,
    }));
  }

  @Post(':handoverId/reject')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reject the handover' })
  reject(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Body() body: HandoverReasonDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.onHandover(projectId, handoverId, principal, context, body.effectiveAt, (meta) => ({
      type: 'RejectHandover',
      data: { reason: body.reason },
      meta,
    }));
  }

  /** Scope checks every handover sub-route needs, then the command on the handover's stream. */
  private async onHandover(
    projectId: string,
    handoverId: string,
    principal: Principal,
    context: CommandContext,
    effectiveAt: string | undefined,
    build: (meta: CommandMeta) => HandoverCommand,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const streamId = handoverStreamId(handoverId);
    await this.scope.assertBelongsToProject(streamId, projectId, handoverErrors.notInProject);
    return this.commands.dispatch<HandoverCommand>(handoverAggregate, streamId, build, context, {
      effectiveAt,
    });
  }
}
