import type { AggregateDefinition } from '../shared';
import {
  exposureHoursDecider,
  type ExposureHoursCommand,
  type ExposureHoursState,
} from './exposure-hours.decider';
import {
  EXPOSURE_HOURS_EVENT_SCHEMA_VERSIONS,
  type ExposureHoursEvent,
} from './exposure-hours.events';

/** The one place a project's exposure-hours stream name is made: `exposure-<projectId>`. */
export const EXPOSURE_HOURS_STREAM_CATEGORY = 'exposure';
export const exposureHoursStreamId = (projectId: string): string =>
  `${EXPOSURE_HOURS_STREAM_CATEGORY}-${projectId}`;

/** The exposureHours aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const exposureHoursAggregate: AggregateDefinition<
  ExposureHoursCommand,
  ExposureHoursState,
  ExposureHoursEvent,
  'exposure-hours'
> = {
  name: 'exposure-hours',
  decider: exposureHoursDecider,
  schemaVersions: EXPOSURE_HOURS_EVENT_SCHEMA_VERSIONS,
  streamId: exposureHoursStreamId,
};
