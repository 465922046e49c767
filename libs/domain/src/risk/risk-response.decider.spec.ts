import { deciderSpec } from '@ledger/testing';
import { riskDecider, type RiskEvent } from './index';
import { eur, meta, ownerAssigned, ref } from './risk.spec-fixtures';

const spec = deciderSpec(riskDecider);

const raised: RiskEvent = {
  type: 'RiskRaised',
  data: {
    ...ref,
    kind: 'threat',
    title: 'Radio units delayed',
    cause: 'single supplier',
    event: 'delivery slips 6 weeks',
    effect: 'cluster acceptance late',
    category: 'supply-chain',
    raisedBy: 'carla',
  },
};
const opportunityRaised: RiskEvent = {
  type: 'RiskRaised',
  data: { ...raised.data, kind: 'opportunity', title: 'Reuse existing masts' },
};
const planned = (contingencyReserve: { amount: number; currency: string } | null): RiskEvent => ({
  type: 'RiskResponsePlanned',
  data: {
    ...ref,
    strategy: 'mitigate',
    description: 'qualify a second supplier',
    contingencyReserve,
    ownerId: 'olga',
    plannedBy: 'carla',
    authority: 'project-manager',
  },
});
const actionAdded: RiskEvent = {
  type: 'ResponseActionAdded',
  data: {
    ...ref,
    actionId: 'a1',
    description: 'run supplier qualification',
    ownerId: 'sam',
    dueOn: '2026-04-15',
    status: 'open',
    addedBy: 'carla',
  },
};
const drawn = (amount: number, remaining: number): RiskEvent => ({
  type: 'ContingencyDrawn',
  data: {
    ...ref,
    amount: eur(amount),
    reason: 'air freight',
    remainingReserve: eur(remaining),
    drawnBy: 'carla',
    authority: 'project-manager',
  },
});

describe('Risk decider: response', () => {
  describe('PlanRiskResponse', () => {
    const plan = (strategy: string, contingencyReserve?: { amount: number; currency: string }) => ({
      type: 'PlanRiskResponse' as const,
      data: {
        strategy: strategy as 'mitigate',
        description: 'qualify a second supplier',
        ...(contingencyReserve === undefined ? {} : { contingencyReserve }),
      },
      meta,
    });
    it('plans a threat response with a contingency reserve, naming the owner', () => {
      spec
        .given([raised, ownerAssigned])
        .when(plan('mitigate', eur(50_000)))
        .then([planned(eur(50_000))]);
    });
    it('plans a response without a reserve', () => {
      spec
        .given([raised, ownerAssigned])
        .when(plan('mitigate'))
        .then([planned(null)]);
    });
    it('accepts opportunity strategies for an opportunity', () => {
      spec
        .given([opportunityRaised, ownerAssigned])
        .when(plan('exploit'))
        .thenEvents(([event]) => expect(event?.data).toMatchObject({ strategy: 'exploit' }));
    });
    it('refuses a strategy that does not fit a threat', () => {
      const error = spec
        .given([raised, ownerAssigned])
        .when(plan('exploit'))
        .thenFails('strategy-does-not-fit-kind');
      expect(error.details).toMatchObject({
        allowed: ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'],
      });
    });
    it('refuses a strategy that does not fit an opportunity', () => {
      spec
        .given([opportunityRaised, ownerAssigned])
        .when(plan('mitigate'))
        .thenFails('strategy-does-not-fit-kind');
    });
    it('needs exactly one owner before a response is planned', () => {
      spec.given([raised]).when(plan('mitigate')).thenFails('owner-required-before-response');
    });
    it('refuses a reserve in fractional minor units', () => {
      spec
        .given([raised, ownerAssigned])
        .when(plan('mitigate', eur(0.5)))
        .thenFails('invalid-money');
    });
    it('refuses to cut the reserve below what was already drawn', () => {
      const history = [raised, ownerAssigned, planned(eur(50_000)), drawn(30_000, 20_000)];
      spec
        .given(history)
        .when(plan('mitigate', eur(20_000)))
        .thenFails('contingency-reserve-below-drawn');
      spec.given(history).when(plan('mitigate')).thenFails('contingency-reserve-below-drawn');
      spec
        .given(history)
        .when(plan('mitigate', { amount: 60_000, currency: 'USD' }))
        .thenFails('currency-mismatch');
    });
    it('replans with a larger reserve after a draw', () => {
      spec
        .given([raised, ownerAssigned, planned(eur(50_000)), drawn(30_000, 20_000)])
        .when(plan('transfer', eur(80_000)))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({
            strategy: 'transfer',
            contingencyReserve: eur(80_000),
          }),
        );
    });
  });

  describe('AddResponseAction', () => {
    const add = (
      data: Partial<{ actionId: string; description: string; ownerId: string; dueOn: string }> = {},
    ) => ({
      type: 'AddResponseAction' as const,
      data: {
        actionId: 'a1',
        description: 'run supplier qualification',
        ownerId: 'sam',
        dueOn: '2026-04-15',
        ...data,
      },
      meta,
    });
    const history = [raised, ownerAssigned, planned(null)];
    it('adds an open action with an owner and a due date', () => {
      spec.given(history).when(add()).then([actionAdded]);
    });
    it('needs a planned response first', () => {
      spec.given([raised, ownerAssigned]).when(add()).thenFails('response-not-planned');
    });
    it('refuses a second action with the same id', () => {
      spec
        .given([...history, actionAdded])
        .when(add())
        .thenFails('response-action-already-exists');
    });
    it('needs an action owner', () => {
      spec
        .given(history)
        .when(add({ ownerId: '' }))
        .thenFails('field-required');
    });
    it('needs a calendar due date', () => {
      spec
        .given(history)
        .when(add({ dueOn: '15/04/2026' }))
        .thenFails('invalid-calendar-date');
    });
    it('refuses an unknown status', () => {
      spec
        .given(history)
        .when({ ...add(), data: { ...add().data, status: 'parked' as 'open' } })
        .thenFails('response-action-status-unknown');
    });
  });

  describe('UpdateResponseAction', () => {
    const update = (
      data: Partial<{
        description: string;
        ownerId: string;
        dueOn: string;
        status: 'open' | 'in-progress' | 'done' | 'cancelled';
      }>,
      actionId = 'a1',
    ) => ({
      type: 'UpdateResponseAction' as const,
      data: { actionId, ...data },
      meta,
    });
    const history = [raised, ownerAssigned, planned(null), actionAdded];
    it('records only what changed', () => {
      spec
        .given(history)
        .when(update({ ownerId: 'sam', dueOn: '2026-05-01', status: 'in-progress' }))
        .then([
          {
            type: 'ResponseActionUpdated',
            data: {
              ...ref,
              actionId: 'a1',
              changes: { dueOn: '2026-05-01', status: 'in-progress' },
              updatedBy: 'carla',
            },
          },
        ]);
    });
    it('refuses an update that changes nothing', () => {
      spec
        .given(history)
        .when(update({ ownerId: 'sam' }))
        .thenFails('response-action-unchanged');
    });
    it('refuses an unknown action', () => {
      spec
        .given(history)
        .when(update({ status: 'done' }, 'a9'))
        .thenFails('response-action-not-found');
    });
    it('refuses to change a done action (add a new one instead)', () => {
      const done: RiskEvent = {
        type: 'ResponseActionUpdated',
        data: { ...ref, actionId: 'a1', changes: { status: 'done' }, updatedBy: 'sam' },
      };
      spec
        .given([...history, done])
        .when(update({ status: 'open' }))
        .thenFails('response-action-closed');
    });
    it('refuses a due date that is not a calendar date', () => {
      spec
        .given(history)
        .when(update({ dueOn: 'soon' }))
        .thenFails('invalid-calendar-date');
    });
  });

  describe('DrawContingency', () => {
    const draw = (amount: { amount: number; currency: string }, reason = 'air freight') => ({
      type: 'DrawContingency' as const,
      data: { amount, reason },
      meta,
    });
    const history = [raised, ownerAssigned, planned(eur(50_000))];
    it('draws from the reserve and records what remains', () => {
      spec
        .given(history)
        .when(draw(eur(30_000)))
        .then([drawn(30_000, 20_000)]);
    });
    it('may draw exactly what remains', () => {
      spec
        .given([...history, drawn(30_000, 20_000)])
        .when(draw(eur(20_000)))
        .then([drawn(20_000, 0)]);
    });
    it('refuses to draw more than the remaining reserve', () => {
      const error = spec
        .given([...history, drawn(30_000, 20_000)])
        .when(draw(eur(20_001)))
        .thenFails('contingency-exceeds-reserve');
      expect(error.details).toEqual({ requested: eur(20_001), remaining: eur(20_000) });
    });
    it('refuses to draw when no reserve was planned', () => {
      spec
        .given([raised, ownerAssigned, planned(null)])
        .when(draw(eur(1)))
        .thenFails('no-contingency-reserve');
    });
    it('refuses a draw in another currency', () => {
      spec
        .given(history)
        .when(draw({ amount: 100, currency: 'USD' }))
        .thenFails('currency-mismatch');
    });
    it('refuses a zero draw', () => {
      spec
        .given(history)
        .when(draw(eur(0)))
        .thenFails('invalid-money');
    });
    it('needs a reason', () => {
      spec
        .given(history)
        .when(draw(eur(1), ' '))
        .thenFails('reason-required');
    });
  });
});
