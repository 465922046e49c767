import {
  PROGRAM_EVENT_SCHEMA_VERSIONS,
  PROGRAM_STREAM_CATEGORY,
  programDecider,
  programUpcasters,
  type ProgramCommand,
  type ProgramEvent,
  type ProgramState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const programAggregate: AggregateDefinition<ProgramCommand, ProgramState, ProgramEvent> = {
  name: 'program',
  streamCategory: PROGRAM_STREAM_CATEGORY,
  decider: programDecider,
  schemaVersions: PROGRAM_EVENT_SCHEMA_VERSIONS,
  upcasters: programUpcasters,
};
