import { MAX_MONEY_MINOR_UNITS } from '@ledger/domain';
import type {
  ComplianceObligation,
  ContractComplianceDocument,
} from './contract-compliance.projection';
import { contractComplianceReport } from './contract-compliance.report';

/**
 * Issue 9 item 4: a contract's LD totals add up every obligation's figures; past 2^53 − 1 they
 * are answered as exact decimal strings (money/money-total.ts). Each obligation's own figures
 * stay numbers: one is bounded by the contract value.
 */
const eur = (amount: number) => ({ amount, currency: 'EUR' });

function obligation(index: number, accrued: number): ComplianceObligation {
  return {
    obligationId: `o${String(index).padStart(4, '0')}`,
    kind: 'milestone',
    title: `Obligation ${index}`,
    evidenceRule: null,
    dueOn: '2025-03-01',
    measurementWindow: null,
    deadline: '2025-03-01',
    originalDeadline: '2025-03-01',
    // 100 % cap: each obligation's cap is the whole contract value.
    remedy: { kind: 'liquidated-damages', ratePerWeekPct: 100, capPct: 100, graceDays: 0 },
    registeredAt: '2025-01-20T00:00:00.000Z',
    fulfilment: {
      fulfilledOn: '2025-03-01',
      evidence: { kind: 'document', ref: 'DOC-1' },
      onTime: true,
      recordedBy: 'carla',
    },
    missed: null,
    liquidatedDamages: {
      accruedAsOf: '2025-03-01',
      accrued,
      waived: 0,
      daysLate: 0,
      weeksLate: 0,
      capReached: accrued === MAX_MONEY_MINOR_UNITS,
    },
  };
}

const contract: ContractComplianceDocument = {
  _id: 'contract:k1',
  position: 40,
  type: 'contract',
  contractId: 'k1',
  programId: 'prog-1',
  customerId: 'cust-1',
  title: 'RAN North',
  value: eur(MAX_MONEY_MINOR_UNITS),
  originalValue: eur(MAX_MONEY_MINOR_UNITS),
  signedOn: '2025-01-15',
  keyProject: null,
  amendments: [],
  // 901 obligations accrued to the cap, one accrued 1 cent.
  obligations: [
    ...Array.from({ length: 901 }, (_, index) => obligation(index, MAX_MONEY_MINOR_UNITS)),
    obligation(901, 1),
  ],
  registeredAt: '2025-01-15T00:00:00.000Z',
  lastEventAt: '2025-05-01T00:00:00.000Z',
};

describe('contract compliance LD totals beyond 2^53', () => {
  const report = contractComplianceReport(contract, [], '2025-06-01');

  it('sum exactly, answered as decimal strings', () => {
    const accrued = (901n * BigInt(MAX_MONEY_MINOR_UNITS) + 1n).toString();
    const cap = (902n * BigInt(MAX_MONEY_MINOR_UNITS)).toString();
    expect(accrued).toBe('9010000000000001');
    expect(report.liquidatedDamages).toEqual({
      accrued: { amount: accrued, currency: 'EUR' },
      waived: eur(0),
      net: { amount: accrued, currency: 'EUR' },
      forecast: { amount: accrued, currency: 'EUR' },
      cap: { amount: cap, currency: 'EUR' },
      headroom: eur(MAX_MONEY_MINOR_UNITS - 1),
    });
  });

  it("keep each obligation's own figures as numbers", () => {
    expect(report.obligations[0]?.liquidatedDamages?.accrued).toEqual(eur(MAX_MONEY_MINOR_UNITS));
  });
});
