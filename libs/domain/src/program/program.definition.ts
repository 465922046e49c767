import type { AggregateDefinition } from '../shared';
import type { ProgramCommand } from './program.commands';
import { programDecider } from './program.decider';
import { PROGRAM_EVENT_SCHEMA_VERSIONS, type ProgramEvent } from './program.events';
import type { ProgramState } from './program.state';
import { programUpcasters } from './program.upcasters';

/** The one place a program's stream name is made: `program-<id>`. */
export const PROGRAM_STREAM_CATEGORY = 'program';
export const programStreamId = (programId: string): string =>
  `${PROGRAM_STREAM_CATEGORY}-${programId}`;

/** The program aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const programAggregate: AggregateDefinition<
  ProgramCommand,
  ProgramState,
  ProgramEvent,
  'program'
> = {
  name: 'program',
  decider: programDecider,
  schemaVersions: PROGRAM_EVENT_SCHEMA_VERSIONS,
  upcasters: programUpcasters,
  streamId: programStreamId,
};
