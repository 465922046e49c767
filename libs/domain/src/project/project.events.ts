import type { DomainEvent, Role } from '../shared';
import type { BaselineContent } from './baseline';
import type { ChangeRequestEvent } from './change-request.events';
import type { ExecutionEvent } from './execution.events';

export const DELIVERY_APPROACHES = [
  'predictive',
  'iterative',
  'incremental',
  'agile',
  'hybrid',
] as const;
export type DeliveryApproach = (typeof DELIVERY_APPROACHES)[number];
export const PROCESS_AREAS = [
  'network-operations',
  'supply-chain',
  'logistics',
  'acceptance',
] as const;
export type ProcessArea = (typeof PROCESS_AREAS)[number];
export const STAKEHOLDER_LEVELS = ['low', 'medium', 'high'] as const;
export type StakeholderLevel = (typeof STAKEHOLDER_LEVELS)[number];
/** The team role that makes a person the project manager (at most one holder at a time). */
export const PROJECT_MANAGER_ROLE = 'project-manager';
export const RECORDED_HANDOVER_KINDS = ['sell-to-execute', 'delivery-to-care'] as const;
export type RecordedHandoverKind = (typeof RECORDED_HANDOVER_KINDS)[number];
export const RECORDED_HANDOVER_OUTCOMES = ['approved', 'conditionally-approved'] as const;
export type RecordedHandoverOutcome = (typeof RECORDED_HANDOVER_OUTCOMES)[number];

export type ProjectCreated = DomainEvent<
  'ProjectCreated',
  {
    readonly projectId: string;
    readonly programId: string;
    readonly contractId: string;
    readonly name: string;
    readonly createdBy: string;
  }
>;
export type DeliveryApproachSelected = DomainEvent<
  'DeliveryApproachSelected',
  {
    readonly projectId: string;
    readonly optionsConsidered: readonly DeliveryApproach[];
    readonly chosen: DeliveryApproach;
    readonly rationale: string;
    readonly selectedBy: string;
    readonly authority: Role;
  }
>;
export type TeamMemberAssigned = DomainEvent<
  'TeamMemberAssigned',
  {
    readonly projectId: string;
    readonly personId: string;
    /** Free text role on the project; `project-manager` makes the person the PM. */
    readonly role: string;
    /** 1–100; replaces any earlier allocation of the same person in the same role. */
    readonly allocationPercent: number;
    /** When a new PM is assigned: the PM they replace (whose PM allocation ends); else null. */
    readonly replacedProjectManagerId: string | null;
    readonly assignedBy: string;
    readonly authority: Role;
  }
>;
export type TeamMemberReleased = DomainEvent<
  'TeamMemberReleased',
  {
    readonly projectId: string;
    readonly personId: string;
    readonly role: string;
    readonly reason: string;
    readonly releasedBy: string;
    readonly authority: Role;
  }
>;
export type StakeholderRegistered = DomainEvent<
  'StakeholderRegistered',
  {
    readonly projectId: string;
    readonly stakeholderId: string;
    readonly name: string;
    readonly organisation: string;
    readonly role: string;
    readonly influence: StakeholderLevel;
    readonly interest: StakeholderLevel;
    readonly registeredBy: string;
  }
>;
export type ProcessCustomisationDefined = DomainEvent<
  'ProcessCustomisationDefined',
  {
    readonly projectId: string;
    readonly area: ProcessArea;
    /** How this project deviates from the global process in this area. */
    readonly deviation: string;
    readonly rationale: string;
    readonly definedBy: string;
    readonly authority: Role;
  }
>;
export type BaselineEstablished = DomainEvent<
  'BaselineEstablished',
  {
    readonly projectId: string;
    /** Always 1. */
    readonly version: number;
    readonly baseline: BaselineContent;
    readonly establishedBy: string;
    readonly authority: Role;
  }
>;
export type HandoverOutcomeRecorded = DomainEvent<
  'HandoverOutcomeRecorded',
  {
    readonly projectId: string;
    readonly handoverId: string;
    readonly kind: RecordedHandoverKind;
    readonly outcome: RecordedHandoverOutcome;
    readonly recordedBy: string;
  }
>;
export type FinalAcceptanceRecorded = DomainEvent<
  'FinalAcceptanceRecorded',
  { readonly projectId: string; readonly certificateId: string; readonly recordedBy: string }
>;
export type FinalAcceptanceWaived = DomainEvent<
  'FinalAcceptanceWaived',
  {
    readonly projectId: string;
    readonly reason: string;
    readonly waivedBy: string;
    readonly authority: Role;
  }
>;
export type ProjectClosed = DomainEvent<
  'ProjectClosed',
  {
    readonly projectId: string;
    readonly reason: string;
    readonly closedBy: string;
    readonly authority: Role;
  }
>;

export type ProjectLifecycleEvent =
  | ProjectCreated
  | DeliveryApproachSelected
  | TeamMemberAssigned
  | TeamMemberReleased
  | StakeholderRegistered
  | ProcessCustomisationDefined
  | BaselineEstablished
  | HandoverOutcomeRecorded
  | FinalAcceptanceRecorded
  | FinalAcceptanceWaived
  | ProjectClosed;

export type ProjectEvent = ProjectLifecycleEvent | ChangeRequestEvent | ExecutionEvent;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const PROJECT_EVENT_SCHEMA_VERSIONS = {
  ProjectCreated: 1,
  DeliveryApproachSelected: 1,
  TeamMemberAssigned: 1,
  TeamMemberReleased: 1,
  StakeholderRegistered: 1,
  ProcessCustomisationDefined: 1,
  BaselineEstablished: 1,
  HandoverOutcomeRecorded: 1,
  FinalAcceptanceRecorded: 1,
  FinalAcceptanceWaived: 1,
  ProjectClosed: 1,
  ChangeRequestRaised: 1,
  ChangeRequestImpactAssessed: 1,
  ChangeRequestDecided: 1,
  ScopeChanged: 1,
  ScheduleChanged: 1,
  BudgetChanged: 1,
  QualityCriteriaChanged: 1,
  BaselineRevised: 1,
  CustomerApprovalRecorded: 1,
  ChangeRequestImplemented: 1,
  ChangeRequestClosed: 1,
  ChangeRequestWithdrawn: 1,
  ReportingPeriodOpened: 1,
  ReportingPeriodClosed: 1,
  ProgressReported: 1,
  ProgressCorrected: 1,
  ActualCostRecorded: 1,
  ForecastSubmitted: 1,
} as const satisfies Record<ProjectEvent['type'], number>;
