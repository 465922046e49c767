import type { AggregateDefinition } from '../shared';
import type { ComplaintCommand } from './complaint.commands';
import { complaintDecider } from './complaint.decider';
import { COMPLAINT_EVENT_SCHEMA_VERSIONS, type ComplaintEvent } from './complaint.events';
import type { ComplaintState } from './complaint.state';

/** The one place a complaint's stream name is made: `complaint-<id>`. */
export const COMPLAINT_STREAM_CATEGORY = 'complaint';
export const complaintStreamId = (complaintId: string): string =>
  `${COMPLAINT_STREAM_CATEGORY}-${complaintId}`;

/** The complaint aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const complaintAggregate: AggregateDefinition<
  ComplaintCommand,
  ComplaintState,
  ComplaintEvent,
  'complaint'
> = {
  name: 'complaint',
  decider: complaintDecider,
  schemaVersions: COMPLAINT_EVENT_SCHEMA_VERSIONS,
  streamId: complaintStreamId,
};
