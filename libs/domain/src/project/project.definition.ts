import type { AggregateDefinition } from '../shared';
import type { ProjectCommand } from './project.commands';
import { projectDecider } from './project.decider';
import { PROJECT_EVENT_SCHEMA_VERSIONS, type ProjectEvent } from './project.events';
import type { ProjectState } from './project.state';
import { projectStreamId } from './project.stream';

/** The project aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const projectAggregate: AggregateDefinition<ProjectCommand, ProjectState, ProjectEvent> = {
  name: 'project',
  decider: projectDecider,
  schemaVersions: PROJECT_EVENT_SCHEMA_VERSIONS,
  streamId: projectStreamId,
};
