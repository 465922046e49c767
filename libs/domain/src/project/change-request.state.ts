import { assertNever, type Role } from '../shared';
import type { BaselineVersion, CssqImpact } from './baseline';
import type {
  ChangeRequestCategory,
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
export interface ChangeRequestDecision {
  readonly outcome: ChangeRequestOutcome;
  readonly reason: string;
  readonly decidedBy: string;
  readonly authority: Role;
}
export interface ChangeRequestState {
  readonly changeRequestId: string;
  readonly title: string;
  readonly origin: ChangeRequestOrigin;
  readonly categories: readonly ChangeRequestCategory[];
  readonly justification: string;
  readonly requestedBy: string;
  readonly supersedes: string | null;
  readonly status: ChangeRequestStatus;
  readonly assessment: ChangeRequestAssessment | null;
  readonly decision: ChangeRequestDecision | null;
  readonly customerSignatureRef: string | null;
}

/** The part of a project's state that change request events touch. */
export interface ChangeControlState {
  readonly baseline: {
    readonly original: BaselineVersion;
    readonly current: BaselineVersion;
  } | null;
  readonly changeRequests: ReadonlyMap<string, ChangeRequestState>;
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
    changeRequests: new Map(state.changeRequests).set(changeRequestId, change(existing)),
  };
}

export function evolveChangeControl<T extends ChangeControlState>(
  state: T,
  event: ChangeRequestEvent,
): T {
  switch (event.type) {
    case 'ChangeRequestRaised': {
      const { projectId: _projectId, ...raised } = event.data;
      const cr: ChangeRequestState = {
        ...raised,
        status: 'raised',
        assessment: null,
        decision: null,
        customerSignatureRef: null,
      };
      return {
        ...state,
        changeRequests: new Map(state.changeRequests).set(cr.changeRequestId, cr),
      };
    }
    case 'ChangeRequestImpactAssessed': {
      const { projectId: _projectId, changeRequestId, ...assessment } = event.data;
      return update(state, changeRequestId, (cr) => ({ ...cr, status: 'assessed', assessment }));
    }
    case 'ChangeRequestDecided': {
      const { outcome, reason, decidedBy, authority } = event.data;
      return update(state, event.data.changeRequestId, (cr) => ({
        ...cr,
        status: outcome,
        decision: { outcome, reason, decidedBy, authority },
      }));
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
      return update(state, event.data.changeRequestId, (cr) => ({
        ...cr,
        customerSignatureRef: event.data.customerSignatureRef,
      }));
    case 'ChangeRequestImplemented':
      return update(state, event.data.changeRequestId, (cr) => ({ ...cr, status: 'implemented' }));
    case 'ChangeRequestClosed':
      return update(state, event.data.changeRequestId, (cr) => ({ ...cr, status: 'closed' }));
    case 'ChangeRequestWithdrawn':
      return update(state, event.data.changeRequestId, (cr) => ({ ...cr, status: 'withdrawn' }));
    default:
      return assertNever(event);
  }
}
