import type { AggregateDefinition } from '../shared';
import type { CapaCommand } from './capa.commands';
import { capaDecider } from './capa.decider';
import { CAPA_EVENT_SCHEMA_VERSIONS, type CapaEvent } from './capa.events';
import type { CapaState } from './capa.state';

/** The one place a corrective action's stream name is made: `capa-<id>`. */
export const CAPA_STREAM_CATEGORY = 'capa';
export const capaStreamId = (capaId: string): string => `${CAPA_STREAM_CATEGORY}-${capaId}`;

/** The capa aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const capaAggregate: AggregateDefinition<CapaCommand, CapaState, CapaEvent, 'capa'> = {
  name: 'capa',
  decider: capaDecider,
  schemaVersions: CAPA_EVENT_SCHEMA_VERSIONS,
  streamId: capaStreamId,
};
