import type { DomainEvent, Money, Role } from '../shared';
import type {
  AppliedMilestoneShift,
  BaselineContent,
  CostImpact,
  QualityCriterion,
  QualityImpact,
  ScheduleImpact,
  ScopeImpact,
  ScopeItem,
} from './baseline';

export const CHANGE_REQUEST_ORIGINS = [
  'customer',
  'internal',
  'risk',
  'complaint',
  'regulatory',
] as const;
export type ChangeRequestOrigin = (typeof CHANGE_REQUEST_ORIGINS)[number];
export const CHANGE_REQUEST_CATEGORIES = [
  'cost',
  'scope',
  'schedule',
  'quality',
  'contract',
] as const;
export type ChangeRequestCategory = (typeof CHANGE_REQUEST_CATEGORIES)[number];
export const CHANGE_REQUEST_OUTCOMES = ['approved', 'rejected', 'deferred'] as const;
export type ChangeRequestOutcome = (typeof CHANGE_REQUEST_OUTCOMES)[number];

export type ChangeRequestRaised = DomainEvent<
  'ChangeRequestRaised',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly title: string;
    readonly origin: ChangeRequestOrigin;
    readonly categories: readonly ChangeRequestCategory[];
    readonly justification: string;
    readonly requestedBy: string;
    /** The decided change request this one revisits, if any. */
    readonly supersedes: string | null;
  }
>;
export type ChangeRequestImpactAssessed = DomainEvent<
  'ChangeRequestImpactAssessed',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly cost: CostImpact;
    readonly schedule: ScheduleImpact;
    readonly scope: ScopeImpact;
    readonly quality: QualityImpact;
    readonly contractual: boolean;
    /** The baseline version the impacts were assessed against. */
    readonly baselineVersion: number;
    readonly assessedBy: string;
  }
>;
export type ChangeRequestDecided = DomainEvent<
  'ChangeRequestDecided',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly outcome: ChangeRequestOutcome;
    readonly reason: string;
    readonly decidedBy: string;
    readonly authority: Role;
  }
>;
/** Public contract name (DOMAIN.md): scope items added/removed by an approved change request. */
export type ScopeChanged = DomainEvent<
  'ScopeChanged',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly added: readonly ScopeItem[];
    readonly removed: readonly ScopeItem[];
  }
>;
export type ScheduleChanged = DomainEvent<
  'ScheduleChanged',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly milestoneShifts: readonly AppliedMilestoneShift[];
  }
>;
export type BudgetChanged = DomainEvent<
  'BudgetChanged',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly delta: Money;
    readonly previousBudget: Money;
    readonly newBudget: Money;
  }
>;
export type QualityCriteriaChanged = DomainEvent<
  'QualityCriteriaChanged',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    /** Upserted by id: criteria with a known id replace it, new ids are added. */
    readonly criteria: readonly QualityCriterion[];
  }
>;
export type BaselineRevised = DomainEvent<
  'BaselineRevised',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly version: number;
    readonly baseline: BaselineContent;
  }
>;
export type CustomerApprovalRecorded = DomainEvent<
  'CustomerApprovalRecorded',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly customerSignatureRef: string;
    readonly recordedBy: string;
  }
>;
export type ChangeRequestImplemented = DomainEvent<
  'ChangeRequestImplemented',
  { readonly projectId: string; readonly changeRequestId: string; readonly implementedBy: string }
>;
export type ChangeRequestClosed = DomainEvent<
  'ChangeRequestClosed',
  { readonly projectId: string; readonly changeRequestId: string; readonly closedBy: string }
>;
export type ChangeRequestWithdrawn = DomainEvent<
  'ChangeRequestWithdrawn',
  {
    readonly projectId: string;
    readonly changeRequestId: string;
    readonly reason: string;
    readonly withdrawnBy: string;
  }
>;

export type ChangeRequestEvent =
  | ChangeRequestRaised
  | ChangeRequestImpactAssessed
  | ChangeRequestDecided
  | ScopeChanged
  | ScheduleChanged
  | BudgetChanged
  | QualityCriteriaChanged
  | BaselineRevised
  | CustomerApprovalRecorded
  | ChangeRequestImplemented
  | ChangeRequestClosed
  | ChangeRequestWithdrawn;
