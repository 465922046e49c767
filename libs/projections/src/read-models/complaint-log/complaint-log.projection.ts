import { assertNever, type ComplaintEvent } from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

export const COMPLAINT_LOG = 'complaint_log';

export const COMPLAINT_LOG_STATUSES = [
  'received',
  'acknowledged',
  'assessed',
  'investigated',
  'responded',
  'closed',
  'reopened',
] as const;
export type ComplaintLogStatus = (typeof COMPLAINT_LOG_STATUSES)[number];

/**
 * One document per complaint (`_id` = complaintId) in `complaint_log`. Dates the events carry
 * (receivedOn, assessedOn, dueOn, respondedOn) are kept as given; the others are the business
 * date or time (effectiveAt) of the event.
 */
export interface ComplaintLogEntry extends ReadDocument {
  readonly complaintId: string;
  readonly projectId: string;
  readonly receivedOn: string;
  readonly channel: string;
  readonly summary: string;
  /** Id of the customer contact (CRM), never a name. */
  readonly customerContactRef: string;
  readonly hsRelated: boolean;
  readonly receivedBy: string;
  readonly status: ComplaintLogStatus;
  readonly acknowledgedAt: string | null;
  readonly severity: string | null;
  /** `top` for H&S-related complaints, else the severity; null until assessed. */
  readonly priority: string | null;
  readonly assessedOn: string | null;
  readonly dueOn: string | null;
  readonly investigatedAt: string | null;
  readonly respondedOn: string | null;
  /** Business date of the close, the customer's verdict and note; a reopen clears all three. */
  readonly closedOn: string | null;
  readonly customerSatisfied: boolean | null;
  readonly closeNote: string | null;
  readonly reopenCount: number;
  readonly lastReopenReason: string | null;
  readonly capaIds: readonly string[];
  readonly lastEventAt: string;
}

/** Complaint log (issue 4, DOMAIN.md read model 6): one document per complaint. */
export const complaintLogProjection: Projection<ComplaintLogEntry> = defineProjection<
  ComplaintEvent,
  ComplaintLogEntry
>({
  name: 'complaint-log',
  collection: COMPLAINT_LOG,
  handles: {
    ComplaintReceived: true,
    ComplaintAcknowledged: true,
    ComplaintAssessed: true,
    ComplaintInvestigated: true,
    ComplaintResponded: true,
    ComplaintClosed: true,
    ComplaintReopened: true,
    ComplaintLinkedToCorrectiveAction: true,
  },
  indexes: [['projectId']],

  documentId(event: ProjectedEvent<ComplaintEvent>): string | null {
    return event.data.complaintId || null;
  },

  apply(
    document: ComplaintLogEntry | null,
    event: ProjectedEvent<ComplaintEvent>,
  ): ComplaintLogEntry | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const at = event.metadata.effectiveAt;
    if (event.type === 'ComplaintReceived') {
      if (document) return document;
      const { data } = event;
      return {
        _id: data.complaintId,
        position: event.position,
        complaintId: data.complaintId,
        projectId: data.projectId,
        receivedOn: data.receivedOn,
        channel: data.channel,
        summary: data.summary,
        customerContactRef: data.customerContactRef,
        hsRelated: data.hsRelated === true,
        receivedBy: data.receivedBy,
        status: 'received',
        acknowledgedAt: null,
        severity: null,
        priority: null,
        assessedOn: null,
        dueOn: null,
        investigatedAt: null,
        respondedOn: null,
        closedOn: null,
        customerSatisfied: null,
        closeNote: null,
        reopenCount: 0,
        lastReopenReason: null,
        capaIds: [],
        lastEventAt: at,
      };
    }
    // No other event creates the document (P5: it may be replayed onto null).
    if (!document) return null;
    const touched: ComplaintLogEntry = { ...document, lastEventAt: at };
    switch (event.type) {
      case 'ComplaintAcknowledged':
        return { ...touched, status: 'acknowledged', acknowledgedAt: at };
      case 'ComplaintAssessed':
        return {
          ...touched,
          status: 'assessed',
          severity: event.data.severity,
          priority: event.data.priority,
          hsRelated: event.data.hsRelated === true,
          assessedOn: event.data.assessedOn,
          dueOn: event.data.dueOn,
        };
      case 'ComplaintInvestigated':
        return { ...touched, status: 'investigated', investigatedAt: at };
      case 'ComplaintResponded':
        return { ...touched, status: 'responded', respondedOn: event.data.respondedOn };
      case 'ComplaintClosed':
        return {
          ...touched,
          status: 'closed',
          closedOn: at.slice(0, 10),
          customerSatisfied: event.data.customerSatisfied === true,
          closeNote: typeof event.data.note === 'string' ? event.data.note : null,
        };
      case 'ComplaintReopened':
        return {
          ...touched,
          status: 'reopened',
          closedOn: null,
          customerSatisfied: null,
          closeNote: null,
          reopenCount: touched.reopenCount + 1,
          lastReopenReason: event.data.reason,
        };
      case 'ComplaintLinkedToCorrectiveAction': {
        const { capaId } = event.data;
        if (touched.capaIds.includes(capaId)) return document;
        return { ...touched, capaIds: [...touched.capaIds, capaId] };
      }
      default:
        return assertNever(event);
    }
  },
});
