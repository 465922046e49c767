import {
  CONTRACT_STREAM_CATEGORY,
  CONTRACT_EVENT_SCHEMA_VERSIONS,
  contractDecider,
  type ContractCommand,
  type ContractEvent,
  type ContractState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const contractAggregate: AggregateDefinition<ContractCommand, ContractState, ContractEvent> =
  {
    name: 'contract',
    streamCategory: CONTRACT_STREAM_CATEGORY,
    decider: contractDecider,
    schemaVersions: CONTRACT_EVENT_SCHEMA_VERSIONS,
  };
