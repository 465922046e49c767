import { assertNever, type Decider } from '../shared';
import type {
  AssignProgramManager,
  AttachProjectToProgram,
  CloseProgram,
  CreateProgram,
  DetachProjectFromProgram,
  ProgramCommand,
} from './program.commands';
import { programErrors } from './program.errors';
import type { ProgramEvent } from './program.events';
import { evolveProgram, initialProgramState, type ProgramState } from './program.state';

type ExistingProgram = Exclude<ProgramState, { status: 'absent' }>;

function requireActive(state: ProgramState): ExistingProgram {
  if (state.status === 'absent') throw programErrors.notFound();
  if (state.status === 'closed') throw programErrors.closed(state.programId);
  return state;
}

function createProgram(command: CreateProgram, state: ProgramState): ProgramEvent[] {
  if (state.status !== 'absent') throw programErrors.alreadyExists(state.programId);
  const { programId, name, customer, managerId } = command.data;
  return [
    {
      type: 'ProgramCreated',
      data: { programId, name, customer, managerId, createdBy: command.meta.actor.sub },
    },
  ];
}

function attachProject(command: AttachProjectToProgram, state: ProgramState): ProgramEvent[] {
  const program = requireActive(state);
  const { projectId, projectCurrentProgramId } = command.data;
  if (program.projectIds.includes(projectId)) throw programErrors.projectAlreadyAttached(projectId);
  if (projectCurrentProgramId !== null && projectCurrentProgramId !== program.programId) {
    throw programErrors.projectInAnotherProgram(projectId, projectCurrentProgramId);
  }
  return [{ type: 'ProjectAttachedToProgram', data: { programId: program.programId, projectId } }];
}

function detachProject(command: DetachProjectFromProgram, state: ProgramState): ProgramEvent[] {
  const program = requireActive(state);
  const { projectId, reason } = command.data;
  if (!program.projectIds.includes(projectId)) throw programErrors.projectNotAttached(projectId);
  return [
    {
      type: 'ProjectDetachedFromProgram',
      data: { programId: program.programId, projectId, reason },
    },
  ];
}

function assignManager(command: AssignProgramManager, state: ProgramState): ProgramEvent[] {
  const program = requireActive(state);
  return [
    {
      type: 'ProgramManagerAssigned',
      data: {
        programId: program.programId,
        managerId: command.data.managerId,
        assignedBy: command.meta.actor.sub,
      },
    },
  ];
}

function closeProgram(command: CloseProgram, state: ProgramState): ProgramEvent[] {
  const program = requireActive(state);
  const open = command.data.openProjectIds.filter((id) => program.projectIds.includes(id));
  if (open.length > 0) throw programErrors.hasOpenProjects(open);
  return [
    {
      type: 'ProgramClosed',
      data: {
        programId: program.programId,
        closedBy: command.meta.actor.sub,
        reason: command.data.reason,
      },
    },
  ];
}

export function decideProgram(command: ProgramCommand, state: ProgramState): ProgramEvent[] {
  switch (command.type) {
    case 'CreateProgram':
      return createProgram(command, state);
    case 'AttachProjectToProgram':
      return attachProject(command, state);
    case 'DetachProjectFromProgram':
      return detachProject(command, state);
    case 'AssignProgramManager':
      return assignManager(command, state);
    case 'CloseProgram':
      return closeProgram(command, state);
    default:
      return assertNever(command);
  }
}

export const programDecider: Decider<ProgramCommand, ProgramState, ProgramEvent> = {
  initialState: initialProgramState,
  evolve: evolveProgram,
  decide: decideProgram,
};
