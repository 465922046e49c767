import {
  CAPA_STREAM_CATEGORY,
  CAPA_EVENT_SCHEMA_VERSIONS,
  capaDecider,
  type CapaCommand,
  type CapaEvent,
  type CapaState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const capaAggregate: AggregateDefinition<CapaCommand, CapaState, CapaEvent> = {
  name: 'capa',
  streamCategory: CAPA_STREAM_CATEGORY,
  decider: capaDecider,
  schemaVersions: CAPA_EVENT_SCHEMA_VERSIONS,
};
