import { assertNever, type HandoverEvent } from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

export const HANDOVER_READINESS = 'handover_readiness';

export const HANDOVER_READINESS_STATUSES = [
  'initiated',
  'approved',
  'conditionally-approved',
  'rejected',
] as const;
export type HandoverReadinessStatus = (typeof HANDOVER_READINESS_STATUSES)[number];

/** open: no evidence yet; submitted: evidence awaits review; accepted / rejected by the receiver. */
export type HandoverItemReadinessState = 'open' | 'submitted' | 'accepted' | 'rejected';

export interface HandoverItemReadiness {
  readonly id: string;
  readonly title: string;
  readonly mandatory: boolean;
  readonly state: HandoverItemReadinessState;
  /** The evidence submitted last (a rejected item keeps it until it is submitted again). */
  readonly evidence: { readonly ref: string; readonly note: string | null } | null;
  readonly submittedBy: string | null;
  readonly submittedAt: string | null;
  /** Who accepted or rejected it last, when (business time), and what they said. */
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  readonly reviewNote: string | null;
  readonly rejectionReason: string | null;
  /** On a conditional approval: who closes this open item and by when. */
  readonly condition: { readonly ownerId: string; readonly dueOn: string } | null;
}

/**
 * One document per handover (`_id` = handoverId) in `handover_readiness`. Times are business
 * times (the events' effectiveAt). The events carry the project, not the program: queries find
 * the program through the project summary.
 */
export interface HandoverReadiness extends ReadDocument {
  readonly handoverId: string;
  readonly projectId: string;
  readonly kind: string;
  readonly status: HandoverReadinessStatus;
  readonly items: readonly HandoverItemReadiness[];
  readonly initiatedBy: string;
  readonly initiatedAt: string;
  /** The sending-side role the initiator acted under. */
  readonly senderAuthority: string;
  /** Who is accountable now: the sender until approval, then the receiver who approved. */
  readonly accountable: string;
  readonly approvedBy: string | null;
  readonly approvedAt: string | null;
  /** The receiving role that approved (or rejected). */
  readonly receiverAuthority: string | null;
  readonly approvalNote: string | null;
  readonly rejectedBy: string | null;
  readonly rejectedAt: string | null;
  readonly rejectionReason: string | null;
  readonly lastEventAt: string;
}

/** A text the event may leave out (null or absent): the text, else null. */
const textOrNull = (value: string | null | undefined): string | null =>
  typeof value === 'string' ? value : null;

function withItem(
  document: HandoverReadiness,
  itemId: string | undefined,
  change: (item: HandoverItemReadiness) => HandoverItemReadiness,
): HandoverReadiness {
  return {
    ...document,
    items: document.items.map((item) => (item.id === itemId ? change(item) : item)),
  };
}

/** Handover readiness (issue 4, DOMAIN.md read model 5): one document per handover. */
export const handoverReadinessProjection: Projection<HandoverReadiness> = defineProjection<
  HandoverEvent,
  HandoverReadiness
>({
  name: 'handover-readiness',
  collection: HANDOVER_READINESS,
  handles: {
    HandoverInitiated: true,
    HandoverItemSubmitted: true,
    HandoverItemAccepted: true,
    HandoverItemRejected: true,
    HandoverApproved: true,
    HandoverConditionallyApproved: true,
    HandoverRejected: true,
  },
  indexes: [['projectId']],

  documentId(event: ProjectedEvent<HandoverEvent>): string | null {
    return event.data.handoverId || null;
  },

  apply(
    document: HandoverReadiness | null,
    event: ProjectedEvent<HandoverEvent>,
  ): HandoverReadiness | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const { type, data } = event;
    const at = event.metadata.effectiveAt;
    if (type === 'HandoverInitiated') {
      if (document) return document;
      const handoverId = data.handoverId;
      const items = data.items.map(({ id, title, mandatory }) => ({
        id,
        title,
        mandatory: mandatory === true,
        state: 'open' as const,
        evidence: null,
        submittedBy: null,
        submittedAt: null,
        reviewedBy: null,
        reviewedAt: null,
        reviewNote: null,
        rejectionReason: null,
        condition: null,
      }));
      return {
        _id: handoverId,
        position: event.position,
        handoverId,
        projectId: data.projectId,
        kind: data.kind,
        status: 'initiated',
        items,
        initiatedBy: data.initiatedBy,
        initiatedAt: at,
        senderAuthority: data.authority,
        accountable: textOrNull(data.accountable) ?? data.initiatedBy,
        approvedBy: null,
        approvedAt: null,
        receiverAuthority: null,
        approvalNote: null,
        rejectedBy: null,
        rejectedAt: null,
        rejectionReason: null,
        lastEventAt: at,
      };
    }
    // No other event creates the document (P5: it may be replayed onto null).
    if (!document) return null;
    const itemId = 'itemId' in data ? data.itemId : undefined;
    // An item event naming an item not on the checklist changes nothing.
    if (typeof itemId === 'string' && !document.items.some((item) => item.id === itemId)) {
      return document;
    }
    const touched: HandoverReadiness = { ...document, lastEventAt: at };
    switch (type) {
      case 'HandoverItemSubmitted': {
        const { evidence } = data;
        return withItem(touched, itemId, (item) => ({
          ...item,
          state: 'submitted',
          evidence: { ref: evidence.ref, note: evidence.note ?? null },
          submittedBy: data.submittedBy,
          submittedAt: at,
        }));
      }
      case 'HandoverItemAccepted':
        return withItem(touched, itemId, (item) =>
          item.state === 'open'
            ? item
            : {
                ...item,
                state: 'accepted',
                reviewedBy: data.acceptedBy,
                reviewedAt: at,
                reviewNote: textOrNull(data.note),
                rejectionReason: null,
              },
        );
      case 'HandoverItemRejected':
        return withItem(touched, itemId, (item) =>
          item.state === 'open'
            ? item
            : {
                ...item,
                state: 'rejected',
                reviewedBy: data.rejectedBy,
                reviewedAt: at,
                reviewNote: null,
                rejectionReason: data.reason,
              },
        );
      case 'HandoverApproved':
        return {
          ...touched,
          status: 'approved',
          accountable: data.accountable,
          approvedBy: data.approvedBy,
          approvedAt: at,
          receiverAuthority: data.authority,
          approvalNote: textOrNull(data.note),
        };
      case 'HandoverConditionallyApproved': {
        const conditions = data.conditions ?? [];
        return {
          ...touched,
          status: 'conditionally-approved',
          accountable: data.accountable,
          approvedBy: data.approvedBy,
          approvedAt: at,
          receiverAuthority: data.authority,
          items: touched.items.map((item) => {
            const condition = conditions.find((given) => given.itemId === item.id);
            return condition
              ? { ...item, condition: { ownerId: condition.ownerId, dueOn: condition.dueOn } }
              : item;
          }),
        };
      }
      case 'HandoverRejected':
        return {
          ...touched,
          status: 'rejected',
          rejectedBy: data.rejectedBy,
          rejectedAt: at,
          receiverAuthority: data.authority,
          rejectionReason: data.reason,
        };
      default:
        return assertNever(type);
    }
  },
});
