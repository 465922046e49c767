import { deciderSpec, metaAt } from '@ledger/testing';
import { programDecider, type ProgramEvent } from '@ledger/domain';

const meta = metaAt({ sub: 'alice', roles: ['pmo'] }, '2026-01-05T09:00:00.000Z');
const spec = deciderSpec(programDecider);

const created: ProgramEvent = {
  type: 'ProgramCreated',
  data: {
    programId: 'p1',
    name: '5G rollout',
    customer: { id: 'c1', name: 'Telco' },
    managerId: null,
    createdBy: 'alice',
  },
};
const attached: ProgramEvent = {
  type: 'ProjectAttachedToProgram',
  data: { programId: 'p1', projectId: 'prj1' },
};

describe('Program decider', () => {
  describe('CreateProgram', () => {
    const create = {
      type: 'CreateProgram' as const,
      data: {
        programId: 'p1',
        name: '5G rollout',
        customer: { id: 'c1', name: 'Telco' },
        managerId: null,
      },
      meta,
    };
    it('creates a program, recording who created it', () => {
      spec.given([]).when(create).then([created]);
    });
    it('names the program manager when one is given at creation', () => {
      spec
        .given([])
        .when({ ...create, data: { ...create.data, managerId: 'bob' } })
        .then([{ ...created, data: { ...created.data, managerId: 'bob' } }]);
    });
    it('refuses to create the same program twice', () => {
      spec.given([created]).when(create).thenFails('program-already-exists');
    });
  });

  describe('AttachProjectToProgram', () => {
    it('attaches a project that belongs to no program', () => {
      spec
        .given([created])
        .when({
          type: 'AttachProjectToProgram',
          data: { projectId: 'prj1', projectCurrentProgramId: null },
          meta,
        })
        .then([attached]);
    });
    it('refuses a project that already belongs to another program', () => {
      spec
        .given([created])
        .when({
          type: 'AttachProjectToProgram',
          data: { projectId: 'prj1', projectCurrentProgramId: 'p2' },
          meta,
        })
        .thenFails('project-in-another-program');
    });
    it('refuses to attach the same project twice', () => {
      spec
        .given([created, attached])
        .when({
          type: 'AttachProjectToProgram',
          data: { projectId: 'prj1', projectCurrentProgramId: 'p1' },
          meta,
        })
        .thenFails('project-already-attached');
    });
    it('refuses any change to a program that does not exist', () => {
      spec
        .given([])
        .when({
          type: 'AttachProjectToProgram',
          data: { projectId: 'prj1', projectCurrentProgramId: null },
          meta,
        })
        .thenFails('program-not-found');
    });
  });

  describe('DetachProjectFromProgram', () => {
    it('detaches an attached project with a reason', () => {
      spec
        .given([created, attached])
        .when({
          type: 'DetachProjectFromProgram',
          data: { projectId: 'prj1', reason: 'moved' },
          meta,
        })
        .then([
          {
            type: 'ProjectDetachedFromProgram',
            data: { programId: 'p1', projectId: 'prj1', reason: 'moved' },
          },
        ]);
    });
    it('refuses to detach a project that is not attached', () => {
      spec
        .given([created])
        .when({ type: 'DetachProjectFromProgram', data: { projectId: 'prj1', reason: 'x' }, meta })
        .thenFails('project-not-attached');
    });
  });

  describe('AssignProgramManager', () => {
    it('records the manager and who assigned them', () => {
      spec
        .given([created])
        .when({ type: 'AssignProgramManager', data: { managerId: 'bob' }, meta })
        .then([
          {
            type: 'ProgramManagerAssigned',
            data: { programId: 'p1', managerId: 'bob', assignedBy: 'alice' },
          },
        ]);
    });
  });

  describe('CloseProgram', () => {
    const close = (openProjectIds: string[]) => ({
      type: 'CloseProgram' as const,
      data: { reason: 'benefit delivered', openProjectIds },
      meta,
    });
    it('refuses to close while an attached project is open', () => {
      spec
        .given([created, attached])
        .when(close(['prj1']))
        .thenFails('program-has-open-projects');
    });
    it('closes when every attached project is closed', () => {
      spec
        .given([created, attached])
        .when(close([]))
        .then([
          {
            type: 'ProgramClosed',
            data: { programId: 'p1', closedBy: 'alice', reason: 'benefit delivered' },
          },
        ]);
    });
    it('takes no more changes once closed', () => {
      spec
        .given([
          created,
          { type: 'ProgramClosed', data: { programId: 'p1', closedBy: 'a', reason: 'r' } },
        ])
        .when({ type: 'AssignProgramManager', data: { managerId: 'bob' }, meta })
        .thenFails('program-closed');
    });
  });
});
