import { assertNever, type CalendarDate } from '../shared';
import type { AcceptanceEvent } from './acceptance.events';
import type {
  AcceptanceObject,
  AcceptanceObligationLink,
  AcceptanceTestResult,
  PunchItemSeverity,
} from './acceptance.vocabulary';

export interface AcceptanceTest {
  readonly scheduledOn: CalendarDate;
  readonly result: AcceptanceTestResult | null;
}

export interface PunchItem {
  readonly severity: PunchItemSeverity;
  readonly description: string;
  readonly cleared: boolean;
}

export interface ProvisionalCertificate {
  readonly certificateId: string;
  readonly issuedOn: CalendarDate;
  readonly warrantyStartsOn: CalendarDate;
  readonly warrantyEndsOn: CalendarDate;
}

export interface FinalCertificate {
  readonly certificateId: string;
  readonly issuedOn: CalendarDate;
}

interface AcceptanceRecord {
  readonly acceptanceId: string;
  readonly projectId: string;
  readonly object: AcceptanceObject;
  readonly obligation: AcceptanceObligationLink | null;
  readonly warrantyMonths: number;
  readonly tests: Readonly<Record<string, AcceptanceTest>>;
  /** The result recorded last; a rejection before PAC clears it (a new passed test is needed). */
  readonly latestResult: AcceptanceTestResult | null;
  readonly punchItems: Readonly<Record<string, PunchItem>>;
}

/**
 * open → provisionally-accepted (PAC issued, warranty running) → finally-accepted (FAC issued,
 * nothing more happens). A rejection keeps the status: the object is reworked and re-tested.
 */
export type AcceptanceState =
  | { readonly status: 'absent' }
  | (AcceptanceRecord & { readonly status: 'open' })
  | (AcceptanceRecord & {
      readonly status: 'provisionally-accepted';
      readonly pac: ProvisionalCertificate;
    })
  | (AcceptanceRecord & {
      readonly status: 'finally-accepted';
      readonly pac: ProvisionalCertificate;
      readonly fac: FinalCertificate;
    });

export type ExistingAcceptance = Exclude<AcceptanceState, { status: 'absent' }>;

export const initialAcceptanceState: AcceptanceState = { status: 'absent' };

export function evolveAcceptance(state: AcceptanceState, event: AcceptanceEvent): AcceptanceState {
  switch (event.type) {
    case 'AcceptanceOpened': {
      const { acceptanceId, projectId, object, contractId, obligationId, obligationFulfilledBy } =
        event.data;
      return {
        status: 'open',
        acceptanceId,
        projectId,
        object,
        obligation:
          contractId !== null && obligationId !== null
            ? { contractId, obligationId, fulfilledBy: obligationFulfilledBy ?? 'pac' }
            : null,
        warrantyMonths: event.data.warrantyMonths,
        tests: {},
        latestResult: null,
        punchItems: {},
      };
    }
    case 'AcceptanceTestScheduled':
      if (state.status === 'absent') return state;
      return {
        ...state,
        tests: {
          ...state.tests,
          [event.data.testId]: { scheduledOn: event.data.scheduledOn, result: null },
        },
      };
    case 'AcceptanceTestResultRecorded': {
      if (state.status === 'absent') return state;
      const test = state.tests[event.data.testId];
      if (test === undefined) return state;
      return {
        ...state,
        tests: { ...state.tests, [event.data.testId]: { ...test, result: event.data.result } },
        latestResult: event.data.result,
      };
    }
    case 'PunchItemRaised': {
      if (state.status === 'absent') return state;
      const { itemId, severity, description } = event.data;
      return {
        ...state,
        punchItems: { ...state.punchItems, [itemId]: { severity, description, cleared: false } },
      };
    }
    case 'PunchItemCleared': {
      if (state.status === 'absent') return state;
      const item = state.punchItems[event.data.itemId];
      if (item === undefined) return state;
      return {
        ...state,
        punchItems: { ...state.punchItems, [event.data.itemId]: { ...item, cleared: true } },
      };
    }
    case 'ProvisionalAcceptanceCertificateIssued':
      if (state.status !== 'open') return state;
      return {
        ...state,
        status: 'provisionally-accepted',
        pac: {
          certificateId: event.data.certificateId,
          issuedOn: event.data.issuedOn,
          warrantyStartsOn: event.data.warrantyStartsOn,
          warrantyEndsOn: event.data.warrantyEndsOn,
        },
      };
    case 'AcceptanceRejected':
      if (state.status === 'absent') return state;
      return event.data.stage === 'provisional' ? { ...state, latestResult: null } : state;
    case 'FinalAcceptanceCertificateIssued':
      if (state.status !== 'provisionally-accepted') return state;
      return {
        ...state,
        status: 'finally-accepted',
        fac: { certificateId: event.data.certificateId, issuedOn: event.data.issuedOn },
      };
    default:
      return assertNever(event);
  }
}
