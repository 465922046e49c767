import { assertNever, type Decider } from '../shared';
import { capaAuthority } from './capa.authority';
import type {
  AddCorrectiveAction,
  CapaCommand,
  CloseCorrectiveAction,
  CompleteCorrectiveAction,
  DefineEffectivenessCriteria,
  OpenCorrectiveAction,
  RecordContainment,
  RecordEffectivenessCheck,
  RecordRootCause,
} from './capa.commands';
import { capaErrors } from './capa.errors';
import type { CapaEvent } from './capa.events';
import {
  evolveCapa,
  initialCapaState,
  isPastRootCause,
  type CapaPastRootCause,
  type CapaState,
} from './capa.state';
import { evaluateEffectiveness } from './capa-effectiveness';

type OpenCapa = Exclude<CapaState, { status: 'absent' }>;

function requireOpen(state: CapaState): OpenCapa {
  if (state.status === 'absent') throw capaErrors.notFound();
  if (state.status === 'closed') throw capaErrors.closed(state.capaId);
  return state;
}

/** Past root cause and not yet verified effective: the CAPA is in its actions phase. */
function requireActing(state: CapaState): CapaPastRootCause {
  const capa = requireOpen(state);
  if (!isPastRootCause(capa)) throw capaErrors.rootCauseNotRecorded();
  if (capa.status === 'effective') throw capaErrors.alreadyEffective();
  return capa;
}

const ref = (capa: OpenCapa) => ({ capaId: capa.capaId, projectId: capa.projectId });

function open(command: OpenCorrectiveAction, state: CapaState): CapaEvent[] {
  if (state.status !== 'absent') throw capaErrors.alreadyOpened(state.capaId);
  const authority = capaAuthority(command.meta.actor);
  const { capaId, projectId, source, sourceRef, problemStatement } = command.data;
  return [
    {
      type: 'CorrectiveActionOpened',
      data: {
        capaId,
        projectId,
        source,
        sourceRef,
        problemStatement,
        openedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function recordContainment(command: RecordContainment, state: CapaState): CapaEvent[] {
  const capa = requireOpen(state);
  if (capa.status !== 'opened') throw capaErrors.containmentAlreadyRecorded();
  const authority = capaAuthority(command.meta.actor);
  return [
    {
      type: 'ContainmentRecorded',
      data: {
        ...ref(capa),
        actionTaken: command.data.actionTaken,
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

/** First after containment; again only after an ineffective check (a new analysis). */
function recordRootCause(command: RecordRootCause, state: CapaState): CapaEvent[] {
  const capa = requireOpen(state);
  if (capa.status === 'opened') throw capaErrors.containmentNotRecorded();
  if (capa.status === 'effective') throw capaErrors.alreadyEffective();
  const revisesPrevious = isPastRootCause(capa);
  if (revisesPrevious && capa.checkCount === 0) throw capaErrors.rootCauseAlreadyRecorded();
  const authority = capaAuthority(command.meta.actor);
  return [
    {
      type: 'RootCauseRecorded',
      data: {
        ...ref(capa),
        method: command.data.method,
        statement: command.data.statement,
        revisesPrevious,
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function addAction(command: AddCorrectiveAction, state: CapaState): CapaEvent[] {
  const capa = requireActing(state);
  const { actionId, description, ownerId, dueOn } = command.data;
  if (capa.actions.some((action) => action.actionId === actionId)) {
    throw capaErrors.actionAlreadyExists(actionId);
  }
  const authority = capaAuthority(command.meta.actor);
  return [
    {
      type: 'CorrectiveActionAdded',
      data: {
        ...ref(capa),
        actionId,
        description,
        ownerId,
        dueOn,
        addedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function completeAction(command: CompleteCorrectiveAction, state: CapaState): CapaEvent[] {
  const capa = requireActing(state);
  const { actionId, evidence } = command.data;
  const action = capa.actions.find((candidate) => candidate.actionId === actionId);
  if (action === undefined) throw capaErrors.actionNotFound(actionId);
  if (action.completed) throw capaErrors.actionAlreadyCompleted(actionId);
  const authority = capaAuthority(command.meta.actor);
  return [
    {
      type: 'CorrectiveActionCompleted',
      data: { ...ref(capa), actionId, evidence, completedBy: command.meta.actor.sub, authority },
    },
  ];
}

/** Criteria may be set (or replaced) any time before the first check, never after. */
function defineCriteria(command: DefineEffectivenessCriteria, state: CapaState): CapaEvent[] {
  const capa = requireOpen(state);
  if (isPastRootCause(capa) && capa.checkCount > 0) throw capaErrors.criteriaLocked();
  const { criteria } = command.data;
  if (criteria.length === 0) throw capaErrors.criteriaRequired();
  const ids = criteria.map((criterion) => criterion.criterionId);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length > 0) throw capaErrors.duplicateCriterion(duplicates);
  const authority = capaAuthority(command.meta.actor);
  return [
    {
      type: 'EffectivenessCriteriaDefined',
      data: {
        ...ref(capa),
        criteria: criteria.map(({ criterionId, description }) => ({ criterionId, description })),
        replacesPrevious: capa.criteria !== null,
        definedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function recordCheck(command: RecordEffectivenessCheck, state: CapaState): CapaEvent[] {
  const capa = requireOpen(state);
  if (capa.status === 'effective') throw capaErrors.alreadyEffective();
  if (capa.criteria === null) throw capaErrors.criteriaNotDefined();
  if (!isPastRootCause(capa) || capa.actions.length === 0) throw capaErrors.actionsRequired();
  const openActionIds = capa.actions.filter((a) => !a.completed).map((a) => a.actionId);
  if (openActionIds.length > 0) throw capaErrors.actionsNotCompleted(openActionIds);
  if (capa.checkCount > 0 && capa.actionsSinceLastCheck === 0) throw capaErrors.newActionRequired();
  const evaluation = evaluateEffectiveness(capa.criteria, command.data.results);
  if (!evaluation.complete) {
    const { unknownCriterionIds, missingCriterionIds, duplicateCriterionIds } = evaluation;
    throw capaErrors.resultsIncomplete({
      unknownCriterionIds,
      missingCriterionIds,
      duplicateCriterionIds,
    });
  }
  const authority = capaAuthority(command.meta.actor);
  return [
    {
      type: 'EffectivenessCheckRecorded',
      data: {
        ...ref(capa),
        checkNumber: capa.checkCount + 1,
        results: evaluation.results,
        effective: evaluation.effective,
        checkedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function close(command: CloseCorrectiveAction, state: CapaState): CapaEvent[] {
  const capa = requireOpen(state);
  if (capa.status !== 'effective') throw capaErrors.notVerifiedEffective();
  const authority = capaAuthority(command.meta.actor);
  return [
    {
      type: 'CorrectiveActionClosed',
      data: { ...ref(capa), note: command.data.note, closedBy: command.meta.actor.sub, authority },
    },
  ];
}

export function decideCapa(command: CapaCommand, state: CapaState): CapaEvent[] {
  switch (command.type) {
    case 'OpenCorrectiveAction':
      return open(command, state);
    case 'RecordContainment':
      return recordContainment(command, state);
    case 'RecordRootCause':
      return recordRootCause(command, state);
    case 'AddCorrectiveAction':
      return addAction(command, state);
    case 'CompleteCorrectiveAction':
      return completeAction(command, state);
    case 'DefineEffectivenessCriteria':
      return defineCriteria(command, state);
    case 'RecordEffectivenessCheck':
      return recordCheck(command, state);
    case 'CloseCorrectiveAction':
      return close(command, state);
    default:
      return assertNever(command);
  }
}

export const capaDecider: Decider<CapaCommand, CapaState, CapaEvent> = {
  initialState: initialCapaState,
  evolve: evolveCapa,
  decide: decideCapa,
};
