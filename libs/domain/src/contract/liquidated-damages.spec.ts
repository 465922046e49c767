import {
  assessLiquidatedDamages,
  isExactPercent,
  percentOfMinorUnits,
  startedWeeks,
  type LiquidatedDamagesQuestion,
} from './liquidated-damages';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** 1,000,000.00 EUR, 0.5 % per week, cap 10 %, 7 grace days, due 2026-03-01. */
const question = (asOf: string, fulfilledOn: string | null = null): LiquidatedDamagesQuestion => ({
  contractValue: eur(100_000_000),
  deadline: '2026-03-01',
  terms: { ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 },
  asOf,
  fulfilledOn,
});

describe('liquidated damages arithmetic', () => {
  it('charges nothing on the deadline or within the grace days', () => {
    for (const asOf of ['2026-02-20', '2026-03-01', '2026-03-08']) {
      const assessment = assessLiquidatedDamages(question(asOf));
      expect(assessment.daysLate).toBe(0);
      expect(assessment.weeksLate).toBe(0);
      expect(assessment.total).toEqual(eur(0));
      expect(assessment.capReached).toBe(false);
    }
  });

  it('counts the first day after grace as a started week', () => {
    const assessment = assessLiquidatedDamages(question('2026-03-09'));
    expect(assessment.daysLate).toBe(1);
    expect(assessment.weeksLate).toBe(1);
    expect(assessment.total).toEqual(eur(500_000));
  });

  it('as of 2026-03-20: 12 days late after 7 grace days = 2 started weeks = 10,000.00 EUR', () => {
    expect(assessLiquidatedDamages(question('2026-03-20'))).toEqual({
      countedUntil: '2026-03-20',
      daysLate: 12,
      weeksLate: 2,
      entitlement: eur(1_000_000),
      cap: eur(10_000_000),
      total: eur(1_000_000),
      capReached: false,
    });
  });

  it('reaches the 10 % cap after 20 weeks (as of 2026-07-20) and never exceeds it', () => {
    const before = assessLiquidatedDamages(question('2026-07-19'));
    expect(before.weeksLate).toBe(19);
    expect(before.total).toEqual(eur(9_500_000));
    expect(before.capReached).toBe(false);

    const at = assessLiquidatedDamages(question('2026-07-20'));
    expect(at.weeksLate).toBe(20);
    expect(at.total).toEqual(eur(10_000_000));
    expect(at.capReached).toBe(true);

    const long = assessLiquidatedDamages(question('2027-07-20'));
    expect(long.entitlement.amount).toBeGreaterThan(10_000_000);
    expect(long.total).toEqual(eur(10_000_000));
    expect(long.capReached).toBe(true);
  });

  it('stops counting on the day the obligation was fulfilled', () => {
    const assessment = assessLiquidatedDamages(question('2026-06-01', '2026-03-20'));
    expect(assessment.countedUntil).toBe('2026-03-20');
    expect(assessment.weeksLate).toBe(2);
    expect(assessment.total).toEqual(eur(1_000_000));
  });

  it('rounds the cumulative amount half up to minor units', () => {
    // 333.33 EUR × 0.125 % × 1 week = 0.41666… EUR → 42 cents
    expect(percentOfMinorUnits(33_333, 0.125, 1)).toBe(42);
    // 10.00 EUR × 0.05 % = 0.5 cent → 1 cent (half up)
    expect(percentOfMinorUnits(1_000, 0.05)).toBe(1);
    // 10.00 EUR × 0.04 % = 0.4 cent → 0
    expect(percentOfMinorUnits(1_000, 0.04)).toBe(0);
  });

  it('stays exact for large contracts', () => {
    // 9,000,000,000,000.00 in minor units × 0.0001 % × 52 weeks
    expect(percentOfMinorUnits(900_000_000_000_000, 0.0001, 52)).toBe(46_800_000_000);
  });

  it('counts started weeks', () => {
    expect([0, 1, 7, 8, 14, 15].map(startedWeeks)).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it('accepts percentages with at most four decimals', () => {
    expect([0, 0.5, 0.125, 10, 0.0001].every(isExactPercent)).toBe(true);
    expect([0.00001, -1, Number.NaN, Infinity, '1'].some(isExactPercent)).toBe(false);
  });
});
