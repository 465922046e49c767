import {
  ACCEPTANCE_STREAM_CATEGORY,
  ACCEPTANCE_EVENT_SCHEMA_VERSIONS,
  acceptanceDecider,
  type AcceptanceCommand,
  type AcceptanceEvent,
  type AcceptanceState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const acceptanceAggregate: AggregateDefinition<
  AcceptanceCommand,
  AcceptanceState,
  AcceptanceEvent
> = {
  name: 'acceptance',
  streamCategory: ACCEPTANCE_STREAM_CATEGORY,
  decider: acceptanceDecider,
  schemaVersions: ACCEPTANCE_EVENT_SCHEMA_VERSIONS,
};
