import type { AggregateDefinition } from '../shared';
import type { CapaCommand } from './capa.commands';
import { capaDecider } from './capa.decider';
import { CAPA_EVENT_SCHEMA_VERSIONS, type CapaEvent } from './capa.events';
import type { CapaState } from './capa.state';
import { capaStreamId } from './capa.stream';

/** The capa aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const capaAggregate: AggregateDefinition<CapaCommand, CapaState, CapaEvent> = {
  name: 'capa',
  decider: capaDecider,
  schemaVersions: CAPA_EVENT_SCHEMA_VERSIONS,
  streamId: capaStreamId,
};
