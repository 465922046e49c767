import { datePartOf, isCalendarDate, isText, requireReason, textOrNull } from '../shared';
import type {
  ApproveHandover,
  ApproveHandoverConditionally,
  RejectHandover,
} from './handover.commands';
import { handoverErrors } from './handover.errors';
import type { HandoverCondition, HandoverEvent, HandoverSummary } from './handover.events';
import {
  handoverRef,
  requireItem,
  requireOpen,
  requireReceivingSide,
  type OpenHandover,
} from './handover.guards';
import type { HandoverState } from './handover.state';

/**
 * The receiving side's final decisions: approve, approve with conditions, reject. Each makes the
 * handover final; another attempt is a new handover.
 */

function summaryOf(handover: OpenHandover): HandoverSummary {
  return {
    totalItems: handover.items.length,
    itemsAccepted: handover.items.filter((item) => item.status === 'accepted').map((i) => i.id),
    optionalItemsNotAccepted: handover.items
      .filter((item) => !item.mandatory && item.status !== 'accepted')
      .map((item) => item.id),
  };
}

export function approveHandover(command: ApproveHandover, state: HandoverState): HandoverEvent[] {
  const handover = requireOpen(state);
  const authority = requireReceivingSide(handover, command.meta.actor);
  const missing = handover.items
    .filter((item) => item.mandatory && item.status !== 'accepted')
    .map((item) => item.id);
  if (missing.length > 0) throw handoverErrors.mandatoryItemsNotAccepted(missing);
  return [
    {
      type: 'HandoverApproved',
      data: {
        ...handoverRef(handover),
        approvedBy: command.meta.actor.sub,
        authority,
        summary: summaryOf(handover),
        accountable: command.meta.actor.sub,
        previousAccountable: handover.accountable,
        note: textOrNull(command.data.note),
      },
    },
  ];
}

export function approveHandoverConditionally(
  command: ApproveHandoverConditionally,
  state: HandoverState,
): HandoverEvent[] {
  const handover = requireOpen(state);
  const authority = requireReceivingSide(handover, command.meta.actor);
  const openItems = handover.items.filter((item) => item.status !== 'accepted');
  if (openItems.length === 0) throw handoverErrors.conditionalApprovalNeedsOpenItems();
  const approvedOn = datePartOf(command.meta.effectiveAt);
  const given = new Map<string, HandoverCondition>();
  const conditions = command.data.conditions ?? [];
  for (const condition of conditions) {
    const item = requireItem(handover, condition.itemId);
    if (item.status === 'accepted') throw handoverErrors.conditionOnAcceptedItem(item.id);
    if (given.has(item.id)) throw handoverErrors.conditionDuplicated(item.id);
    const { ownerId, dueOn } = condition;
    if (!isText(ownerId) || !isCalendarDate(dueOn)) {
      throw handoverErrors.openItemsNeedOwnerAndDueDate([item.id]);
    }
    if (dueOn < approvedOn) throw handoverErrors.conditionDueInPast(item.id, dueOn, approvedOn);
    given.set(item.id, { itemId: item.id, mandatory: item.mandatory, ownerId, dueOn });
  }
  const uncovered = openItems.filter((item) => !given.has(item.id)).map((item) => item.id);
  if (uncovered.length > 0) throw handoverErrors.openItemsNeedOwnerAndDueDate(uncovered);
  return [
    {
      type: 'HandoverConditionallyApproved',
      data: {
        ...handoverRef(handover),
        approvedBy: command.meta.actor.sub,
        authority,
        summary: summaryOf(handover),
        // In checklist order, whatever order the command gave them in.
        conditions: openItems.flatMap((item) => given.get(item.id) ?? []),
        accountable: command.meta.actor.sub,
        previousAccountable: handover.accountable,
      },
    },
  ];
}

export function rejectHandover(command: RejectHandover, state: HandoverState): HandoverEvent[] {
  const handover = requireOpen(state);
  const authority = requireReceivingSide(handover, command.meta.actor);
  return [
    {
      type: 'HandoverRejected',
      data: {
        ...handoverRef(handover),
        reason: requireReason(command.data.reason),
        rejectedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}
