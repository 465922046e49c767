import { calendarDaysBetween, handoverReceivingRole, isHandoverKind } from '@ledger/domain';
import type {
  HandoverReadiness,
  HandoverItemReadinessState,
} from './handover-readiness.projection';

export interface HandoverBlockingItem {
  readonly id: string;
  readonly title: string;
  readonly state: HandoverItemReadinessState;
  /** Set when the handover was approved conditionally with this item open. */
  readonly condition: { readonly ownerId: string; readonly dueOn: string } | null;
}

/** Who holds the handover: the sender until the receiver approves it, then the receiver. */
export interface HandoverHolder {
  readonly side: 'sender' | 'receiver';
  /** The accountable person (the initiator, then the approver). */
  readonly personId: string;
  /** The role they hold it under. */
  readonly role: string;
}

export interface HandoverReadinessFigures {
  readonly mandatoryItems: number;
  readonly mandatoryAccepted: number;
  /** Mandatory items accepted, in percent (one decimal); null when there is no mandatory item. */
  readonly mandatoryAcceptedPct: number | null;
  /** Mandatory items not accepted (these block a plain approval), in checklist order. */
  readonly blockingItems: readonly HandoverBlockingItem[];
  /**
   * Whole calendar days from the initiation's business date to the decision's (approval,
   * conditional approval or rejection: all final) or, while undecided, to `asOf`; never below 0.
   */
  readonly ageDays: number;
  readonly holder: HandoverHolder;
}

const dateOf = (timestamp: string): string => timestamp.slice(0, 10);

/** The computed part of the readiness answer, as of the calendar date `asOf` (YYYY-MM-DD). */
export function handoverReadinessOf(
  handover: HandoverReadiness,
  asOf: string,
): HandoverReadinessFigures {
  const mandatory = handover.items.filter((item) => item.mandatory);
  const accepted = mandatory.filter((item) => item.state === 'accepted').length;
  const decidedAt = handover.approvedAt ?? handover.rejectedAt;
  const until = decidedAt === null ? asOf : dateOf(decidedAt);
  const approved = handover.status === 'approved' || handover.status === 'conditionally-approved';
  const receiverRole = isHandoverKind(handover.kind)
    ? handoverReceivingRole(handover.kind)
    : 'receiver';
  return {
    mandatoryItems: mandatory.length,
    mandatoryAccepted: accepted,
    mandatoryAcceptedPct:
      mandatory.length === 0 ? null : Math.round((accepted / mandatory.length) * 1000) / 10,
    blockingItems: mandatory
      .filter((item) => item.state !== 'accepted')
      .map(({ id, title, state, condition }) => ({ id, title, state, condition })),
    ageDays: Math.max(0, calendarDaysBetween(dateOf(handover.initiatedAt), until)),
    holder: approved
      ? {
          side: 'receiver',
          personId: handover.accountable,
          role: handover.receiverAuthority ?? receiverRole,
        }
      : { side: 'sender', personId: handover.accountable, role: handover.senderAuthority },
  };
}
