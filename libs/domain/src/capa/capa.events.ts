import type { DomainEvent, Role } from '../shared';

/** What a corrective action was raised from; `sourceRef` is that thing's id. */
export const CAPA_SOURCES = ['complaint', 'incident', 'audit', 'lesson'] as const;
export type CapaSource = (typeof CAPA_SOURCES)[number];

export const ROOT_CAUSE_METHODS = ['5-whys', 'fishbone', 'other'] as const;
export type RootCauseMethod = (typeof ROOT_CAUSE_METHODS)[number];

export interface EffectivenessCriterion {
  readonly criterionId: string;
  /** What must be true for the CAPA to count as effective, e.g. "no repeat within 90 days". */
  readonly description: string;
}

export interface EffectivenessResult {
  readonly criterionId: string;
  readonly met: boolean;
  readonly observation: string | null;
}

interface CapaRef {
  readonly capaId: string;
  readonly projectId: string;
}

export type CorrectiveActionOpened = DomainEvent<
  'CorrectiveActionOpened',
  CapaRef & {
    readonly source: CapaSource;
    readonly sourceRef: string;
    readonly problemStatement: string;
    readonly openedBy: string;
    readonly authority: Role;
  }
>;
export type ContainmentRecorded = DomainEvent<
  'ContainmentRecorded',
  CapaRef & { readonly actionTaken: string; readonly recordedBy: string; readonly authority: Role }
>;
export type RootCauseRecorded = DomainEvent<
  'RootCauseRecorded',
  CapaRef & {
    readonly method: RootCauseMethod;
    readonly statement: string;
    /** True when a failed effectiveness check led to a new analysis (the earlier one stays). */
    readonly revisesPrevious: boolean;
    readonly recordedBy: string;
    readonly authority: Role;
  }
>;
export type CorrectiveActionAdded = DomainEvent<
  'CorrectiveActionAdded',
  CapaRef & {
    readonly actionId: string;
    readonly description: string;
    readonly ownerId: string;
    readonly dueOn: string;
    readonly addedBy: string;
    readonly authority: Role;
  }
>;
export type CorrectiveActionCompleted = DomainEvent<
  'CorrectiveActionCompleted',
  CapaRef & {
    readonly actionId: string;
    readonly evidence: string | null;
    readonly completedBy: string;
    readonly authority: Role;
  }
>;
export type EffectivenessCriteriaDefined = DomainEvent<
  'EffectivenessCriteriaDefined',
  CapaRef & {
    readonly criteria: readonly EffectivenessCriterion[];
    /** True when this set replaces one defined earlier (allowed only before any check). */
    readonly replacesPrevious: boolean;
    readonly definedBy: string;
    readonly authority: Role;
  }
>;
export type EffectivenessCheckRecorded = DomainEvent<
  'EffectivenessCheckRecorded',
  CapaRef & {
    /** 1 for the first check of this CAPA, 2 after an ineffective first check, ... */
    readonly checkNumber: number;
    /** One result per defined criterion, in the order the criteria were defined. */
    readonly results: readonly EffectivenessResult[];
    /** Computed: true only when every criterion is met. */
    readonly effective: boolean;
    readonly checkedBy: string;
    readonly authority: Role;
  }
>;
export type CorrectiveActionClosed = DomainEvent<
  'CorrectiveActionClosed',
  CapaRef & { readonly note: string | null; readonly closedBy: string; readonly authority: Role }
>;

export type CapaEvent =
  | CorrectiveActionOpened
  | ContainmentRecorded
  | RootCauseRecorded
  | CorrectiveActionAdded
  | CorrectiveActionCompleted
  | EffectivenessCriteriaDefined
  | EffectivenessCheckRecorded
  | CorrectiveActionClosed;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const CAPA_EVENT_SCHEMA_VERSIONS = {
  CorrectiveActionOpened: 1,
  ContainmentRecorded: 1,
  RootCauseRecorded: 1,
  CorrectiveActionAdded: 1,
  CorrectiveActionCompleted: 1,
  EffectivenessCriteriaDefined: 1,
  EffectivenessCheckRecorded: 1,
  CorrectiveActionClosed: 1,
} as const satisfies Record<CapaEvent['type'], number>;
