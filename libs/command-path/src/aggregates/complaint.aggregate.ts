import {
  COMPLAINT_STREAM_CATEGORY,
  COMPLAINT_EVENT_SCHEMA_VERSIONS,
  complaintDecider,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const complaintAggregate: AggregateDefinition<
  ComplaintCommand,
  ComplaintState,
  ComplaintEvent
> = {
  name: 'complaint',
  streamCategory: COMPLAINT_STREAM_CATEGORY,
  decider: complaintDecider,
  schemaVersions: COMPLAINT_EVENT_SCHEMA_VERSIONS,
};
