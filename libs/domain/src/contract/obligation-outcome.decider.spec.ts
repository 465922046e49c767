import { deciderSpec } from '@ledger/testing';
import { contractDecider } from '.';
import {
  designObligation,
  fulfilledBy,
  metaAs,
  pacMissed,
  pacObligation,
  registered,
} from './contract.spec-fixtures';

const spec = deciderSpec(contractDecider);

describe('Contract decider: obligation outcomes', () => {
  describe('RecordObligationFulfilled', () => {
    const fulfil = (
      ref: string,
      fulfilledOn: string,
      kind: 'acceptance-certificate' | 'document' = 'acceptance-certificate',
    ) => ({
      type: 'RecordObligationFulfilled' as const,
      data: { obligationId: 'ob-pac-3', fulfilledOn, evidence: { kind, ref } },
      meta: metaAs(),
    });
    it('records fulfilment by an acceptance certificate, late when after the due date', () => {
      spec
        .given([registered, pacObligation])
        .when(fulfil('PAC-3', '2026-03-18'))
        .then([fulfilledBy('PAC-3', '2026-03-18')]);
    });
    it('records an on-time fulfilment', () => {
      spec
        .given([registered, pacObligation])
        .when(fulfil('PAC-3', '2026-02-27'))
        .thenEvents(([event]) => expect(event).toMatchObject({ data: { onTime: true } }));
    });
    it('accepts a late fulfilment of an obligation recorded as missed', () => {
      spec
        .given([registered, pacObligation, pacMissed])
        .when(fulfil('PAC-3', '2026-03-18'))
        .then([fulfilledBy('PAC-3', '2026-03-18')]);
    });
    it('is a no-op when the same certificate fulfils the same obligation again (shell retry)', () => {
      spec
        .given([registered, pacObligation, fulfilledBy('PAC-3', '2026-03-18')])
        .when(fulfil('PAC-3', '2026-03-18'))
        .then([]);
    });
    it('refuses to fulfil an already fulfilled obligation with other evidence', () => {
      spec
        .given([registered, pacObligation, fulfilledBy('PAC-3', '2026-03-18')])
        .when(fulfil('PAC-3-bis', '2026-03-18'))
        .thenFails('obligation-already-fulfilled');
      spec
        .given([registered, pacObligation, fulfilledBy('PAC-3', '2026-03-18')])
        .when(fulfil('PAC-3', '2026-03-19'))
        .thenFails('obligation-already-fulfilled');
    });
    it('fulfils an acceptance obligation only with an acceptance certificate', () => {
      spec
        .given([registered, pacObligation])
        .when(fulfil('minutes.pdf', '2026-03-18', 'document'))
        .thenFails('evidence-does-not-satisfy-obligation');
    });
    it('accepts other evidence for other kinds of obligation', () => {
      spec
        .given([registered, designObligation])
        .when({
          ...fulfil('LLD-v3', '2026-02-10', 'document'),
          data: {
            obligationId: 'ob-design',
            fulfilledOn: '2026-02-10',
            evidence: { kind: 'document', ref: 'LLD-v3' },
          },
        })
        .thenEvents(([event]) =>
          expect(event).toMatchObject({ type: 'ObligationFulfilled', data: { onTime: true } }),
        );
    });
    it('refuses evidence without a reference or of an unknown kind', () => {
      spec
        .given([registered, pacObligation])
        .when(fulfil(' ', '2026-03-18'))
        .thenFails('invalid-evidence');
      spec
        .given([registered, pacObligation])
        .when(fulfil('x', '2026-03-18', 'rumour' as never))
        .thenFails('invalid-evidence');
    });
    it('refuses a fulfilment dated after today', () => {
      spec
        .given([registered, pacObligation])
        .when(fulfil('PAC-3', '2026-03-21'))
        .thenFails('date-in-future');
    });
    it('refuses an obligation that is not on the contract', () => {
      spec
        .given([registered])
        .when(fulfil('PAC-3', '2026-03-18'))
        .thenFails('obligation-not-found');
    });
  });

  describe('RecordObligationMissed', () => {
    const miss = (effectiveDate = '2026-03-02') => ({
      type: 'RecordObligationMissed' as const,
      data: { obligationId: 'ob-pac-3', reason: 'customer tests not passed' },
      meta: { ...metaAs(), effectiveAt: `${effectiveDate}T08:00:00.000Z` },
    });
    it('records a missed obligation once its deadline has passed', () => {
      spec.given([registered, pacObligation]).when(miss()).then([pacMissed]);
    });
    it('refuses to record a miss on or before the deadline', () => {
      spec
        .given([registered, pacObligation])
        .when(miss('2026-03-01'))
        .thenFails('obligation-not-yet-due');
    });
    it('refuses to record a miss without a reason', () => {
      spec
        .given([registered, pacObligation])
        .when({ ...miss(), data: { obligationId: 'ob-pac-3', reason: '' } })
        .thenFails('reason-required');
    });
    it('refuses to record a fulfilled obligation as missed', () => {
      spec
        .given([registered, pacObligation, fulfilledBy('PAC-3', '2026-03-18')])
        .when(miss())
        .thenFails('obligation-already-fulfilled');
    });
    it('refuses to record the same miss twice', () => {
      spec
        .given([registered, pacObligation, pacMissed])
        .when(miss())
        .thenFails('obligation-already-missed');
    });
  });
});
