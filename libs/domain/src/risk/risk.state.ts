import { assertNever, type Money } from '../shared';
import type { RiskAssessmentData, RiskEvent } from './risk.events';
import type {
  ResponseActionStatus,
  RiskCategory,
  RiskCloseReason,
  RiskEscalationLevel,
  RiskKind,
  RiskResponseStrategy,
} from './risk.vocabulary';

export type RiskAssessment = Omit<RiskAssessmentData, 'riskId' | 'projectId' | 'kind'>;

export interface RiskResponse {
  readonly strategy: RiskResponseStrategy;
  readonly description: string;
  readonly contingencyReserve: Money | null;
}

export interface RiskResponseAction {
  readonly actionId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly status: ResponseActionStatus;
}

export interface RiskOccurrence {
  readonly occurredOn: string;
  readonly description: string;
  readonly actualCostImpact: Money;
}

interface RiskRecord {
  readonly riskId: string;
  readonly projectId: string;
  readonly kind: RiskKind;
  readonly title: string;
  readonly category: RiskCategory;
  readonly ownerId: string | null;
  /** Before any response (RiskAssessed); kept alongside the residual one. */
  readonly inherent: RiskAssessment | null;
  /** After the planned response (ResidualRiskAssessed). */
  readonly residual: RiskAssessment | null;
  /** From the latest assessment, inherent or residual. */
  readonly nextReviewOn: string | null;
  readonly response: RiskResponse | null;
  /** Minor units drawn from the reserve, in the reserve's currency. */
  readonly contingencyDrawn: number;
  readonly actions: readonly RiskResponseAction[];
  readonly escalation: { readonly level: RiskEscalationLevel; readonly escalatedTo: string } | null;
}

/**
 * open → occurred (a threat became an issue / an opportunity happened) → closed; or open → closed.
 * Closed takes no more changes.
 */
export type RiskState =
  | { readonly status: 'absent' }
  | (RiskRecord & { readonly status: 'open'; readonly occurrence: null })
  | (RiskRecord & { readonly status: 'occurred'; readonly occurrence: RiskOccurrence })
  | (RiskRecord & {
      readonly status: 'closed';
      readonly occurrence: RiskOccurrence | null;
      readonly closeReason: RiskCloseReason;
    });

export type ExistingRisk = Exclude<RiskState, { status: 'absent' }>;

export const initialRiskState: RiskState = { status: 'absent' };

function assessmentOf(data: RiskAssessmentData): RiskAssessment {
  const { riskId: _riskId, projectId: _projectId, kind: _kind, ...assessment } = data;
  return assessment;
}

export function evolveRisk(state: RiskState, event: RiskEvent): RiskState {
  if (event.type === 'RiskRaised') {
    const { riskId, projectId, kind, title, category } = event.data;
    return {
      status: 'open',
      riskId,
      projectId,
      kind,
      title,
      category,
      ownerId: null,
      inherent: null,
      residual: null,
      nextReviewOn: null,
      response: null,
      contingencyDrawn: 0,
      actions: [],
      escalation: null,
      occurrence: null,
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'RiskAssessed':
      return {
        ...state,
        inherent: assessmentOf(event.data),
        nextReviewOn: event.data.nextReviewOn,
      };
    case 'ResidualRiskAssessed':
      return {
        ...state,
        residual: assessmentOf(event.data),
        nextReviewOn: event.data.nextReviewOn,
      };
    case 'RiskOwnerAssigned':
      return { ...state, ownerId: event.data.ownerId };
    case 'RiskResponsePlanned': {
      const { strategy, description, contingencyReserve } = event.data;
      return { ...state, response: { strategy, description, contingencyReserve } };
    }
    case 'ResponseActionAdded': {
      const { actionId, description, ownerId, dueOn, status } = event.data;
      return {
        ...state,
        actions: [...state.actions, { actionId, description, ownerId, dueOn, status }],
      };
    }
    case 'ResponseActionUpdated':
      return {
        ...state,
        actions: state.actions.map((action) =>
          action.actionId === event.data.actionId ? { ...action, ...event.data.changes } : action,
        ),
      };
    case 'RiskEscalated':
      return {
        ...state,
        escalation: { level: event.data.level, escalatedTo: event.data.escalatedTo },
      };
    case 'RiskOccurred': {
      if (state.status === 'closed') return state;
      const { occurredOn, description, actualCostImpact } = event.data;
      return {
        ...state,
        status: 'occurred',
        occurrence: { occurredOn, description, actualCostImpact },
      };
    }
    case 'ContingencyDrawn':
      return { ...state, contingencyDrawn: state.contingencyDrawn + event.data.amount.amount };
    case 'RiskClosed':
      return { ...state, status: 'closed', closeReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
