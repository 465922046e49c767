import {
  assertNever,
  duplicatesIn,
  grantingRole,
  isText,
  requireReason,
  requireText,
  textOrNull,
  type Decider,
} from '../shared';
import { handoverSendingRoles, isHandoverKind } from './handover-roles';
import {
  approveHandover,
  approveHandoverConditionally,
  rejectHandover,
} from './handover-decision.decider';
import type {
  AcceptHandoverItem,
  HandoverCommand,
  InitiateHandover,
  RejectHandoverItem,
  SubmitHandoverItem,
} from './handover.commands';
import { handoverErrors } from './handover.errors';
import type { ChecklistItem, HandoverEvent } from './handover.events';
import {
  handoverRef,
  requireItem,
  requireOpen,
  requireReceivingSide,
  requireSubmittedItem,
} from './handover.guards';
import { evolveHandover, initialHandoverState, type HandoverState } from './handover.state';

function checklistFrom(items: readonly ChecklistItem[] | undefined): ChecklistItem[] {
  if (!Array.isArray(items) || items.length === 0) throw handoverErrors.checklistEmpty();
  const checklist = items.map((item: Partial<ChecklistItem> | null, index): ChecklistItem => {
    if (!isText(item?.id) || !isText(item.title) || typeof item.mandatory !== 'boolean') {
      throw handoverErrors.checklistItemInvalid(index);
    }
    return { id: item.id, title: item.title, mandatory: item.mandatory };
  });
  const ids = checklist.map((item) => item.id);
  const duplicates = duplicatesIn(ids);
  if (duplicates.length > 0) throw handoverErrors.checklistItemIdsNotUnique(duplicates);
  return checklist;
}

function initiateHandover(command: InitiateHandover, state: HandoverState): HandoverEvent[] {
  if (state.status !== 'absent') throw handoverErrors.alreadyExists(state.handoverId);
  const { actor } = command.meta;
  const handoverId = requireText('handoverId', command.data.handoverId);
  const projectId = requireText('projectId', command.data.projectId);
  const { kind } = command.data;
  if (!isHandoverKind(kind)) throw handoverErrors.kindUnknown(String(kind));
  const sendingRoles = handoverSendingRoles(kind);
  const authority = grantingRole(actor, sendingRoles);
  if (authority === undefined) throw handoverErrors.onlySendingSideMayInitiate(kind, sendingRoles);
  return [
    {
      type: 'HandoverInitiated',
      data: {
        handoverId,
        projectId,
        kind,
        items: checklistFrom(command.data.items),
        initiatedBy: actor.sub,
        authority,
        accountable: actor.sub,
      },
    },
  ];
}

function submitItem(command: SubmitHandoverItem, state: HandoverState): HandoverEvent[] {
  const handover = requireOpen(state);
  const item = requireItem(handover, command.data.itemId);
  if (item.status === 'accepted') throw handoverErrors.itemAlreadyAccepted(item.id);
  const { ref, note } = command.data.evidence ?? {};
  if (!isText(ref)) throw handoverErrors.evidenceRefRequired();
  return [
    {
      type: 'HandoverItemSubmitted',
      data: {
        ...handoverRef(handover),
        itemId: item.id,
        evidence: { ref, note: textOrNull(note) },
        submittedBy: command.meta.actor.sub,
      },
    },
  ];
}

function acceptItem(command: AcceptHandoverItem, state: HandoverState): HandoverEvent[] {
  const handover = requireOpen(state);
  const authority = requireReceivingSide(handover, command.meta.actor);
  const item = requireSubmittedItem(handover, command.data.itemId);
  return [
    {
      type: 'HandoverItemAccepted',
      data: {
        ...handoverRef(handover),
        itemId: item.id,
        acceptedBy: command.meta.actor.sub,
        authority,
        note: textOrNull(command.data.note),
      },
    },
  ];
}

function rejectItem(command: RejectHandoverItem, state: HandoverState): HandoverEvent[] {
  const handover = requireOpen(state);
  const authority = requireReceivingSide(handover, command.meta.actor);
  const item = requireSubmittedItem(handover, command.data.itemId);
  return [
    {
      type: 'HandoverItemRejected',
      data: {
        ...handoverRef(handover),
        itemId: item.id,
        reason: requireReason(command.data.reason),
        rejectedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideHandover(command: HandoverCommand, state: HandoverState): HandoverEvent[] {
  switch (command.type) {
    case 'InitiateHandover':
      return initiateHandover(command, state);
    case 'SubmitHandoverItem':
      return submitItem(command, state);
    case 'AcceptHandoverItem':
      return acceptItem(command, state);
    case 'RejectHandoverItem':
      return rejectItem(command, state);
    case 'ApproveHandover':
      return approveHandover(command, state);
    case 'ApproveHandoverConditionally':
      return approveHandoverConditionally(command, state);
    case 'RejectHandover':
      return rejectHandover(command, state);
    default:
      return assertNever(command);
  }
}

export const handoverDecider: Decider<HandoverCommand, HandoverState, HandoverEvent> = {
  initialState: initialHandoverState,
  evolve: evolveHandover,
  decide: decideHandover,
};
