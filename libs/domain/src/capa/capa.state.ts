import { assertNever } from '../shared';
import type { CapaEvent, CapaSource, EffectivenessCriterion, RootCauseMethod } from './capa.events';

export interface CapaActionItem {
  readonly actionId: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly completed: boolean;
}

interface CapaFacts {
  readonly capaId: string;
  readonly projectId: string;
  readonly source: CapaSource;
  readonly sourceRef: string;
  readonly containment: string | null;
  /** Null until defined; frozen once a check is recorded. */
  readonly criteria: readonly EffectivenessCriterion[] | null;
}

/**
 * opened → contained → acting (root cause known: actions, checks) → effective → closed; an
 * ineffective check leaves it acting. Only a CAPA past root-cause analysis has actions and checks.
 */
export type CapaState =
  | { readonly status: 'absent' }
  | (CapaFacts & { readonly status: 'opened' | 'contained' })
  | (CapaFacts & {
      readonly status: 'acting' | 'effective' | 'closed';
      readonly rootCause: { readonly method: RootCauseMethod; readonly statement: string };
      readonly actions: readonly CapaActionItem[];
      readonly checkCount: number;
      /** Actions added since the last effectiveness check (or since the root cause). */
      readonly actionsSinceLastCheck: number;
    });

export type CapaPastRootCause = Extract<CapaState, { rootCause: unknown }>;

export const initialCapaState: CapaState = { status: 'absent' };

export function isPastRootCause(state: CapaState): state is CapaPastRootCause {
  return 'rootCause' in state;
}

export function evolveCapa(state: CapaState, event: CapaEvent): CapaState {
  switch (event.type) {
    case 'CorrectiveActionOpened': {
      const { capaId, projectId, source, sourceRef } = event.data;
      return {
        status: 'opened',
        capaId,
        projectId,
        source,
        sourceRef,
        containment: null,
        criteria: null,
      };
    }
    case 'ContainmentRecorded':
      if (state.status !== 'opened') return state;
      return { ...state, status: 'contained', containment: event.data.actionTaken };
    case 'RootCauseRecorded': {
      const rootCause = { method: event.data.method, statement: event.data.statement };
      if (isPastRootCause(state)) return { ...state, rootCause };
      if (state.status !== 'contained') return state;
      return {
        ...state,
        status: 'acting',
        rootCause,
        actions: [],
        checkCount: 0,
        actionsSinceLastCheck: 0,
      };
    }
    case 'CorrectiveActionAdded': {
      if (!isPastRootCause(state)) return state;
      const { actionId, ownerId, dueOn } = event.data;
      return {
        ...state,
        actions: [...state.actions, { actionId, ownerId, dueOn, completed: false }],
        actionsSinceLastCheck: state.actionsSinceLastCheck + 1,
      };
    }
    case 'CorrectiveActionCompleted':
      if (!isPastRootCause(state)) return state;
      return {
        ...state,
        actions: state.actions.map((action) =>
          action.actionId === event.data.actionId ? { ...action, completed: true } : action,
        ),
      };
    case 'EffectivenessCriteriaDefined':
      if (state.status === 'absent') return state;
      return { ...state, criteria: event.data.criteria };
    case 'EffectivenessCheckRecorded':
      if (!isPastRootCause(state)) return state;
      return {
        ...state,
        status: event.data.effective ? 'effective' : 'acting',
        checkCount: state.checkCount + 1,
        actionsSinceLastCheck: 0,
      };
    case 'CorrectiveActionClosed':
      return isPastRootCause(state) ? { ...state, status: 'closed' } : state;
    default:
      return assertNever(event);
  }
}
