import {
  SAFETY_INCIDENT_STREAM_CATEGORY,
  SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS,
  safetyIncidentDecider,
  type SafetyIncidentCommand,
  type SafetyIncidentEvent,
  type SafetyIncidentState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const safetyIncidentAggregate: AggregateDefinition<
  SafetyIncidentCommand,
  SafetyIncidentState,
  SafetyIncidentEvent
> = {
  name: 'safety-incident',
  streamCategory: SAFETY_INCIDENT_STREAM_CATEGORY,
  decider: safetyIncidentDecider,
  schemaVersions: SAFETY_INCIDENT_EVENT_SCHEMA_VERSIONS,
};
