import { assertNever } from '../shared';
import type { CustomerRef, ProgramEvent } from './program.events';

export type ProgramState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'closed';
      readonly programId: string;
      readonly name: string;
      readonly customer: CustomerRef;
      readonly managerId: string | null;
      readonly projectIds: readonly string[];
    };

export const initialProgramState: ProgramState = { status: 'absent' };

export function evolveProgram(state: ProgramState, event: ProgramEvent): ProgramState {
  switch (event.type) {
    case 'ProgramCreated':
      return {
        status: 'active',
        programId: event.data.programId,
        name: event.data.name,
        customer: event.data.customer,
        managerId: event.data.managerId,
        projectIds: [],
      };
    case 'ProjectAttachedToProgram':
      if (state.status === 'absent') return state;
      return { ...state, projectIds: [...state.projectIds, event.data.projectId] };
    case 'ProjectDetachedFromProgram':
      if (state.status === 'absent') return state;
      return { ...state, projectIds: state.projectIds.filter((id) => id !== event.data.projectId) };
    case 'ProgramManagerAssigned':
      if (state.status === 'absent') return state;
      return { ...state, managerId: event.data.managerId };
    case 'ProgramClosed':
      if (state.status === 'absent') return state;
      return { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}
