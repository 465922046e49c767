import {
  ACCEPTANCE_EVENT_SCHEMA_VERSIONS,
  CAPA_EVENT_SCHEMA_VERSIONS,
  COMPLAINT_EVENT_SCHEMA_VERSIONS,
  CONTRACT_EVENT_SCHEMA_VERSIONS,
  CUSTOMER_SURVEY_EVENT_SCHEMA_VERSIONS,
  EXPOSURE_HOURS_EVENT_SCHEMA_VERSIONS,
  HANDOVER_EVENT_SCHEMA_VERSIONS,
  PROGRAM_EVENT_SCHEMA_VERSIONS,
  PROJECT_EVENT_SCHEMA_VERSIONS,
  RISK_EVENT_SCHEMA_VERSIONS,
  SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS,
  WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS,
  type AcceptanceEvent,
  type ComplaintEvent,
  type ContractEvent,
  type HandoverEvent,
  type ProgramEvent,
  type ProjectEvent,
  type RiskEvent,
  type SafetyIncidentEvent,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { PublicFact } from '../public-fact';
import { mapAcceptanceEvent } from './acceptance.public-mapper';
import { mapComplaintEvent } from './complaint.public-mapper';
import { mapContractEvent } from './contract.public-mapper';
import { mapHandoverEvent } from './handover.public-mapper';
import { mapProgramEvent } from './program.public-mapper';
import { mapProjectEvent } from './project.public-mapper';
import { mapRiskEvent } from './risk.public-mapper';
import { mapSafetyIncidentEvent } from './safety.public-mapper';

type InternalMapper = (event: RecordedEvent) => PublicFact | null;

/**
 * The one place a stored event (type + JSON data) is read as its aggregate's typed union: the
 * type names come from each aggregate's schema-version table, and the consumer receives events
 * already upcast, so the data has the current shape of that type.
 */
function typed<E>(map: (event: E) => PublicFact | null): InternalMapper {
  return (recorded) => map({ type: recorded.type, data: recorded.data } as unknown as E);
}

const NOT_PUBLIC: InternalMapper = () => null;

const AGGREGATES: readonly [Readonly<Record<string, number>>, InternalMapper][] = [
  [PROGRAM_EVENT_SCHEMA_VERSIONS, typed<ProgramEvent>(mapProgramEvent)],
  [CONTRACT_EVENT_SCHEMA_VERSIONS, typed<ContractEvent>(mapContractEvent)],
  [PROJECT_EVENT_SCHEMA_VERSIONS, typed<ProjectEvent>(mapProjectEvent)],
  [RISK_EVENT_SCHEMA_VERSIONS, typed<RiskEvent>(mapRiskEvent)],
  [HANDOVER_EVENT_SCHEMA_VERSIONS, typed<HandoverEvent>(mapHandoverEvent)],
  [ACCEPTANCE_EVENT_SCHEMA_VERSIONS, typed<AcceptanceEvent>(mapAcceptanceEvent)],
  [COMPLAINT_EVENT_SCHEMA_VERSIONS, typed<ComplaintEvent>(mapComplaintEvent)],
  [SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS, typed<SafetyIncidentEvent>(mapSafetyIncidentEvent)],
  // Aggregates with no public facts (yet): CAPA, exposure hours, customer surveys.
  [CAPA_EVENT_SCHEMA_VERSIONS, NOT_PUBLIC],
  [EXPOSURE_HOURS_EVENT_SCHEMA_VERSIONS, NOT_PUBLIC],
  [CUSTOMER_SURVEY_EVENT_SCHEMA_VERSIONS, NOT_PUBLIC],
  // The delivery machinery itself, not a fact of the delivery: never published.
  [WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS, NOT_PUBLIC],
];

const BY_TYPE = new Map<string, { readonly version: number; readonly map: InternalMapper }>(
  AGGREGATES.flatMap(([versions, map]) =>
    Object.entries(versions).map(([type, version]) => [type, { version, map }] as const),
  ),
);

/**
 * The public fact an internal event maps to, or null when it is not public. An unknown type or
 * an old schema version is an error, never a silent skip: the first means the contract has not
 * decided about a new internal event, the second that the consumer reads without upcasting.
 */
export function publicFactOf(event: RecordedEvent): PublicFact | null {
  const entry = BY_TYPE.get(event.type);
  if (!entry) throw new Error(`no public mapping decided for internal event type ${event.type}`);
  if (event.schemaVersion !== entry.version) {
    throw new Error(
      `${event.type} v${event.schemaVersion} at position ${event.position} is not the current ` +
        `v${entry.version}: feed the mapper from an upcasting store (openEventStore)`,
    );
  }
  return entry.map(event);
}
