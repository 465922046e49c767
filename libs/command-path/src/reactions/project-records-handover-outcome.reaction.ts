import {
  isHandoverKind,
  projectStreamId,
  type ProjectCommand,
  type RecordedHandoverOutcome,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { projectAggregate } from '@ledger/domain';
import type { FollowUpCommand, Reaction } from '../reaction';

/** Which outcome the project records for each approving handover event. */
const OUTCOME_OF: Readonly<Record<string, RecordedHandoverOutcome>> = {
  HandoverApproved: 'approved',
  HandoverConditionallyApproved: 'conditionally-approved',
};

/**
 * When a handover is approved (with or without conditions), its project records the outcome:
 * the project's own rules (progress and cost only after Sell→Execute, closing only after
 * Delivery→Care) then read it from the project's stream, never from another aggregate's.
 */
export const projectRecordsHandoverOutcome: Reaction = {
  name: 'project-records-handover-outcome',
  on: Object.keys(OUTCOME_OF),
  react(event: RecordedEvent): readonly FollowUpCommand[] {
    const outcome = OUTCOME_OF[event.type];
    const { handoverId, projectId, kind } = event.data;
    if (
      outcome === undefined ||
      typeof handoverId !== 'string' ||
      typeof projectId !== 'string' ||
      !isHandoverKind(kind)
    ) {
      return [];
    }
    return [
      {
        aggregate: projectAggregate,
        streamId: projectStreamId(projectId),
        build: (meta): ProjectCommand => ({
          type: 'RecordHandoverOutcome',
          data: { handoverId, kind, outcome },
          meta,
        }),
      },
    ];
  },
};
