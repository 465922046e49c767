import type { AggregateDefinition } from '../shared';
import type { ComplaintCommand } from './complaint.commands';
import { complaintDecider } from './complaint.decider';
import { COMPLAINT_EVENT_SCHEMA_VERSIONS, type ComplaintEvent } from './complaint.events';
import type { ComplaintState } from './complaint.state';
import { complaintStreamId } from './complaint.stream';

/** The complaint aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const complaintAggregate: AggregateDefinition<
  ComplaintCommand,
  ComplaintState,
  ComplaintEvent
> = {
  name: 'complaint',
  decider: complaintDecider,
  schemaVersions: COMPLAINT_EVENT_SCHEMA_VERSIONS,
  streamId: complaintStreamId,
};
