import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../projection';
import { type EventData, idFrom, str } from './event-data';

export const ACCEPTANCE_TRACKER = 'acceptance_tracker';

export const ACCEPTANCE_TRACKER_STATUSES = [
  'open',
  'provisionally-accepted',
  'finally-accepted',
] as const;
export type AcceptanceTrackerStatus = (typeof ACCEPTANCE_TRACKER_STATUSES)[number];

export interface AcceptanceTrackerTest {
  readonly testId: string;
  readonly scheduledOn: string;
  readonly result: string | null;
  readonly resultRecordedAt: string | null;
}

export interface AcceptanceTrackerPunchItem {
  readonly itemId: string;
  /** A = blocking (no PAC while open), B = minor. */
  readonly severity: string;
  readonly description: string;
  readonly raisedAt: string;
  readonly clearedAt: string | null;
}

export interface AcceptanceTrackerCertificate {
  readonly certificateId: string;
  readonly issuedOn: string;
  readonly fulfilsObligation: boolean;
}

/**
 * One document per acceptance (`_id` = acceptanceId) in `acceptance_tracker`: what is accepted
 * (site, link, cluster, network or deliverable), tests, punch items, certificates, warranty and
 * the contract obligation a certificate fulfils. Times are business times (effectiveAt).
 */
export interface AcceptanceTrackerEntry extends ReadDocument {
  readonly acceptanceId: string;
  readonly projectId: string;
  readonly object: { readonly kind: string; readonly ref: string; readonly title: string };
  readonly obligation: {
    readonly contractId: string;
    readonly obligationId: string;
    readonly fulfilledBy: string;
  } | null;
  readonly warrantyMonths: number;
  readonly status: AcceptanceTrackerStatus;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly tests: readonly AcceptanceTrackerTest[];
  readonly latestResult: string | null;
  readonly punchItems: readonly AcceptanceTrackerPunchItem[];
  /** Punch items raised and not cleared, by severity. */
  readonly openPunchItems: { readonly A: number; readonly B: number };
  readonly pac:
    | (AcceptanceTrackerCertificate & {
        readonly warrantyStartsOn: string;
        readonly warrantyEndsOn: string;
        /** Severity-B items listed on the PAC as reservations. */
        readonly reservations: number;
      })
    | null;
  readonly fac: AcceptanceTrackerCertificate | null;
  readonly rejections: readonly {
    readonly stage: string;
    readonly reason: string;
    readonly rejectedBy: string;
    readonly rejectedAt: string;
  }[];
  readonly lastEventAt: string;
}

const HANDLED = [
  'AcceptanceOpened',
  'AcceptanceTestScheduled',
  'AcceptanceTestResultRecorded',
  'PunchItemRaised',
  'PunchItemCleared',
  'ProvisionalAcceptanceCertificateIssued',
  'AcceptanceRejected',
  'FinalAcceptanceCertificateIssued',
] as const;

function withPunchItems(
  entry: AcceptanceTrackerEntry,
  punchItems: readonly AcceptanceTrackerPunchItem[],
): AcceptanceTrackerEntry {
  const open = punchItems.filter((item) => item.clearedAt === null);
  return {
    ...entry,
    punchItems,
    openPunchItems: {
      A: open.filter((item) => item.severity === 'A').length,
      B: open.filter((item) => item.severity === 'B').length,
    },
  };
}

/** Acceptance tracker (issue 4, DOMAIN.md read model 6): one document per acceptance. */
export const acceptanceTrackerProjection: Projection<AcceptanceTrackerEntry> = {
  name: 'acceptance-tracker',
  collection: ACCEPTANCE_TRACKER,
  handles: HANDLED,
  indexes: [['projectId']],

  documentId(event: RecordedEvent): string | null {
    return idFrom(event, 'acceptanceId');
  },

  apply(
    document: AcceptanceTrackerEntry | null,
    event: RecordedEvent,
  ): AcceptanceTrackerEntry | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const data = event.data as EventData;
    const at = event.metadata.effectiveAt;
    if (event.type === 'AcceptanceOpened') {
      if (document) return document;
      const acceptanceId = str(data, 'acceptanceId');
      const object = data['object'] as { kind: string; ref: string; title: string };
      const contractId = data['contractId'];
      const obligationId = data['obligationId'];
      return {
        _id: acceptanceId,
        position: event.position,
        acceptanceId,
        projectId: str(data, 'projectId'),
        object: { kind: object.kind, ref: object.ref, title: object.title },
        obligation:
          typeof contractId === 'string' && typeof obligationId === 'string'
            ? {
                contractId,
                obligationId,
                fulfilledBy:
                  typeof data['obligationFulfilledBy'] === 'string'
                    ? data['obligationFulfilledBy']
                    : 'pac',
              }
            : null,
        warrantyMonths: Number(data['warrantyMonths'] ?? 0),
        status: 'open',
        openedBy: str(data, 'openedBy'),
        openedAt: at,
        tests: [],
        latestResult: null,
        punchItems: [],
        openPunchItems: { A: 0, B: 0 },
        pac: null,
        fac: null,
        rejections: [],
        lastEventAt: at,
      };
    }
    // No other event creates the document (P5: it may be replayed onto null).
    if (!document) return null;
    const touched: AcceptanceTrackerEntry = { ...document, lastEventAt: at };
    switch (event.type) {
      case 'AcceptanceTestScheduled': {
        const testId = str(data, 'testId');
        const test = { testId, scheduledOn: str(data, 'scheduledOn'), result: null };
        const others = touched.tests.filter((given) => given.testId !== testId);
        return { ...touched, tests: [...others, { ...test, resultRecordedAt: null }] };
      }
      case 'AcceptanceTestResultRecorded': {
        const testId = data['testId'];
        if (!touched.tests.some((test) => test.testId === testId)) return document;
        const result = str(data, 'result');
        return {
          ...touched,
          latestResult: result,
          tests: touched.tests.map((test) =>
            test.testId === testId ? { ...test, result, resultRecordedAt: at } : test,
          ),
        };
      }
      case 'PunchItemRaised': {
        const itemId = str(data, 'itemId');
        if (touched.punchItems.some((item) => item.itemId === itemId)) return document;
        return withPunchItems(touched, [
          ...touched.punchItems,
          {
            itemId,
            severity: str(data, 'severity'),
            description: str(data, 'description'),
            raisedAt: at,
            clearedAt: null,
          },
        ]);
      }
      case 'PunchItemCleared': {
        const itemId = data['itemId'];
        if (!touched.punchItems.some((item) => item.itemId === itemId)) return document;
        return withPunchItems(
          touched,
          touched.punchItems.map((item) =>
            item.itemId === itemId && item.clearedAt === null ? { ...item, clearedAt: at } : item,
          ),
        );
      }
      case 'ProvisionalAcceptanceCertificateIssued':
        return {
          ...touched,
          status: touched.status === 'open' ? 'provisionally-accepted' : touched.status,
          pac: {
            certificateId: str(data, 'certificateId'),
            issuedOn: str(data, 'issuedOn'),
            fulfilsObligation: data['fulfilsObligation'] === true,
            warrantyStartsOn: str(data, 'warrantyStartsOn'),
            warrantyEndsOn: str(data, 'warrantyEndsOn'),
            reservations: ((data['openPunchItems'] as readonly unknown[] | undefined) ?? []).length,
          },
        };
      case 'AcceptanceRejected':
        return {
          ...touched,
          // A refused PAC needs a new passed test (the domain forgets the last result).
          latestResult: data['stage'] === 'provisional' ? null : touched.latestResult,
          rejections: [
            ...touched.rejections,
            {
              stage: str(data, 'stage'),
              reason: str(data, 'reason'),
              rejectedBy: str(data, 'rejectedBy'),
              rejectedAt: at,
            },
          ],
        };
      case 'FinalAcceptanceCertificateIssued':
        return {
          ...touched,
          status: 'finally-accepted',
          fac: {
            certificateId: str(data, 'certificateId'),
            issuedOn: str(data, 'issuedOn'),
            fulfilsObligation: data['fulfilsObligation'] === true,
          },
        };
      default:
        return document;
    }
  },
};
