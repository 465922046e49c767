import { deciderSpec } from '@ledger/testing';
import { contractDecider, type RegisterObligation } from '.';
import { designObligation, metaAs, pacObligation, registered } from './contract.spec-fixtures';

const spec = deciderSpec(contractDecider);

describe('Contract decider: obligations', () => {
  describe('RegisterObligation', () => {
    const register = (data: Partial<RegisterObligation['data']> = {}): RegisterObligation =>
      ({
        type: 'RegisterObligation',
        data: {
          obligationId: 'ob-pac-3',
          kind: 'acceptance',
          title: 'PAC of cluster 3',
          dueOn: '2026-03-01',
          evidenceRule: 'PAC signed by the customer',
          remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 },
          ...data,
        },
        meta: metaAs(),
      }) as RegisterObligation;

    it('registers an obligation due on a date with its LD remedy', () => {
      spec.given([registered]).when(register()).then([pacObligation]);
    });
    it('registers an SLA measured over a window, grace days defaulting to 0', () => {
      spec
        .given([registered])
        .when(
          register({
            obligationId: 'ob-sla-q2',
            kind: 'sla',
            title: 'Network availability 99.95 % in Q2',
            dueOn: null,
            measurementWindow: { from: '2026-04-01', to: '2026-06-30' },
            evidenceRule: 'monthly KPI report',
            remedy: { kind: 'service-credit', ratePerWeekPct: 0.1, capPct: 5 },
          }),
        )
        .thenEvents(([event]) => {
          expect(event).toMatchObject({
            type: 'ObligationRegistered',
            data: {
              obligationId: 'ob-sla-q2',
              dueOn: null,
              measurementWindow: { from: '2026-04-01', to: '2026-06-30' },
              remedy: { kind: 'service-credit', ratePerWeekPct: 0.1, capPct: 5, graceDays: 0 },
            },
          });
        });
    });
    it('registers an obligation without a remedy', () => {
      spec
        .given([registered])
        .when(
          register({
            obligationId: 'ob-design',
            kind: 'deliverable',
            title: 'Low-level design',
            dueOn: '2026-02-15',
            evidenceRule: 'design approved by the customer',
            remedy: undefined,
          }),
        )
        .then([designObligation]);
    });
    it('refuses the same obligation id twice', () => {
      spec
        .given([registered, pacObligation])
        .when(register())
        .thenFails('obligation-already-registered');
    });
    it('refuses an unknown kind', () => {
      spec
        .given([registered])
        .when(register({ kind: 'bonus' as never }))
        .thenFails('invalid-obligation-kind');
    });
    it('needs exactly one of a due date and a measurement window', () => {
      spec
        .given([registered])
        .when(
          register({
            dueOn: '2026-03-01',
            measurementWindow: { from: '2026-01-01', to: '2026-02-01' },
          } as never),
        )
        .thenFails('obligation-needs-due-date-or-window');
      spec
        .given([registered])
        .when(register({ dueOn: null }))
        .thenFails('obligation-needs-due-date-or-window');
    });
    it('refuses a window that ends before it starts', () => {
      spec
        .given([registered])
        .when(
          register({ dueOn: null, measurementWindow: { from: '2026-06-30', to: '2026-04-01' } }),
        )
        .thenFails('invalid-measurement-window');
    });
    it('refuses a due date that is not a calendar date', () => {
      spec
        .given([registered])
        .when(register({ dueOn: '01/03/2026' }))
        .thenFails('invalid-date');
    });
    it('refuses a remedy with a rate, cap or grace that cannot be computed exactly', () => {
      const remedy = {
        kind: 'liquidated-damages' as const,
        ratePerWeekPct: 0.5,
        capPct: 10,
        graceDays: 7,
      };
      for (const bad of [
        { ...remedy, ratePerWeekPct: 0 },
        { ...remedy, ratePerWeekPct: 0.00001 },
        { ...remedy, capPct: 120 },
        { ...remedy, graceDays: -1 },
        { ...remedy, graceDays: 1.5 },
        { ...remedy, kind: 'penalty' as never },
      ]) {
        spec
          .given([registered])
          .when(register({ remedy: bad }))
          .thenFails('invalid-remedy');
      }
    });
  });
});
