import type { AggregateDefinition } from '../shared';
import type { ProgramCommand } from './program.commands';
import { programDecider } from './program.decider';
import { PROGRAM_EVENT_SCHEMA_VERSIONS, type ProgramEvent } from './program.events';
import type { ProgramState } from './program.state';
import { programStreamId } from './program.stream';
import { programUpcasters } from './program.upcasters';

/** The program aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const programAggregate: AggregateDefinition<ProgramCommand, ProgramState, ProgramEvent> = {
  name: 'program',
  decider: programDecider,
  schemaVersions: PROGRAM_EVENT_SCHEMA_VERSIONS,
  upcasters: programUpcasters,
  streamId: programStreamId,
};
