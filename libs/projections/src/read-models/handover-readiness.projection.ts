import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../projection';
import { type EventData, idFrom, str } from './event-data';

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

const HANDLED = [
  'HandoverInitiated',
  'HandoverItemSubmitted',
  'HandoverItemAccepted',
  'HandoverItemRejected',
  'HandoverApproved',
  'HandoverConditionallyApproved',
  'HandoverRejected',
] as const;

const strOrNull = (data: EventData, key: string): string | null => {
  const value = data[key];
  return typeof value === 'string' ? value : null;
};

function withItem(
  document: HandoverReadiness,
  itemId: unknown,
  change: (item: HandoverItemReadiness) => HandoverItemReadiness,
): HandoverReadiness {
  return {
    ...document,
    items: document.items.map((item) => (item.id === itemId ? change(item) : item)),
  };
}

/** Handover readiness (issue 4, DOMAIN.md read model 5): one document per handover. */
export const handoverReadinessProjection: Projection<HandoverReadiness> = {
  name: 'handover-readiness',
  collection: HANDOVER_READINESS,
  handles: HANDLED,
  indexes: [['projectId']],

  documentId(event: RecordedEvent): string | null {
    return idFrom(event, 'handoverId');
  },

  apply(document: HandoverReadiness | null, event: RecordedEvent): HandoverReadiness | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const data = event.data as EventData;
    const at = event.metadata.effectiveAt;
    if (event.type === 'HandoverInitiated') {
      if (document) return document;
      const handoverId = str(data, 'handoverId');
      const items = (
        data['items'] as readonly { id: string; title: string; mandatory: boolean }[]
      ).map(({ id, title, mandatory }) => ({
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
        projectId: str(data, 'projectId'),
        kind: str(data, 'kind'),
        status: 'initiated',
        items,
        initiatedBy: str(data, 'initiatedBy'),
        initiatedAt: at,
        senderAuthority: str(data, 'authority'),
        accountable: strOrNull(data, 'accountable') ?? str(data, 'initiatedBy'),
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
    const itemId = data['itemId'];
    // An item event naming an item not on the checklist changes nothing.
    if (typeof itemId === 'string' && !document.items.some((item) => item.id === itemId)) {
      return document;
    }
    const touched: HandoverReadiness = { ...document, lastEventAt: at };
    switch (event.type) {
      case 'HandoverItemSubmitted': {
        const evidence = data['evidence'] as { ref: string; note?: string | null };
        return withItem(touched, itemId, (item) => ({
          ...item,
          state: 'submitted',
          evidence: { ref: evidence.ref, note: evidence.note ?? null },
          submittedBy: str(data, 'submittedBy'),
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
                reviewedBy: str(data, 'acceptedBy'),
                reviewedAt: at,
                reviewNote: strOrNull(data, 'note'),
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
                reviewedBy: str(data, 'rejectedBy'),
                reviewedAt: at,
                reviewNote: null,
                rejectionReason: str(data, 'reason'),
              },
        );
      case 'HandoverApproved':
        return {
          ...touched,
          status: 'approved',
          accountable: str(data, 'accountable'),
          approvedBy: str(data, 'approvedBy'),
          approvedAt: at,
          receiverAuthority: str(data, 'authority'),
          approvalNote: strOrNull(data, 'note'),
        };
      case 'HandoverConditionallyApproved': {
        const conditions =
          (data['conditions'] as
            readonly { itemId: string; ownerId: string; dueOn: string }[] | undefined) ?? [];
        return {
          ...touched,
          status: 'conditionally-approved',
          accountable: str(data, 'accountable'),
          approvedBy: str(data, 'approvedBy'),
          approvedAt: at,
          receiverAuthority: str(data, 'authority'),
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
          rejectedBy: str(data, 'rejectedBy'),
          rejectedAt: at,
          receiverAuthority: str(data, 'authority'),
          rejectionReason: str(data, 'reason'),
        };
      default:
        return document;
    }
  },
};
