import { commandBuilder, deciderSpec, metaAt } from '@ledger/testing';
import { capaDecider, capaStreamId, type CapaCommand, type CapaEvent } from '.';

const meta = metaAt({ sub: 'carol', roles: ['project-manager'] }, '2026-04-01T09:00:00.000Z');
const spec = deciderSpec(capaDecider);
const ref = { capaId: 'capa1', projectId: 'prj1' };
const by = { authority: 'project-manager' as const };

const cmd = commandBuilder<CapaCommand>(meta);

const openData = {
  ...ref,
  source: 'complaint' as const,
  sourceRef: 'cmp1',
  problemStatement: 'Cabinet doors left open after site visits',
};
const opened: CapaEvent = {
  type: 'CorrectiveActionOpened',
  data: { ...openData, openedBy: 'carol', ...by },
};
const contained: CapaEvent = {
  type: 'ContainmentRecorded',
  data: { ...ref, actionTaken: 'All cabinets checked and locked', recordedBy: 'carol', ...by },
};
const rootCause: CapaEvent = {
  type: 'RootCauseRecorded',
  data: {
    ...ref,
    method: '5-whys',
    statement: 'No close-out step in the visit procedure',
    revisesPrevious: false,
    recordedBy: 'carol',
    ...by,
  },
};
const criteria = [
  { criterionId: 'c1', description: 'No open-door finding in 90 days' },
  { criterionId: 'c2', description: 'Checklist used on 95 % of visits' },
];
const criteriaDefined: CapaEvent = {
  type: 'EffectivenessCriteriaDefined',
  data: { ...ref, criteria, replacesPrevious: false, definedBy: 'carol', ...by },
};
const actionAdded = (actionId: string): CapaEvent => ({
  type: 'CorrectiveActionAdded',
  data: {
    ...ref,
    actionId,
    description: 'Add close-out checklist',
    ownerId: 'dave',
    dueOn: '2026-04-15',
    addedBy: 'carol',
    ...by,
  },
});
const actionCompleted = (actionId: string): CapaEvent => ({
  type: 'CorrectiveActionCompleted',
  data: { ...ref, actionId, evidence: 'doc-123', completedBy: 'carol', ...by },
});
const result = (criterionId: string, met: boolean) => ({ criterionId, met, observation: null });
const check = (checkNumber: number, effective: boolean): CapaEvent => ({
  type: 'EffectivenessCheckRecorded',
  data: {
    ...ref,
    checkNumber,
    results: [result('c1', true), result('c2', effective)],
    effective,
    checkedBy: 'carol',
    ...by,
  },
});
const acting = [opened, contained, rootCause, criteriaDefined, actionAdded('a1')];
const readyForCheck = [...acting, actionCompleted('a1')];
const recordCheck = (c2Met: boolean) =>
  cmd('RecordEffectivenessCheck', { results: [result('c2', c2Met), result('c1', true)] });

describe('CAPA decider', () => {
  it('keeps each corrective action in its own stream', () => {
    expect(capaStreamId('capa1')).toBe('capa-capa1');
  });

  describe('OpenCorrectiveAction', () => {
    it('opens a CAPA naming its source, recording who opened it', () => {
      spec.given([]).when(cmd('OpenCorrectiveAction', openData)).then([opened]);
    });
    it('lets the PMO open a CAPA from an audit', () => {
      const pmo = { ...meta, actor: { sub: 'pat', roles: ['pmo' as const] } };
      const fromAudit = { ...openData, source: 'audit' as const, sourceRef: 'aud-7' };
      spec
        .given([])
        .when(cmd('OpenCorrectiveAction', fromAudit, pmo))
        .then([
          {
            type: 'CorrectiveActionOpened',
            data: { ...fromAudit, openedBy: 'pat', authority: 'pmo' },
          },
        ]);
    });
    it('refuses to open the same CAPA twice', () => {
      spec
        .given([opened])
        .when(cmd('OpenCorrectiveAction', openData))
        .thenFails('capa-already-exists');
    });
    it('refuses an actor without a role that owns corrective actions', () => {
      const sales = { ...meta, actor: { sub: 'sam', roles: ['sales' as const] } };
      spec
        .given([])
        .when(cmd('OpenCorrectiveAction', openData, sales))
        .thenFails('role-required');
    });
  });

  describe('RecordContainment', () => {
    const contain = cmd('RecordContainment', { actionTaken: 'All cabinets checked and locked' });
    it('records the containment of an open CAPA', () => {
      spec.given([opened]).when(contain).then([contained]);
    });
    it('refuses a second containment record', () => {
      spec.given([opened, contained]).when(contain).thenFails('containment-already-recorded');
    });
    it('refuses a CAPA that does not exist', () => {
      spec.given([]).when(contain).thenFails('capa-not-found');
    });
  });

  describe('RecordRootCause', () => {
    const analyse = cmd('RecordRootCause', {
      method: '5-whys',
      statement: 'No close-out step in the visit procedure',
    });
    it('records the root cause once the problem is contained', () => {
      spec.given([opened, contained]).when(analyse).then([rootCause]);
    });
    it('refuses a root cause before containment', () => {
      spec.given([opened]).when(analyse).thenFails('containment-not-recorded');
    });
    it('refuses a second analysis while no check has failed', () => {
      spec
        .given([opened, contained, rootCause])
        .when(analyse)
        .thenFails('root-cause-already-recorded');
    });
    it('records a revised analysis after an ineffective check, keeping the first', () => {
      spec
        .given([...readyForCheck, check(1, false)])
        .when(cmd('RecordRootCause', { method: 'fishbone', statement: 'Locks are faulty' }))
        .then([
          {
            type: 'RootCauseRecorded',
            data: {
              ...ref,
              method: 'fishbone',
              statement: 'Locks are faulty',
              revisesPrevious: true,
              recordedBy: 'carol',
              ...by,
            },
          },
        ]);
    });
  });

  describe('AddCorrectiveAction', () => {
    const add = (actionId: string) =>
      cmd('AddCorrectiveAction', {
        actionId,
        description: 'Add close-out checklist',
        ownerId: 'dave',
        dueOn: '2026-04-15',
      });
    it('adds an action with an owner and a due date', () => {
      spec
        .given([opened, contained, rootCause])
        .when(add('a1'))
        .then([actionAdded('a1')]);
    });
    it('refuses an action before the root cause is known', () => {
      spec.given([opened, contained]).when(add('a1')).thenFails('root-cause-not-recorded');
    });
    it('refuses an action id used before', () => {
      spec.given(acting).when(add('a1')).thenFails('corrective-action-already-exists');
    });
    it('refuses new actions once the CAPA was found effective', () => {
      spec
        .given([...readyForCheck, check(1, true)])
        .when(add('a2'))
        .thenFails('capa-already-verified-effective');
    });
  });

  describe('CompleteCorrectiveAction', () => {
    const complete = (actionId: string) =>
      cmd('CompleteCorrectiveAction', { actionId, evidence: 'doc-123' });
    it('completes an open action', () => {
      spec
        .given(acting)
        .when(complete('a1'))
        .then([actionCompleted('a1')]);
    });
    it('refuses an unknown action', () => {
      spec.given(acting).when(complete('a9')).thenFails('corrective-action-not-found');
    });
    it('refuses to complete an action twice', () => {
      spec
        .given(readyForCheck)
        .when(complete('a1'))
        .thenFails('corrective-action-already-completed');
    });
  });

  describe('DefineEffectivenessCriteria', () => {
    const define = (list: typeof criteria) =>
      cmd('DefineEffectivenessCriteria', { criteria: list });
    it('defines the criteria before any check, even right after opening', () => {
      spec.given([opened]).when(define(criteria)).then([criteriaDefined]);
    });
    it('replaces criteria while no check has started', () => {
      spec
        .given(acting)
        .when(define(criteria.slice(0, 1)))
        .then([
          {
            type: 'EffectivenessCriteriaDefined',
            data: {
              ...ref,
              criteria: criteria.slice(0, 1),
              replacesPrevious: true,
              definedBy: 'carol',
              ...by,
            },
          },
        ]);
    });
    it('refuses to change criteria once a check has started against them', () => {
      spec
        .given([...readyForCheck, check(1, false)])
        .when(define(criteria))
        .thenFails('effectiveness-criteria-locked');
    });
    it('refuses an empty set of criteria', () => {
      spec.given([opened]).when(define([])).thenFails('effectiveness-criteria-required');
    });
    it('refuses two criteria with the same id', () => {
      spec
        .given([opened])
        .when(define([criteria[0]!, { ...criteria[1]!, criterionId: 'c1' }]))
        .thenFails('duplicate-effectiveness-criterion');
    });
  });

  describe('RecordEffectivenessCheck', () => {
    it('finds the CAPA effective when every criterion is met, results in criteria order', () => {
      spec
        .given(readyForCheck)
        .when(recordCheck(true))
        .then([check(1, true)]);
    });
    it('finds it ineffective when any criterion is not met', () => {
      spec
        .given(readyForCheck)
        .when(recordCheck(false))
        .then([check(1, false)]);
    });
    it('refuses a check without criteria defined before it', () => {
      const noCriteria = [opened, contained, rootCause, actionAdded('a1'), actionCompleted('a1')];
      spec
        .given(noCriteria)
        .when(recordCheck(true))
        .thenFails('effectiveness-criteria-not-defined');
    });
    it('refuses a check before any corrective action', () => {
      spec
        .given([opened, contained, rootCause, criteriaDefined])
        .when(recordCheck(true))
        .thenFails('corrective-actions-required');
    });
    it('refuses a check while an action is still open', () => {
      const error = spec
        .given(acting)
        .when(recordCheck(true))
        .thenFails('corrective-actions-not-completed');
      expect(error.details).toEqual({ openActionIds: ['a1'] });
    });
    it('refuses a result for a criterion that was not defined, or a missing one', () => {
      const error = spec
        .given(readyForCheck)
        .when(
          cmd('RecordEffectivenessCheck', { results: [result('c1', true), result('c3', true)] }),
        )
        .thenFails('effectiveness-results-incomplete');
      expect(error.details).toEqual({
        unknownCriterionIds: ['c3'],
        missingCriterionIds: ['c2'],
        duplicateCriterionIds: [],
      });
    });
    it('sends an ineffective CAPA back to actions: a new action is needed before the next check', () => {
      const afterFailure = [...readyForCheck, check(1, false)];
      spec.given(afterFailure).when(recordCheck(true)).thenFails('new-corrective-action-required');
      spec
        .given([...afterFailure, actionAdded('a2'), actionCompleted('a2')])
        .when(recordCheck(true))
        .then([check(2, true)]);
    });
    it('refuses another check once the CAPA was found effective', () => {
      spec
        .given([...readyForCheck, check(1, true)])
        .when(recordCheck(true))
        .thenFails('capa-already-verified-effective');
    });
  });

  describe('CloseCorrectiveAction', () => {
    const close = cmd('CloseCorrectiveAction', { note: null });
    const closed: CapaEvent = {
      type: 'CorrectiveActionClosed',
      data: { ...ref, note: null, closedBy: 'carol', ...by },
    };
    it('closes after a check found the CAPA effective', () => {
      spec
        .given([...readyForCheck, check(1, true)])
        .when(close)
        .then([closed]);
    });
    it('refuses to close after an ineffective check', () => {
      spec
        .given([...readyForCheck, check(1, false)])
        .when(close)
        .thenFails('capa-not-verified-effective');
    });
    it('refuses to close without any check', () => {
      spec.given(readyForCheck).when(close).thenFails('capa-not-verified-effective');
    });
    it('takes no more changes once closed', () => {
      spec
        .given([...readyForCheck, check(1, true), closed])
        .when(cmd('DefineEffectivenessCriteria', { criteria }))
        .thenFails('capa-closed');
    });
  });
});
