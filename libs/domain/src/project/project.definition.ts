import type { AggregateDefinition } from '../shared';
import type { ProjectCommand } from './project.commands';
import { projectDecider } from './project.decider';
import { PROJECT_EVENT_SCHEMA_VERSIONS, type ProjectEvent } from './project.events';
import type { ProjectState } from './project.state';

/** The one place a project's stream name is made: `project-<id>` (change requests live in it). */
export const PROJECT_STREAM_CATEGORY = 'project';
export const projectStreamId = (projectId: string): string =>
  `${PROJECT_STREAM_CATEGORY}-${projectId}`;

/** The project aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const projectAggregate: AggregateDefinition<
  ProjectCommand,
  ProjectState,
  ProjectEvent,
  'project'
> = {
  name: 'project',
  decider: projectDecider,
  schemaVersions: PROJECT_EVENT_SCHEMA_VERSIONS,
  streamId: projectStreamId,
};
