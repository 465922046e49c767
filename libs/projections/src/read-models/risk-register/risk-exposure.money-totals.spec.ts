import { MAX_MONEY_MINOR_UNITS } from '@ledger/domain';
import { riskExposure } from './risk-exposure';
import type { RiskAssessmentEntry, RiskRegisterEntry } from './risk-register.projection';

/**
 * Issue 9 item 4: a register's EMV and contingency sums add up every risk's figure; past
 * 2^53 − 1 they are answered as exact decimal strings (money/money-total.ts).
 */
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const assessment = (emv: number): RiskAssessmentEntry => ({
  probability: 5,
  probabilityPercent: 90,
  impact: 5,
  score: 25,
  costImpact: eur(MAX_MONEY_MINOR_UNITS),
  scheduleDays: null,
  expectedMonetaryValue: eur(emv),
  assessedBy: 'carla',
  assessedAt: '2025-01-05T00:00:00.000Z',
});

function threat(index: number, emv: number, reserve: number): RiskRegisterEntry {
  return {
    _id: `risk:r${index}`,
    position: index + 1,
    type: 'risk',
    riskId: `r${index}`,
    projectId: 'p1',
    kind: 'threat',
    category: 'technical',
    title: `r${index}`,
    cause: 'c',
    event: 'e',
    effect: 'f',
    raisedBy: 'carla',
    status: 'open',
    closeReason: null,
    ownerId: null,
    response: { strategy: 'accept', description: 'd', contingencyReserve: eur(reserve) },
    contingencyDrawn: eur(1),
    inherent: assessment(emv),
    residual: null,
    nextReviewOn: null,
    escalation: null,
    actions: [],
    occurrence: null,
    raisedAt: '2025-01-01T00:00:00.000Z',
    lastEventAt: '2025-02-01T00:00:00.000Z',
  };
}

describe('risk exposure money totals beyond 2^53', () => {
  // 1001 threats of the largest EMV (90 % of the largest impact) and reserve, and one of 1 cent.
  const maximalEmv = -(MAX_MONEY_MINOR_UNITS * 9) / 10;
  const risks = [
    ...Array.from({ length: 1001 }, (_, index) => threat(index, maximalEmv, MAX_MONEY_MINOR_UNITS)),
    threat(1001, -1, 1),
  ];
  const summary = riskExposure(risks, '2025-03-01');

  it('sum EMV exactly, as a decimal string', () => {
    const emv = -(1001n * 9_000_000_000_000n) - 1n;
    expect(summary.emv).toEqual([
      {
        currency: 'EUR',
        threat: {
          inherent: { amount: `${emv}`, currency: 'EUR' },
          residual: { amount: `${emv}`, currency: 'EUR' },
        },
        opportunity: { inherent: eur(0), residual: eur(0) },
        net: {
          inherent: { amount: `${emv}`, currency: 'EUR' },
          residual: { amount: `${emv}`, currency: 'EUR' },
        },
      },
    ]);
    expect(`${emv}`).toBe('-9009000000000001');
  });

  it('sum contingency reserve, drawn and remaining exactly', () => {
    const reserve = 1001n * BigInt(MAX_MONEY_MINOR_UNITS) + 1n;
    expect(summary.contingency).toEqual([
      {
        currency: 'EUR',
        reserve: { amount: `${reserve}`, currency: 'EUR' },
        drawn: eur(1002),
        remaining: { amount: `${reserve - 1002n}`, currency: 'EUR' },
      },
    ]);
    expect(`${reserve}`).toBe('10010000000000001');
  });
});
