import type { AggregateDefinition } from '../shared';
import type { AcceptanceCommand } from './acceptance.commands';
import { acceptanceDecider } from './acceptance.decider';
import { ACCEPTANCE_EVENT_SCHEMA_VERSIONS, type AcceptanceEvent } from './acceptance.events';
import type { AcceptanceState } from './acceptance.state';

/** The one place an acceptance's stream name is made: `acceptance-<id>`. */
export const ACCEPTANCE_STREAM_CATEGORY = 'acceptance';
export const acceptanceStreamId = (acceptanceId: string): string =>
  `${ACCEPTANCE_STREAM_CATEGORY}-${acceptanceId}`;

/** The acceptance aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const acceptanceAggregate: AggregateDefinition<
  AcceptanceCommand,
  AcceptanceState,
  AcceptanceEvent,
  'acceptance'
> = {
  name: 'acceptance',
  decider: acceptanceDecider,
  schemaVersions: ACCEPTANCE_EVENT_SCHEMA_VERSIONS,
  streamId: acceptanceStreamId,
};
