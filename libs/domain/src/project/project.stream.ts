/** The one place a project's stream name is made: `project-<id>` (change requests live in it). */
export const PROJECT_STREAM_CATEGORY = 'project';
export const projectStreamId = (projectId: string): string =>
  `${PROJECT_STREAM_CATEGORY}-${projectId}`;
