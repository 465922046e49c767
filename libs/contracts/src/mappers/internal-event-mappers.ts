import {
  AGGREGATES,
  type AcceptanceEvent,
  type AggregateName,
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

/**
 * The contract's decision for every aggregate, keyed by its name: a new aggregate in the domain's
 * AGGREGATES does not compile until it is decided here (public through a mapper whose
 * `assertNever` covers its event union, or not public), instead of every public consumer
 * stopping at its first event.
 */
const MAPPER_OF: Readonly<Record<AggregateName, InternalMapper>> = {
  program: typed<ProgramEvent>(mapProgramEvent),
  contract: typed<ContractEvent>(mapContractEvent),
  project: typed<ProjectEvent>(mapProjectEvent),
  risk: typed<RiskEvent>(mapRiskEvent),
  handover: typed<HandoverEvent>(mapHandoverEvent),
  acceptance: typed<AcceptanceEvent>(mapAcceptanceEvent),
  complaint: typed<ComplaintEvent>(mapComplaintEvent),
  'safety-incident': typed<SafetyIncidentEvent>(mapSafetyIncidentEvent),
  // Aggregates with no public facts (yet): CAPA, exposure hours, customer surveys.
  capa: NOT_PUBLIC,
  'exposure-hours': NOT_PUBLIC,
  'customer-survey': NOT_PUBLIC,
  // The delivery machinery itself, not a fact of the delivery: never published.
  'webhook-subscription': NOT_PUBLIC,
};

const BY_TYPE = new Map<string, { readonly version: number; readonly map: InternalMapper }>(
  AGGREGATES.flatMap(({ name, schemaVersions }) =>
    Object.entries(schemaVersions).map(
      ([type, version]) => [type, { version, map: MAPPER_OF[name] }] as const,
    ),
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
