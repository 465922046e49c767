import type { AggregateDefinition } from '../shared';
import type { HandoverCommand } from './handover.commands';
import { handoverDecider } from './handover.decider';
import { HANDOVER_EVENT_SCHEMA_VERSIONS, type HandoverEvent } from './handover.events';
import type { HandoverState } from './handover.state';

/** The one place a handover's stream name is made: `handover-<id>`. */
export const HANDOVER_STREAM_CATEGORY = 'handover';
export const handoverStreamId = (handoverId: string): string =>
  `${HANDOVER_STREAM_CATEGORY}-${handoverId}`;

/** The handover aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const handoverAggregate: AggregateDefinition<
  HandoverCommand,
  HandoverState,
  HandoverEvent,
  'handover'
> = {
  name: 'handover',
  decider: handoverDecider,
  schemaVersions: HANDOVER_EVENT_SCHEMA_VERSIONS,
  streamId: handoverStreamId,
};
