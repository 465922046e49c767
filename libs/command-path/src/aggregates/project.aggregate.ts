import {
  PROJECT_STREAM_CATEGORY,
  PROJECT_EVENT_SCHEMA_VERSIONS,
  projectDecider,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const projectAggregate: AggregateDefinition<ProjectCommand, ProjectState, ProjectEvent> = {
  name: 'project',
  streamCategory: PROJECT_STREAM_CATEGORY,
  decider: projectDecider,
  schemaVersions: PROJECT_EVENT_SCHEMA_VERSIONS,
};
