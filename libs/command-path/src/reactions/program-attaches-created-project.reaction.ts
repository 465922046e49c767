import { programStreamId, type ProgramCommand } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { programAggregate } from '@ledger/domain';
import type { FollowUpCommand, Reaction } from '../reaction';

/**
 * When a project is created in a program, the program attaches it: the program's own rules
 * (a project in at most one program, no closing while a project is open) then read its project
 * list from the program's stream. The project was created for this program just now, so it
 * belongs to no other one (`projectCurrentProgramId: null`).
 */
export const programAttachesCreatedProject: Reaction = {
  name: 'program-attaches-created-project',
  on: ['ProjectCreated'],
  react(event: RecordedEvent): readonly FollowUpCommand[] {
    const { projectId, programId } = event.data;
    if (event.type !== 'ProjectCreated') return [];
    if (typeof projectId !== 'string' || typeof programId !== 'string') return [];
    return [
      {
        aggregate: programAggregate,
        streamId: programStreamId(programId),
        build: (meta): ProgramCommand => ({
          type: 'AttachProjectToProgram',
          data: { projectId, projectCurrentProgramId: null },
          meta,
        }),
      },
    ];
  },
};
