import type { DomainEvent, Money, Role } from '../shared';
import type { DimensionImpacts, RiskScale } from './risk-scoring';
import type {
  ResponseActionStatus,
  RiskCategory,
  RiskCloseReason,
  RiskEscalationLevel,
  RiskKind,
  RiskResponseStrategy,
} from './risk.vocabulary';

/** Every risk event names the risk and the project whose register it belongs to. */
interface RiskRef {
  readonly riskId: string;
  readonly projectId: string;
}

export type RiskRaised = DomainEvent<
  'RiskRaised',
  RiskRef & {
    readonly kind: RiskKind;
    readonly title: string;
    /** Cause → event → effect: the risk metalanguage, all three required. */
    readonly cause: string;
    readonly event: string;
    readonly effect: string;
    readonly category: RiskCategory;
    readonly raisedBy: string;
  }
>;

/** One assessment (inherent or residual); every number but the inputs is computed. */
export type RiskAssessmentData = RiskRef & {
  readonly kind: RiskKind;
  readonly probability: RiskScale;
  /** The percentage the probability maps to (see risk-scoring.ts). */
  readonly probabilityPercent: number;
  /** Overall impact: as given, or the worst of `dimensionImpacts` when those are given. */
  readonly impact: RiskScale;
  readonly dimensionImpacts: DimensionImpacts | null;
  /** probability × impact. */
  readonly score: number;
  readonly costImpact: Money;
  readonly scheduleDays: number | null;
  /** probability% × cost impact; negative for threats, positive for opportunities. */
  readonly expectedMonetaryValue: Money;
  /** When the risk is to be looked at again (`YYYY-MM-DD`); read models flag it when overdue. */
  readonly nextReviewOn: string | null;
  readonly assessedBy: string;
};

export type RiskAssessed = DomainEvent<'RiskAssessed', RiskAssessmentData>;
export type ResidualRiskAssessed = DomainEvent<'ResidualRiskAssessed', RiskAssessmentData>;

export type RiskOwnerAssigned = DomainEvent<
  'RiskOwnerAssigned',
  RiskRef & {
    readonly ownerId: string;
    readonly previousOwnerId: string | null;
    readonly assignedBy: string;
    readonly authority: Role;
  }
>;

export type RiskResponsePlanned = DomainEvent<
  'RiskResponsePlanned',
  RiskRef & {
    readonly strategy: RiskResponseStrategy;
    readonly description: string;
    /** The reserve set aside for this risk, or null; replaces any earlier reserve. */
    readonly contingencyReserve: Money | null;
    /** The owner accountable for the response when it was planned. */
    readonly ownerId: string;
    readonly plannedBy: string;
    readonly authority: Role;
  }
>;

export type ResponseActionAdded = DomainEvent<
  'ResponseActionAdded',
  RiskRef & {
    readonly actionId: string;
    readonly description: string;
    readonly ownerId: string;
    readonly dueOn: string;
    readonly status: ResponseActionStatus;
    readonly addedBy: string;
  }
>;

/** Only the fields that changed are present. */
export interface ResponseActionChanges {
  readonly description?: string;
  readonly ownerId?: string;
  readonly dueOn?: string;
  readonly status?: ResponseActionStatus;
}

export type ResponseActionUpdated = DomainEvent<
  'ResponseActionUpdated',
  RiskRef & {
    readonly actionId: string;
    readonly changes: ResponseActionChanges;
    readonly updatedBy: string;
  }
>;

export type RiskEscalated = DomainEvent<
  'RiskEscalated',
  RiskRef & {
    readonly level: RiskEscalationLevel;
    readonly escalatedTo: string;
    readonly reason: string;
    readonly escalatedBy: string;
    readonly authority: Role;
  }
>;

export type RiskOccurred = DomainEvent<
  'RiskOccurred',
  RiskRef & {
    readonly kind: RiskKind;
    readonly occurredOn: string;
    readonly description: string;
    /** The actual cost (threat) or benefit (opportunity), ≥ 0. */
    readonly actualCostImpact: Money;
    /** A threat that happens becomes an issue; an opportunity that happens is realised. */
    readonly becameIssue: boolean;
    readonly recordedBy: string;
  }
>;

export type ContingencyDrawn = DomainEvent<
  'ContingencyDrawn',
  RiskRef & {
    readonly amount: Money;
    readonly reason: string;
    /** Reserve left after this draw (computed). */
    readonly remainingReserve: Money;
    readonly drawnBy: string;
    readonly authority: Role;
  }
>;

export type RiskClosed = DomainEvent<
  'RiskClosed',
  RiskRef & {
    readonly reason: RiskCloseReason;
    readonly note: string | null;
    readonly closedBy: string;
    readonly authority: Role;
  }
>;

export type RiskEvent =
  | RiskRaised
  | RiskAssessed
  | RiskOwnerAssigned
  | RiskResponsePlanned
  | ResponseActionAdded
  | ResponseActionUpdated
  | ResidualRiskAssessed
  | RiskEscalated
  | RiskOccurred
  | ContingencyDrawn
  | RiskClosed;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const RISK_EVENT_SCHEMA_VERSIONS = {
  RiskRaised: 1,
  RiskAssessed: 1,
  RiskOwnerAssigned: 1,
  RiskResponsePlanned: 1,
  ResponseActionAdded: 1,
  ResponseActionUpdated: 1,
  ResidualRiskAssessed: 1,
  RiskEscalated: 1,
  RiskOccurred: 1,
  ContingencyDrawn: 1,
  RiskClosed: 1,
} as const satisfies Record<RiskEvent['type'], number>;
