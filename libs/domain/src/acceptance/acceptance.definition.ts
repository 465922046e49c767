import type { AggregateDefinition } from '../shared';
import type { AcceptanceCommand } from './acceptance.commands';
import { acceptanceDecider } from './acceptance.decider';
import { ACCEPTANCE_EVENT_SCHEMA_VERSIONS, type AcceptanceEvent } from './acceptance.events';
import type { AcceptanceState } from './acceptance.state';
import { acceptanceStreamId } from './acceptance.stream';

/** The acceptance aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const acceptanceAggregate: AggregateDefinition<
  AcceptanceCommand,
  AcceptanceState,
  AcceptanceEvent
> = {
  name: 'acceptance',
  decider: acceptanceDecider,
  schemaVersions: ACCEPTANCE_EVENT_SCHEMA_VERSIONS,
  streamId: acceptanceStreamId,
};
