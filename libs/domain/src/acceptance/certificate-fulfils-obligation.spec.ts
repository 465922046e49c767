import { deciderSpec } from '@ledger/testing';
import type { AcceptanceEvent } from '.';
import { contractDecider, type ContractEvent, type RecordObligationFulfilled } from '../contract';
import { pacObligation, registered } from '../contract/contract.spec-fixtures';
import { metaAs, pacIssued } from './acceptance.spec-fixtures';

/**
 * DOMAIN.md: "a certificate fulfils its linked contract obligation and stops LD accrual". The two
 * aggregates meet in the shell: this spec plays the shell's part between the two deciders.
 */
describe('Acceptance and contract together', () => {
  describe('a certificate fulfils its linked contract obligation and stops LD accrual', () => {
    const contract = deciderSpec(contractDecider);
    // The contract's own givens: its 1,000,000.00 EUR value and the cluster 3 PAC obligation.
    const contractHistory: ContractEvent[] = [registered, pacObligation];
    /** What the shell sends after a certificate with `fulfilsObligation: true`. */
    function fulfilmentFor(event: AcceptanceEvent): RecordObligationFulfilled {
      if (
        event.type !== 'ProvisionalAcceptanceCertificateIssued' ||
        event.data.obligationId === null
      ) {
        throw new Error('not a certificate that fulfils an obligation');
      }
      return {
        type: 'RecordObligationFulfilled',
        data: {
          obligationId: event.data.obligationId,
          fulfilledOn: event.data.issuedOn,
          evidence: { kind: 'acceptance-certificate', ref: event.data.certificateId },
        },
        meta: metaAs(),
      };
    }

    it('the contract accepts the certificate as evidence, a retry is a no-op, and LD stops at the PAC day', () => {
      expect(pacIssued.data).toMatchObject({ fulfilsObligation: true, projectId: 'prj-1' });
      let fulfilled: readonly ContractEvent[] = [];
      contract
        .given(contractHistory)
        .when(fulfilmentFor(pacIssued))
        .thenEvents((events) => {
          fulfilled = events;
          expect(events).toMatchObject([
            {
              type: 'ObligationFulfilled',
              data: {
                fulfilledOn: '2026-03-18',
                evidence: { kind: 'acceptance-certificate', ref: 'PAC-3' },
              },
            },
          ]);
        });
      const afterPac = [...contractHistory, ...fulfilled];
      contract.given(afterPac).when(fulfilmentFor(pacIssued)).then([]);
      contract
        .given(afterPac)
        .when({
          type: 'AccrueLiquidatedDamages',
          data: { obligationId: 'ob-pac-3', asOf: '2026-03-20' },
          meta: metaAs(),
        })
        .thenEvents((events) =>
          expect(events).toMatchObject([
            {
              data: {
                countedUntil: '2026-03-18',
                daysLate: 10,
                weeksLate: 2,
                amount: { amount: 1_000_000 },
              },
            },
          ]),
        );
    });
    it('the contract refuses the same obligation fulfilled again by another certificate', () => {
      const first = fulfilmentFor(pacIssued);
      const fulfilled: ContractEvent = {
        type: 'ObligationFulfilled',
        data: {
          contractId: 'k1',
          obligationId: 'ob-pac-3',
          fulfilledOn: '2026-03-18',
          evidence: { kind: 'acceptance-certificate', ref: 'PAC-3' },
          onTime: false,
          recordedBy: 'carla',
          authority: 'project-manager',
        },
      };
      contract.given(contractHistory).when(first).then([fulfilled]);
      contract
        .given([...contractHistory, fulfilled])
        .when({
          ...first,
          data: { ...first.data, evidence: { kind: 'acceptance-certificate', ref: 'PAC-3b' } },
        })
        .thenFails('obligation-already-fulfilled');
    });
  });
});
