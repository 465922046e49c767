import { assertNever, type Role, type VersionedMap } from '../shared';
import type { BaselineVersion, CssqImpact } from './baseline';
import type {
  ChangeRequestCategory,
  ChangeRequestDecided,
  ChangeRequestEvent,
  ChangeRequestOrigin,
  ChangeRequestOutcome,
} from './change-request.events';

/**
 * raised → assessed (re-assessable until decided) → approved | rejected | deferred (final) →
 * (approved only) implemented → closed; raised/assessed → withdrawn. Rejected and deferred
 * change requests may also be closed administratively.
 */
export type ChangeRequestStatus =
  | 'raised'
  | 'assessed'
  | 'approved'
  | 'rejected'
  | 'deferred'
  | 'implemented'
  | 'closed'
  | 'withdrawn';

/** Statuses that keep a project from closing: anything not closed, withdrawn, rejected or deferred. */
export const OPEN_CHANGE_REQUEST_STATUSES: readonly ChangeRequestStatus[] = [
  'raised',
  'assessed',
  'approved',
  'implemented',
];

export interface ChangeRequestAssessment extends CssqImpact {
  readonly contractual: boolean;
  readonly baselineVersion: number;
  readonly assessedBy: string;
}
/** A decision on a change request; `O` narrows the outcome where the status says which. */
export interface ChangeRequestDecision<O extends ChangeRequestOutcome = ChangeRequestOutcome> {
  readonly outcome: O;
  readonly reason: string;
  readonly decidedBy: string;
  readonly authority: Role;
}

/** What a change request is as raised: fixed for its whole life. */
interface RaisedFacts {
  readonly changeRequestId: string;
  readonly title: string;
  readonly origin: ChangeRequestOrigin;
  readonly categories: readonly ChangeRequestCategory[];
  readonly justification: string;
  readonly requestedBy: string;
  readonly supersedes: string | null;
}

/*
 * A change request per status: a field that does not exist yet in a status is typed `null`
 * there (kept as a key, so the state reads the same in every status: replay diffs, the
 * contract's change-request lookup), and typed as a value only where the status has it.
 */
export interface RaisedChangeRequest extends RaisedFacts {
  readonly status: 'raised';
  readonly assessment: null;
  readonly decision: null;
  readonly customerSignatureRef: null;
}
export interface AssessedChangeRequest extends RaisedFacts {
  readonly status: 'assessed';
  readonly assessment: ChangeRequestAssessment;
  readonly decision: null;
  readonly customerSignatureRef: null;
}
/** Withdrawn before a decision, assessed or not. */
export interface WithdrawnChangeRequest extends RaisedFacts {
  readonly status: 'withdrawn';
  readonly assessment: ChangeRequestAssessment | null;
  readonly decision: null;
  readonly customerSignatureRef: null;
}
/** The customer's signature is recorded on an approved change request only (and kept after). */
export interface ApprovedChangeRequest extends RaisedFacts {
  readonly status: 'approved';
  readonly assessment: ChangeRequestAssessment;
  readonly decision: ChangeRequestDecision<'approved'>;
  readonly customerSignatureRef: string | null;
}
export interface RejectedChangeRequest extends RaisedFacts {
  readonly status: 'rejected';
  readonly assessment: ChangeRequestAssessment;
  readonly decision: ChangeRequestDecision<'rejected'>;
  readonly customerSignatureRef: null;
}
export interface DeferredChangeRequest extends RaisedFacts {
  readonly status: 'deferred';
  readonly assessment: ChangeRequestAssessment;
  readonly decision: ChangeRequestDecision<'deferred'>;
  readonly customerSignatureRef: null;
}
export interface ImplementedChangeRequest extends RaisedFacts {
  readonly status: 'implemented';
  readonly assessment: ChangeRequestAssessment;
  readonly decision: ChangeRequestDecision<'approved'>;
  readonly customerSignatureRef: string | null;
}
/** Closed after its implementation, or administratively after a rejection or deferral. */
export interface ClosedChangeRequest extends RaisedFacts {
  readonly status: 'closed';
  readonly assessment: ChangeRequestAssessment;
  readonly decision: ChangeRequestDecision;
  readonly customerSignatureRef: string | null;
}

export type ChangeRequestState =
  | RaisedChangeRequest
  | AssessedChangeRequest
  | WithdrawnChangeRequest
  | ApprovedChangeRequest
  | RejectedChangeRequest
  | DeferredChangeRequest
  | ImplementedChangeRequest
  | ClosedChangeRequest;

/** Not decided yet (and not withdrawn): the statuses an assessment and a decision apply to. */
export type UndecidedChangeRequest = RaisedChangeRequest | AssessedChangeRequest;

/** The part of a project's state that change request events touch. */
export interface ChangeControlState {
  readonly baseline: {
    readonly original: BaselineVersion;
    readonly current: BaselineVersion;
  } | null;
  readonly changeRequests: VersionedMap<string, ChangeRequestState>;
}

function update<T extends ChangeControlState>(
  state: T,
  changeRequestId: string,
  change: (cr: ChangeRequestState) => ChangeRequestState,
): T {
  const existing = state.changeRequests.get(changeRequestId);
  if (!existing) return state;
  return {
    ...state,
    changeRequests: state.changeRequests.with(changeRequestId, change(existing)),
  };
}

/** The assessed change request as its decision leaves it: the outcome is its new status. */
function decided(
  cr: AssessedChangeRequest,
  data: ChangeRequestDecided['data'],
): ApprovedChangeRequest | RejectedChangeRequest | DeferredChangeRequest {
  const { outcome, reason, decidedBy, authority } = data;
  switch (outcome) {
    case 'approved':
      return { ...cr, status: outcome, decision: { outcome, reason, decidedBy, authority } };
    case 'rejected':
      return { ...cr, status: outcome, decision: { outcome, reason, decidedBy, authority } };
    case 'deferred':
      return { ...cr, status: outcome, decision: { outcome, reason, decidedBy, authority } };
    default:
      return assertNever(outcome);
  }
}

/**
 * Each event moves a change request only from the statuses the decider allows it from; an
 * event that could not have been decided there leaves the change request as it is (evolve never
 * throws), so every status keeps exactly the fields its type promises.
 */
export function evolveChangeControl<T extends ChangeControlState>(
  state: T,
  event: ChangeRequestEvent,
): T {
  switch (event.type) {
    case 'ChangeRequestRaised': {
      const { projectId: _projectId, ...raised } = event.data;
      const cr: RaisedChangeRequest = {
        ...raised,
        status: 'raised',
        assessment: null,
        decision: null,
        customerSignatureRef: null,
      };
      return {
        ...state,
        changeRequests: state.changeRequests.with(cr.changeRequestId, cr),
      };
    }
    case 'ChangeRequestImpactAssessed': {
      const { projectId: _projectId, changeRequestId, ...assessment } = event.data;
      return update(state, changeRequestId, (cr) =>
        cr.status === 'raised' || cr.status === 'assessed'
          ? { ...cr, status: 'assessed', assessment }
          : cr,
      );
    }
    case 'ChangeRequestDecided': {
      return update(state, event.data.changeRequestId, (cr) =>
        cr.status === 'assessed' ? decided(cr, event.data) : cr,
      );
    }
    case 'BaselineRevised': {
      if (!state.baseline) return state;
      const { changeRequestId, version, baseline } = event.data;
      return {
        ...state,
        baseline: { ...state.baseline, current: { ...baseline, version, changeRequestId } },
      };
    }
    case 'ScopeChanged':
    case 'ScheduleChanged':
    case 'BudgetChanged':
    case 'QualityCriteriaChanged':
      // Facts for read models and subscribers; the state follows BaselineRevised.
      return state;
    case 'CustomerApprovalRecorded':
      return update(state, event.data.changeRequestId, (cr) =>
        cr.status === 'approved'
          ? { ...cr, customerSignatureRef: event.data.customerSignatureRef }
          : cr,
      );
    case 'ChangeRequestImplemented':
      return update(state, event.data.changeRequestId, (cr) =>
        cr.status === 'approved' ? { ...cr, status: 'implemented' } : cr,
      );
    case 'ChangeRequestClosed':
      return update(state, event.data.changeRequestId, (cr) =>
        cr.status === 'implemented' || cr.status === 'rejected' || cr.status === 'deferred'
          ? { ...cr, status: 'closed' }
          : cr,
      );
    case 'ChangeRequestWithdrawn':
      return update(state, event.data.changeRequestId, (cr) =>
        cr.status === 'raised' || cr.status === 'assessed' ? { ...cr, status: 'withdrawn' } : cr,
      );
    default:
      return assertNever(event);
  }
}
