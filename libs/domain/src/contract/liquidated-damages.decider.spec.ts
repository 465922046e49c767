import { deciderSpec } from '@ledger/testing';
import { contractDecider, type ContractEvent } from '.';
import {
  accrued,
  designObligation,
  eur,
  fulfilledBy,
  metaAs,
  pacObligation,
  registered,
} from './contract.spec-fixtures';

const spec = deciderSpec(contractDecider);
const LATER = '2027-01-01T10:00:00.000Z';

const accrue = (asOf: string, now = LATER) => ({
  type: 'AccrueLiquidatedDamages' as const,
  data: { obligationId: 'ob-pac-3', asOf },
  meta: metaAs(['project-manager'], 'carla', now),
});

const capReached: ContractEvent = {
  type: 'LiquidatedDamagesCapReached',
  data: { contractId: 'k1', obligationId: 'ob-pac-3', asOf: '2026-07-20', cap: eur(10_000_000) },
};

describe('Contract decider: liquidated damages', () => {
  describe('AccrueLiquidatedDamages', () => {
    it('as of 2026-03-20 accrues 2 started weeks after 7 grace days: 10,000.00 EUR', () => {
      spec
        .given([registered, pacObligation])
        .when(accrue('2026-03-20'))
        .then([accrued('2026-03-20', 2, 12, 1_000_000, 1_000_000)]);
    });
    it('accrues only what was added since the last accrual', () => {
      spec
        .given([registered, pacObligation, accrued('2026-03-20', 2, 12, 1_000_000, 1_000_000)])
        .when(accrue('2026-04-10'))
        .then([accrued('2026-04-10', 5, 33, 1_500_000, 2_500_000)]);
    });
    it('is idempotent: an asOf already covered adds nothing', () => {
      const history = [
        registered,
        pacObligation,
        accrued('2026-03-20', 2, 12, 1_000_000, 1_000_000),
      ];
      spec.given(history).when(accrue('2026-03-20')).then([]);
      spec.given(history).when(accrue('2026-03-15')).then([]);
    });
    it('adds nothing later in a week already charged', () => {
      spec
        .given([registered, pacObligation, accrued('2026-03-20', 2, 12, 1_000_000, 1_000_000)])
        .when(accrue('2026-03-22'))
        .then([]);
    });
    it('adds nothing within the grace days', () => {
      spec.given([registered, pacObligation]).when(accrue('2026-03-08')).then([]);
    });
    it('reaches the cap after 20 weeks, says so once, and never accrues beyond it', () => {
      const atCap = accrued('2026-07-20', 20, 134, 10_000_000, 10_000_000);
      spec.given([registered, pacObligation]).when(accrue('2026-07-20')).then([atCap, capReached]);
      spec
        .given([registered, pacObligation, atCap, capReached])
        .when(accrue('2026-12-31'))
        .then([]);
    });
    it('tops up to exactly the cap when the entitlement passes it', () => {
      spec
        .given([registered, pacObligation, accrued('2026-07-19', 19, 133, 9_500_000, 9_500_000)])
        .when(accrue('2026-09-01'))
        .then([
          accrued('2026-09-01', 26, 177, 500_000, 10_000_000),
          { ...capReached, data: { ...capReached.data, asOf: '2026-09-01' } },
        ]);
    });
    it('stops counting at fulfilment: a later asOf counts days only up to the fulfilment day', () => {
      spec
        .given([registered, pacObligation, fulfilledBy('PAC-3', '2026-03-18')])
        .when(accrue('2026-06-01'))
        .then([accrued('2026-06-01', 2, 10, 1_000_000, 1_000_000, '2026-03-18')]);
    });
    it('adds nothing after fulfilment once everything up to fulfilment is accrued', () => {
      spec
        .given([
          registered,
          pacObligation,
          accrued('2026-03-18', 2, 10, 1_000_000, 1_000_000),
          fulfilledBy('PAC-3', '2026-03-18'),
        ])
        .when(accrue('2026-06-01'))
        .then([]);
    });
    it('uses the amended contract value for later weeks', () => {
      const amendedValue: ContractEvent = {
        type: 'ContractAmended',
        data: {
          contractId: 'k1',
          amendmentId: 'am-1',
          summary: 'two more sites',
          changeRequestId: 'cr-7',
          projectId: 'prj-1',
          customerSignatureRef: 'DOC-1',
          value: { previous: eur(100_000_000), amended: eur(120_000_000) },
          obligationDueChanges: [],
          amendedBy: 'carla',
          authority: 'project-manager',
        },
      };
      spec
        .given([
          registered,
          pacObligation,
          accrued('2026-03-20', 2, 12, 1_000_000, 1_000_000),
          amendedValue,
        ])
        .when(accrue('2026-03-27'))
        .thenEvents(([event]) =>
          expect(event).toMatchObject({
            data: {
              weeksLate: 3,
              amount: eur(800_000),
              accruedTotal: eur(1_800_000),
              cap: eur(12_000_000),
            },
          }),
        );
    });
    it('refuses an asOf after today', () => {
      spec
        .given([registered, pacObligation])
        .when(accrue('2026-03-21', '2026-03-20T10:00:00.000Z'))
        .thenFails('date-in-future');
    });
    it('refuses an asOf that is not a calendar date', () => {
      spec.given([registered, pacObligation]).when(accrue('next week')).thenFails('invalid-date');
    });
    it('refuses an obligation without a liquidated-damages remedy', () => {
      spec
        .given([registered, designObligation])
        .when({ ...accrue('2026-03-20'), data: { obligationId: 'ob-design', asOf: '2026-03-20' } })
        .thenFails('obligation-has-no-liquidated-damages');
    });
    it('refuses an obligation that is not on the contract', () => {
      spec.given([registered]).when(accrue('2026-03-20')).thenFails('obligation-not-found');
    });
    it('refuses an actor whose roles may not accrue', () => {
      spec
        .given([registered, pacObligation])
        .when({ ...accrue('2026-03-20'), meta: metaAs(['auditor']) })
        .thenFails('role-not-permitted-for-contract-decision');
    });
  });

  describe('WaiveLiquidatedDamages', () => {
    const history = [registered, pacObligation, accrued('2026-03-20', 2, 12, 1_000_000, 1_000_000)];
    const waive = (
      amount: number,
      roles: Parameters<typeof metaAs>[0] = ['pmo'],
      currency = 'EUR',
      reason = 'customer caused two weeks of site access delay',
    ) => ({
      type: 'WaiveLiquidatedDamages' as const,
      data: { obligationId: 'ob-pac-3', amount: { amount, currency }, reason },
      meta: metaAs(roles, 'petra'),
    });
    const waived = (
      amount: number,
      total: number,
      authority: 'pmo' | 'admin' = 'pmo',
    ): ContractEvent => ({
      type: 'LiquidatedDamagesWaived',
      data: {
        contractId: 'k1',
        obligationId: 'ob-pac-3',
        amount: eur(amount),
        waivedTotal: eur(total),
        reason: 'customer caused two weeks of site access delay',
        waivedBy: 'petra',
        authority,
      },
    });
    it('lets the PMO waive accrued LD with a reason', () => {
      spec
        .given(history)
        .when(waive(400_000))
        .then([waived(400_000, 400_000)]);
    });
    it('records the granting role: pmo before admin, as the token lists them', () => {
      spec
        .given(history)
        .when(waive(400_000, ['project-manager', 'admin']))
        .then([waived(400_000, 400_000, 'admin')]);
    });
    it('allows waiving everything accrued, in several waivers', () => {
      spec
        .given([...history, waived(400_000, 400_000)])
        .when(waive(600_000))
        .then([waived(600_000, 1_000_000)]);
    });
    it('refuses to waive more than accrued and not yet waived', () => {
      spec
        .given([...history, waived(400_000, 400_000)])
        .when(waive(600_001))
        .thenFails('waiver-exceeds-accrued-liquidated-damages');
      spec
        .given([registered, pacObligation])
        .when(waive(1))
        .thenFails('waiver-exceeds-accrued-liquidated-damages');
    });
    it('refuses a waiver by anyone but the PMO or an admin', () => {
      spec
        .given(history)
        .when(waive(400_000, ['project-manager']))
        .thenFails('liquidated-damages-waiver-needs-pmo-or-admin');
    });
    it('refuses a waiver without a reason', () => {
      spec
        .given(history)
        .when(waive(400_000, ['pmo'], 'EUR', ' '))
        .thenFails('reason-required');
    });
    it('refuses a waiver that is not a positive whole amount in the contract currency', () => {
      spec.given(history).when(waive(0)).thenFails('invalid-waiver-amount');
      spec.given(history).when(waive(10.5)).thenFails('invalid-waiver-amount');
      spec
        .given(history)
        .when(waive(100, ['pmo'], 'USD'))
        .thenFails('currency-mismatch');
    });
    it('refuses a waiver on an obligation without LD', () => {
      spec
        .given([...history, designObligation])
        .when({ ...waive(1), data: { obligationId: 'ob-design', amount: eur(1), reason: 'x' } })
        .thenFails('obligation-has-no-liquidated-damages');
    });
  });
});
