import type { AggregateDefinition } from '../shared';
import type { SafetyIncidentCommand } from './safety-incident.commands';
import { safetyIncidentDecider } from './safety-incident.decider';
import {
  SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS,
  type SafetyIncidentEvent,
} from './safety-incident.events';
import type { SafetyIncidentState } from './safety-incident.state';
import { safetyIncidentStreamId } from './safety-incident.stream';

/** The safetyIncident aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const safetyIncidentAggregate: AggregateDefinition<
  SafetyIncidentCommand,
  SafetyIncidentState,
  SafetyIncidentEvent
> = {
  name: 'safety-incident',
  decider: safetyIncidentDecider,
  schemaVersions: SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS,
  streamId: safetyIncidentStreamId,
};
