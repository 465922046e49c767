import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import { type HandoverCommand, type Role, handoverAggregate, handoverErrors } from '@ledger/domain';
import { IdParamPipe, ScopedBy, type RouteScope, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
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

/** Routes on one handover: the project in the caller's claim, the handover in that project. */
const HANDOVER_ROUTE: RouteScope = {
  project: 'projectId',
  child: { param: 'handoverId', of: handoverAggregate, notInProject: handoverErrors.notInProject },
};

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
  private readonly handoverCommands: CommandSender<HandoverCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.handoverCommands = this.commands.for(handoverAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...HANDOVER_PARTIES)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary: 'Initiate a handover (Sell→Execute or Delivery→Care) with its checklist',
  })
  @ScopedBy({ project: 'projectId' })
  async initiate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: InitiateHandoverDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const handoverId = newId('handover', context);
    const items = body.items.map(({ id, title, mandatory }) => ({ id, title, mandatory }));
    return this.handoverCommands(
      handoverId,
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
  @ScopedBy(HANDOVER_ROUTE)
  submitEvidence(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Param('itemId', IdParamPipe) itemId: string,
    @Body() body: SubmitHandoverEvidenceDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { ref, note } = body;
    return this.handoverCommands(
      handoverId,
      (meta) => ({
        type: 'SubmitHandoverItem',
        data: { itemId, evidence: { ref, ...(note !== undefined ? { note } : {}) } },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':handoverId/items/:itemId/accept')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Accept a handover item' })
  @ScopedBy(HANDOVER_ROUTE)
  acceptItem(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Param('itemId', IdParamPipe) itemId: string,
    @Body() body: HandoverNoteDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.handoverCommands(
      handoverId,
      (meta) => ({
        type: 'AcceptHandoverItem',
        data: { itemId, note: body.note ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':handoverId/items/:itemId/reject')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reject a handover item, with the reason' })
  @ScopedBy(HANDOVER_ROUTE)
  rejectItem(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Param('itemId', IdParamPipe) itemId: string,
    @Body() body: HandoverReasonDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.handoverCommands(
      handoverId,
      (meta) => ({
        type: 'RejectHandoverItem',
        data: { itemId, reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':handoverId/approve')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Approve the handover (HandoverApproved; the receiving side only)' })
  @ScopedBy(HANDOVER_ROUTE)
  approve(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Body() body: HandoverNoteDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.handoverCommands(
      handoverId,
      (meta) => ({
        type: 'ApproveHandover',
        data: { note: body.note ?? null },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':handoverId/conditional-approval')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary: 'Approve the handover conditionally (every open item has an owner and a due date)',
  })
  @ScopedBy(HANDOVER_ROUTE)
  approveConditionally(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Body() body: ApproveHandoverConditionallyDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const conditions = body.conditions.map(({ itemId, ownerId, dueOn }) => ({
      itemId,
      ownerId,
      dueOn,
    }));
    return this.handoverCommands(
      handoverId,
      (meta) => ({
        type: 'ApproveHandoverConditionally',
        data: { conditions },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':handoverId/reject')
  @HttpCode(200)
  @Roles(...HANDOVER_PARTIES)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reject the handover' })
  @ScopedBy(HANDOVER_ROUTE)
  reject(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Body() body: HandoverReasonDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.handoverCommands(
      handoverId,
      (meta) => ({
        type: 'RejectHandover',
        data: { reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
