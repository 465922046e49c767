import type { AggregateDefinition } from '../shared';
import type { HandoverCommand } from './handover.commands';
import { handoverDecider } from './handover.decider';
import { HANDOVER_EVENT_SCHEMA_VERSIONS, type HandoverEvent } from './handover.events';
import type { HandoverState } from './handover.state';
import { handoverStreamId } from './handover.stream';

/** The handover aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const handoverAggregate: AggregateDefinition<HandoverCommand, HandoverState, HandoverEvent> =
  {
    name: 'handover',
    decider: handoverDecider,
    schemaVersions: HANDOVER_EVENT_SCHEMA_VERSIONS,
    streamId: handoverStreamId,
  };
