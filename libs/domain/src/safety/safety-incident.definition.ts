import type { AggregateDefinition } from '../shared';
import type { SafetyIncidentCommand } from './safety-incident.commands';
import { safetyIncidentDecider } from './safety-incident.decider';
import {
  SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS,
  type SafetyIncidentEvent,
} from './safety-incident.events';
import type { SafetyIncidentState } from './safety-incident.state';

/** The one place a safety incident's stream name is made: `incident-<id>`. */
export const SAFETY_INCIDENT_STREAM_CATEGORY = 'incident';
export const safetyIncidentStreamId = (incidentId: string): string =>
  `${SAFETY_INCIDENT_STREAM_CATEGORY}-${incidentId}`;

/** The safetyIncident aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const safetyIncidentAggregate: AggregateDefinition<
  SafetyIncidentCommand,
  SafetyIncidentState,
  SafetyIncidentEvent,
  'safety-incident'
> = {
  name: 'safety-incident',
  decider: safetyIncidentDecider,
  schemaVersions: SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS,
  streamId: safetyIncidentStreamId,
};
