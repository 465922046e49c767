import type { AggregateDefinition } from '../shared';
import type { ContractCommand } from './contract.commands';
import { contractDecider } from './contract.decider';
import { CONTRACT_EVENT_SCHEMA_VERSIONS, type ContractEvent } from './contract.events';
import type { ContractState } from './contract.state';

/** The one place a contract's stream name is made: `contract-<id>`. */
export const CONTRACT_STREAM_CATEGORY = 'contract';
export const contractStreamId = (contractId: string): string =>
  `${CONTRACT_STREAM_CATEGORY}-${contractId}`;

/** The contract aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const contractAggregate: AggregateDefinition<
  ContractCommand,
  ContractState,
  ContractEvent,
  'contract'
> = {
  name: 'contract',
  decider: contractDecider,
  schemaVersions: CONTRACT_EVENT_SCHEMA_VERSIONS,
  streamId: contractStreamId,
};
