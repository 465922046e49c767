import type { CommandMeta } from '@ledger/domain';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { programAggregate } from '@ledger/domain';
import { programAttachesCreatedProject } from './program-attaches-created-project.reaction';
import { recordedEvent } from './recorded-event.spec-fixtures';
import { projectReactions } from './project.reactions';

const meta: CommandMeta = {
  actor: { sub: 'alice', roles: ['project-manager'] },
  now: '2026-03-02T09:00:00.000Z',
  effectiveAt: '2026-03-01T12:00:00.000Z',
};

const recorded = (type: string, data: JsonObject): RecordedEvent =>
  recordedEvent(type, data, { streamId: 'project-prj1', revision: 0, position: 7, meta });

const createdData = {
  projectId: 'prj1',
  programId: 'pg1',
  contractId: 'ct1',
  name: 'Metro fibre',
  createdBy: 'alice',
};

describe('reaction program-attaches-created-project', () => {
  it('is registered among the project reactions, under its stable name', () => {
    expect(projectReactions).toContain(programAttachesCreatedProject);
    expect(programAttachesCreatedProject.name).toBe('program-attaches-created-project');
    expect(programAttachesCreatedProject.on).toEqual(['ProjectCreated']);
  });

  it('ProjectCreated → AttachProjectToProgram on the program stream', () => {
    const followUps = programAttachesCreatedProject.react(recorded('ProjectCreated', createdData));
    expect(followUps).toHaveLength(1);
    const [followUp] = followUps;
    expect(followUp!.aggregate).toBe(programAggregate);
    expect(followUp!.streamId).toBe('program-pg1');
    expect(followUp!.build(meta)).toEqual({
      type: 'AttachProjectToProgram',
      data: { projectId: 'prj1', projectCurrentProgramId: null },
      meta,
    });
  });

  it.each([
    ['ProjectClosed', createdData],
    ['ProjectCreated', { ...createdData, programId: 7 }],
    ['ProjectCreated', { ...createdData, projectId: null }],
  ])('%s with %j causes nothing', (type, data) => {
    expect(programAttachesCreatedProject.react(recorded(type, data as JsonObject))).toEqual([]);
  });

  it('the follow-up is one the program decider accepts', () => {
    const program = programAggregate.decider.evolve(programAggregate.decider.initialState, {
      type: 'ProgramCreated',
      data: {
        programId: 'pg1',
        name: 'North',
        customer: { id: 'c1', name: 'Telco' },
        managerId: null,
        createdBy: 'paula',
      },
    });
    const [followUp] = programAttachesCreatedProject.react(recorded('ProjectCreated', createdData));
    const command = followUp!.build(meta) as Parameters<typeof programAggregate.decider.decide>[0];
    expect(programAggregate.decider.decide(command, program)).toEqual([
      { type: 'ProjectAttachedToProgram', data: { programId: 'pg1', projectId: 'prj1' } },
    ]);
  });
});
