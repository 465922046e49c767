import {
  EXPOSURE_HOURS_STREAM_CATEGORY,
  EXPOSURE_HOURS_EVENT_SCHEMA_VERSIONS,
  exposureHoursDecider,
  type ExposureHoursCommand,
  type ExposureHoursEvent,
  type ExposureHoursState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const exposureHoursAggregate: AggregateDefinition<
  ExposureHoursCommand,
  ExposureHoursState,
  ExposureHoursEvent
> = {
  name: 'exposure-hours',
  streamCategory: EXPOSURE_HOURS_STREAM_CATEGORY,
  decider: exposureHoursDecider,
  schemaVersions: EXPOSURE_HOURS_EVENT_SCHEMA_VERSIONS,
};
