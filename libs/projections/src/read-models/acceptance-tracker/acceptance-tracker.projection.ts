import { assertNever, type AcceptanceEvent } from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

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
export const acceptanceTrackerProjection: Projection<AcceptanceTrackerEntry> = defineProjection<
  AcceptanceEvent,
  AcceptanceTrackerEntry
>({
  name: 'acceptance-tracker',
  collection: ACCEPTANCE_TRACKER,
  handles: {
    AcceptanceOpened: true,
    AcceptanceTestScheduled: true,
    AcceptanceTestResultRecorded: true,
    PunchItemRaised: true,
    PunchItemCleared: true,
    ProvisionalAcceptanceCertificateIssued: true,
    AcceptanceRejected: true,
    FinalAcceptanceCertificateIssued: true,
  },
  indexes: [['projectId']],

  documentId(event: ProjectedEvent<AcceptanceEvent>): string | null {
    return event.data.acceptanceId || null;
  },

  apply(
    document: AcceptanceTrackerEntry | null,
    event: ProjectedEvent<AcceptanceEvent>,
  ): AcceptanceTrackerEntry | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const { type, data } = event;
    const at = event.metadata.effectiveAt;
    if (type === 'AcceptanceOpened') {
      if (document) return document;
      const acceptanceId = data.acceptanceId;
      const { object } = data;
      const contractId = data.contractId;
      const obligationId = data.obligationId;
      return {
        _id: acceptanceId,
        position: event.position,
        acceptanceId,
        projectId: data.projectId,
        object: { kind: object.kind, ref: object.ref, title: object.title },
        obligation:
          typeof contractId === 'string' && typeof obligationId === 'string'
            ? {
                contractId,
                obligationId,
                fulfilledBy:
                  typeof data.obligationFulfilledBy === 'string'
                    ? data.obligationFulfilledBy
                    : 'pac',
              }
            : null,
        warrantyMonths: Number(data.warrantyMonths ?? 0),
        status: 'open',
        openedBy: data.openedBy,
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
    switch (type) {
      case 'AcceptanceTestScheduled': {
        const testId = data.testId;
        const test = { testId, scheduledOn: data.scheduledOn, result: null };
        const others = touched.tests.filter((given) => given.testId !== testId);
        return { ...touched, tests: [...others, { ...test, resultRecordedAt: null }] };
      }
      case 'AcceptanceTestResultRecorded': {
        const testId = data.testId;
        if (!touched.tests.some((test) => test.testId === testId)) return document;
        const result = data.result;
        return {
          ...touched,
          latestResult: result,
          tests: touched.tests.map((test) =>
            test.testId === testId ? { ...test, result, resultRecordedAt: at } : test,
          ),
        };
      }
      case 'PunchItemRaised': {
        const itemId = data.itemId;
        if (touched.punchItems.some((item) => item.itemId === itemId)) return document;
        return withPunchItems(touched, [
          ...touched.punchItems,
          {
            itemId,
            severity: data.severity,
            description: data.description,
            raisedAt: at,
            clearedAt: null,
          },
        ]);
      }
      case 'PunchItemCleared': {
        const itemId = data.itemId;
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
            certificateId: data.certificateId,
            issuedOn: data.issuedOn,
            fulfilsObligation: data.fulfilsObligation === true,
            warrantyStartsOn: data.warrantyStartsOn,
            warrantyEndsOn: data.warrantyEndsOn,
            reservations: (data.openPunchItems ?? []).length,
          },
        };
      case 'AcceptanceRejected':
        return {
          ...touched,
          // A refused PAC needs a new passed test (the domain forgets the last result).
          latestResult: data.stage === 'provisional' ? null : touched.latestResult,
          rejections: [
            ...touched.rejections,
            {
              stage: data.stage,
              reason: data.reason,
              rejectedBy: data.rejectedBy,
              rejectedAt: at,
            },
          ],
        };
      case 'FinalAcceptanceCertificateIssued':
        return {
          ...touched,
          status: 'finally-accepted',
          fac: {
            certificateId: data.certificateId,
            issuedOn: data.issuedOn,
            fulfilsObligation: data.fulfilsObligation === true,
          },
        };
      default:
        return assertNever(type);
    }
  },
});
