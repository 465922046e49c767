import type { Command, Money } from '../shared';
import type { RiskImpactDimension } from './risk-scoring';
import type {
  ResponseActionStatus,
  RiskCategory,
  RiskCloseReason,
  RiskEscalationLevel,
  RiskKind,
  RiskResponseStrategy,
} from './risk.vocabulary';

/*
 * Commands arrive from outside, so numbers and closed-list values are checked at runtime by the
 * decider even though the types already name them. The risk id is the stream: only RaiseRisk
 * carries it (like every creating command, the id is chosen by the caller).
 */

export type RaiseRisk = Command<
  'RaiseRisk',
  {
    readonly riskId: string;
    readonly projectId: string;
    readonly kind: RiskKind;
    readonly title: string;
    readonly cause: string;
    readonly event: string;
    readonly effect: string;
    readonly category: RiskCategory;
  }
>;

/** The same shape for the inherent (AssessRisk) and the residual (AssessResidualRisk) view. */
export interface RiskAssessmentInput {
  readonly probability: number;
  /** Overall impact 1–5; may be left out when `dimensionImpacts` are given (then = their max). */
  readonly impact?: number;
  /** Impact per dimension, each 1–5; at least one dimension when present. */
  readonly dimensionImpacts?: Partial<Record<RiskImpactDimension, number>>;
  /** Cost if the threat happens / value if the opportunity happens; ≥ 0. */
  readonly costImpact: Money;
  /** Schedule impact in calendar days, ≥ 0. */
  readonly scheduleDays?: number;
  /** `YYYY-MM-DD`, not before the assessment's business date. */
  readonly nextReviewOn?: string;
}

export type AssessRisk = Command<'AssessRisk', RiskAssessmentInput>;
export type AssessResidualRisk = Command<'AssessResidualRisk', RiskAssessmentInput>;

/** Exactly one owner: assigning again replaces the previous owner. */
export type AssignRiskOwner = Command<'AssignRiskOwner', { readonly ownerId: string }>;

export type PlanRiskResponse = Command<
  'PlanRiskResponse',
  {
    readonly strategy: RiskResponseStrategy;
    readonly description: string;
    readonly contingencyReserve?: Money;
  }
>;

export type AddResponseAction = Command<
  'AddResponseAction',
  {
    readonly actionId: string;
    readonly description: string;
    readonly ownerId: string;
    /** `YYYY-MM-DD`. */
    readonly dueOn: string;
    /** Defaults to `open`. */
    readonly status?: ResponseActionStatus;
  }
>;

/** Give only what changes. */
export type UpdateResponseAction = Command<
  'UpdateResponseAction',
  {
    readonly actionId: string;
    readonly description?: string;
    readonly ownerId?: string;
    readonly dueOn?: string;
    readonly status?: ResponseActionStatus;
  }
>;

export type EscalateRisk = Command<
  'EscalateRisk',
  { readonly level: RiskEscalationLevel; readonly escalatedTo: string; readonly reason: string }
>;

export type RecordRiskOccurrence = Command<
  'RecordRiskOccurrence',
  {
    /** `YYYY-MM-DD`, not after the day the command is decided. */
    readonly occurredOn: string;
    readonly description: string;
    readonly actualCostImpact: Money;
  }
>;

export type DrawContingency = Command<
  'DrawContingency',
  { readonly amount: Money; readonly reason: string }
>;

export type CloseRisk = Command<
  'CloseRisk',
  { readonly reason: RiskCloseReason; readonly note?: string }
>;

export type RiskCommand =
  | RaiseRisk
  | AssessRisk
  | AssignRiskOwner
  | PlanRiskResponse
  | AddResponseAction
  | UpdateResponseAction
  | AssessResidualRisk
  | EscalateRisk
  | RecordRiskOccurrence
  | DrawContingency
  | CloseRisk;
