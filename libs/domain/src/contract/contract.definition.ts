import type { AggregateDefinition } from '../shared';
import type { ContractCommand } from './contract.commands';
import { contractDecider } from './contract.decider';
import { CONTRACT_EVENT_SCHEMA_VERSIONS, type ContractEvent } from './contract.events';
import type { ContractState } from './contract.state';
import { contractStreamId } from './contract.stream';

/** The contract aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const contractAggregate: AggregateDefinition<ContractCommand, ContractState, ContractEvent> =
  {
    name: 'contract',
    decider: contractDecider,
    schemaVersions: CONTRACT_EVENT_SCHEMA_VERSIONS,
    streamId: contractStreamId,
  };
