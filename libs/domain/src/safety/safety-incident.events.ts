import type { DomainEvent, Role } from '../shared';
import type { IncidentClassification } from './incident-classification';

/**
 * Every incident event names the incident, its project and its site. People appear only as ids
 * (`personRefs`); no event has a field for injury or medical detail (DOMAIN.md: no medical detail
 * in events), and the decider copies only the named fields of a command into its events.
 */
interface IncidentRef {
  readonly incidentId: string;
  readonly projectId: string;
  readonly siteId: string;
}

export type SafetyIncidentReported = DomainEvent<
  'SafetyIncidentReported',
  IncidentRef & {
    /** ISO 8601 timestamp with offset. */
    readonly occurredAt: string;
    /** What happened (the event, not anyone's injury). */
    readonly description: string;
    readonly personRefs: readonly string[];
    readonly reportedBy: string;
    readonly authority: Role;
  }
>;
export type SafetyIncidentClassified = DomainEvent<
  'SafetyIncidentClassified',
  IncidentRef & {
    readonly classification: IncidentClassification;
    /** Computed from the classification (incident-classification.ts). */
    readonly recordable: boolean;
    readonly lostTimeInjury: boolean;
    readonly classifiedBy: string;
    readonly authority: Role;
  }
>;
export type SafetyIncidentReclassified = DomainEvent<
  'SafetyIncidentReclassified',
  IncidentRef & {
    readonly previousClassification: IncidentClassification;
    readonly classification: IncidentClassification;
    readonly recordable: boolean;
    readonly lostTimeInjury: boolean;
    readonly reason: string;
    readonly reclassifiedBy: string;
    readonly authority: Role;
  }
>;
export type LostDaysRecorded = DomainEvent<
  'LostDaysRecorded',
  IncidentRef & {
    /** Total calendar days lost to date (not an increment). */
    readonly lostDays: number;
    readonly previousLostDays: number;
    /** Required when the total goes down (a correction). */
    readonly reason: string | null;
    readonly recordedBy: string;
    readonly authority: Role;
  }
>;
export type SafetyIncidentInvestigated = DomainEvent<
  'SafetyIncidentInvestigated',
  IncidentRef & {
    readonly findings: string;
    /** Reference to the root-cause analysis, e.g. a CAPA id; null when none was needed. */
    readonly rootCauseRef: string | null;
    readonly investigatedBy: string;
    readonly authority: Role;
  }
>;
export type SafetyIncidentClosed = DomainEvent<
  'SafetyIncidentClosed',
  IncidentRef & {
    readonly note: string | null;
    readonly closedBy: string;
    readonly authority: Role;
  }
>;

export type SafetyIncidentEvent =
  | SafetyIncidentReported
  | SafetyIncidentClassified
  | SafetyIncidentReclassified
  | LostDaysRecorded
  | SafetyIncidentInvestigated
  | SafetyIncidentClosed;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS = {
  SafetyIncidentReported: 1,
  SafetyIncidentClassified: 1,
  SafetyIncidentReclassified: 1,
  LostDaysRecorded: 1,
  SafetyIncidentInvestigated: 1,
  SafetyIncidentClosed: 1,
} as const satisfies Record<SafetyIncidentEvent['type'], number>;
