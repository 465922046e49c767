import { projectStreamId, type ProjectCommand } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { projectAggregate } from '@ledger/domain';
import type { FollowUpCommand, Reaction } from '../reaction';

/**
 * A project closes only with final acceptance issued (or formally waived): every FAC issued for
 * one of its acceptance objects is recorded on the project, which then reads it from its own
 * stream. The project decides: the same certificate again is a no-op, a further FAC (another
 * object) is recorded too, and a closed project refuses it (reported as a refused follow-up).
 */
export const projectRecordsFinalAcceptance: Reaction = {
  name: 'project-records-final-acceptance',
  on: ['FinalAcceptanceCertificateIssued'],
  react(event: RecordedEvent): readonly FollowUpCommand[] {
    const { projectId, certificateId } = event.data;
    if (typeof projectId !== 'string' || typeof certificateId !== 'string') return [];
    return [
      {
        aggregate: projectAggregate,
        streamId: projectStreamId(projectId),
        build: (meta): ProjectCommand => ({
          type: 'RecordFinalAcceptance',
          data: { certificateId },
          meta,
        }),
      },
    ];
  },
};
