import {
  HANDOVER_STREAM_CATEGORY,
  HANDOVER_EVENT_SCHEMA_VERSIONS,
  handoverDecider,
  type HandoverCommand,
  type HandoverEvent,
  type HandoverState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const handoverAggregate: AggregateDefinition<HandoverCommand, HandoverState, HandoverEvent> =
  {
    name: 'handover',
    streamCategory: HANDOVER_STREAM_CATEGORY,
    decider: handoverDecider,
    schemaVersions: HANDOVER_EVENT_SCHEMA_VERSIONS,
  };
