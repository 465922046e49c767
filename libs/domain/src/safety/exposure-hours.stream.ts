/** The one place a project's exposure-hours stream name is made: `exposure-<projectId>`. */
export const EXPOSURE_HOURS_STREAM_CATEGORY = 'exposure';
export const exposureHoursStreamId = (projectId: string): string =>
  `${EXPOSURE_HOURS_STREAM_CATEGORY}-${projectId}`;
