import { deciderSpec } from '@ledger/testing';
import { contractDecider, contractStreamId, type AmendContract, type ContractEvent } from '.';
import { designObligation, eur, metaAs, pacObligation, registered } from './contract.spec-fixtures';

const spec = deciderSpec(contractDecider);

describe('Contract decider', () => {
  it('names its stream contract-<id>', () => {
    expect(contractStreamId('k1')).toBe('contract-k1');
  });

  describe('RegisterContract', () => {
    const register = (
      value = eur(100_000_000),
      signedOn = '2025-11-15',
      roles = ['sales'] as const,
    ) => ({
      type: 'RegisterContract' as const,
      data: {
        contractId: 'k1',
        programId: 'p1',
        customerId: 'cust-1',
        title: '5G RAN rollout North',
        value,
        signedOn,
      },
      meta: metaAs(roles, 'sam'),
    });
    it('registers the contract with its value and signature date, recording who and under which role', () => {
      spec.given([]).when(register()).then([registered]);
    });
    it('refuses to register the same contract twice', () => {
      spec.given([registered]).when(register()).thenFails('contract-already-registered');
    });
    it('refuses a value that is not positive whole minor units with a currency code', () => {
      spec
        .given([])
        .when(register(eur(12.5)))
        .thenFails('invalid-contract-value');
      spec
        .given([])
        .when(register({ amount: 100, currency: 'euro' }))
        .thenFails('invalid-contract-value');
      spec
        .given([])
        .when(register(eur(0)))
        .thenFails('invalid-contract-value');
    });
    it('refuses a signature date that is not a calendar date', () => {
      spec
        .given([])
        .when(register(eur(1), '2025-02-30'))
        .thenFails('invalid-date');
    });
    it('refuses an actor whose roles may not register contracts', () => {
      spec
        .given([])
        .when(register(eur(1), '2025-11-15', ['auditor'] as never))
        .thenFails('role-not-permitted-for-contract-decision');
    });
    it('takes no other command before it is registered', () => {
      spec
        .given([])
        .when({
          type: 'RecordObligationMissed',
          data: { obligationId: 'x', reason: 'late' },
          meta: metaAs(),
        })
        .thenFails('contract-not-found');
    });
  });

  describe('DesignateContractKeyProject', () => {
    const designate = (criteria: string[], reason = 'strategic customer') => ({
      type: 'DesignateContractKeyProject' as const,
      data: { criteria, reason },
      meta: metaAs(['pmo'], 'petra'),
    });
    const designated: ContractEvent = {
      type: 'ContractDesignatedKeyProject',
      data: {
        contractId: 'k1',
        criteria: ['value above 500k EUR', 'new technology'],
        reason: 'strategic customer',
        designatedBy: 'petra',
        authority: 'pmo',
      },
    };
    it('designates the contract a key project with its criteria, by the PMO', () => {
      spec
        .given([registered])
        .when(designate(['value above 500k EUR', 'new technology']))
        .then([designated]);
    });
    it('refuses a designation without criteria or reason', () => {
      spec
        .given([registered])
        .when(designate([' ']))
        .thenFails('key-project-needs-criteria');
      spec
        .given([registered])
        .when(designate(['new technology'], ''))
        .thenFails('key-project-needs-criteria');
    });
    it('refuses to designate twice', () => {
      spec
        .given([registered, designated])
        .when(designate(['again']))
        .thenFails('contract-already-key-project');
    });
    it('is a PMO decision: a project manager may not designate', () => {
      spec
        .given([registered])
        .when({ ...designate(['x']), meta: metaAs(['project-manager']) })
        .thenFails('role-not-permitted-for-contract-decision');
    });
  });

  describe('AmendContract', () => {
    const approvedContractualCr = {
      id: 'cr-7',
      projectId: 'prj-1',
      decision: 'approved',
      contractual: true,
      customerSignatureRef: 'DOC-2026-114',
    };
    const amend = (overrides: Partial<AmendContract['data']> = {}): AmendContract => ({
      type: 'AmendContract',
      data: {
        amendmentId: 'am-1',
        summary: 'Cluster 3 extended by two sites; PAC moved to April',
        changes: {
          value: eur(104_000_000),
          obligationDueDates: [{ obligationId: 'ob-pac-3', dueOn: '2026-04-15' }],
        },
        changeRequest: approvedContractualCr,
        customerSignatureRef: 'DOC-2026-114',
        ...overrides,
      },
      meta: metaAs(['project-manager']),
    });
    const amended: ContractEvent = {
      type: 'ContractAmended',
      data: {
        contractId: 'k1',
        amendmentId: 'am-1',
        summary: 'Cluster 3 extended by two sites; PAC moved to April',
        changeRequestId: 'cr-7',
        projectId: 'prj-1',
        customerSignatureRef: 'DOC-2026-114',
        value: { previous: eur(100_000_000), amended: eur(104_000_000) },
        obligationDueChanges: [
          {
            obligationId: 'ob-pac-3',
            previous: { dueOn: '2026-03-01', measurementWindow: null },
            dueOn: '2026-04-15',
            measurementWindow: null,
          },
        ],
        amendedBy: 'carla',
        authority: 'project-manager',
      },
    };

    it('amends value and due dates under an approved contractual CR signed by the customer', () => {
      spec.given([registered, pacObligation]).when(amend()).then([amended]);
    });
    it('records a text-only amendment with no value or date change', () => {
      spec
        .given([registered])
        .when(amend({ changes: {} }))
        .thenEvents(([event]) => {
          expect(event).toMatchObject({
            type: 'ContractAmended',
            data: { value: null, obligationDueChanges: [] },
          });
        });
    });
    it('refuses an amendment whose change request is not approved', () => {
      spec
        .given([registered, pacObligation])
        .when(amend({ changeRequest: { ...approvedContractualCr, decision: null } }))
        .thenFails('amendment-needs-approved-change-request');
      spec
        .given([registered, pacObligation])
        .when(amend({ changeRequest: { ...approvedContractualCr, decision: 'rejected' } }))
        .thenFails('amendment-needs-approved-change-request');
    });
    it('refuses an amendment before the customer approval of the change request is recorded', () => {
      spec
        .given([registered, pacObligation])
        .when(amend({ changeRequest: { ...approvedContractualCr, customerSignatureRef: null } }))
        .thenFails('amendment-needs-customer-approval');
    });
    it('refuses a signature other than the one recorded on the change request', () => {
      spec
        .given([registered, pacObligation])
        .when(amend({ customerSignatureRef: 'DOC-OTHER' }))
        .thenFails('amendment-signature-mismatch');
    });
    it('refuses an amendment whose change request has no contractual impact', () => {
      spec
        .given([registered, pacObligation])
        .when(amend({ changeRequest: { ...approvedContractualCr, contractual: false } }))
        .thenFails('amendment-needs-contractual-change-request');
    });
    it('refuses an amendment without a customer signature reference', () => {
      spec
        .given([registered, pacObligation])
        .when(amend({ customerSignatureRef: '  ' }))
        .thenFails('amendment-needs-customer-signature');
    });
    it('refuses to record the same amendment twice', () => {
      spec
        .given([registered, pacObligation, amended])
        .when(amend())
        .thenFails('amendment-already-recorded');
    });
    it('refuses a second amendment from the same change request', () => {
      spec
        .given([registered, pacObligation, amended])
        .when(amend({ amendmentId: 'am-2' }))
        .thenFails('change-request-already-amended-contract');
    });
    it('refuses a new value in another currency', () => {
      spec
        .given([registered, pacObligation])
        .when(amend({ changes: { value: { amount: 1, currency: 'USD' } } }))
        .thenFails('currency-mismatch');
    });
    it('refuses to re-date an obligation that is not on the contract', () => {
      spec
        .given([registered])
        .when(
          amend({
            changes: { obligationDueDates: [{ obligationId: 'nope', dueOn: '2026-05-01' }] },
          }),
        )
        .thenFails('obligation-not-found');
    });
    it('refuses to re-date an obligation that is already fulfilled', () => {
      spec
        .given([
          registered,
          designObligation,
          {
            type: 'ObligationFulfilled',
            data: {
              contractId: 'k1',
              obligationId: 'ob-design',
              fulfilledOn: '2026-02-10',
              evidence: { kind: 'document', ref: 'LLD-v3' },
              onTime: true,
              recordedBy: 'carla',
              authority: 'project-manager',
            },
          },
        ])
        .when(
          amend({
            changes: { obligationDueDates: [{ obligationId: 'ob-design', dueOn: '2026-05-01' }] },
          }),
        )
        .thenFails('obligation-already-fulfilled');
    });
    it('moves the LD deadline: lateness counts from the amended due date', () => {
      spec
        .given([registered, pacObligation, amended])
        .when({
          type: 'AccrueLiquidatedDamages',
          data: { obligationId: 'ob-pac-3', asOf: '2026-03-20' },
          meta: metaAs(),
        })
        .then([]);
    });
  });
});
