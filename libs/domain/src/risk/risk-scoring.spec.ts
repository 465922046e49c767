import {
  PROBABILITY_PERCENT,
  expectedMonetaryValue,
  isRiskScale,
  overallImpact,
  riskScore,
  scoreRisk,
} from './risk-scoring';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('risk scoring', () => {
  describe('the 1–5 scale', () => {
    it('accepts whole numbers from 1 to 5 only', () => {
      expect([1, 2, 3, 4, 5].every(isRiskScale)).toBe(true);
      expect([0, 6, 2.5, -1, Number.NaN, '3', null].some(isRiskScale)).toBe(false);
    });
    it('maps each probability to the midpoint of its band', () => {
      expect(PROBABILITY_PERCENT).toEqual({ 1: 10, 2: 30, 3: 50, 4: 70, 5: 90 });
    });
  });

  describe('score', () => {
    it('is probability × impact', () => {
      expect(riskScore(4, 3)).toBe(12);
      expect(riskScore(1, 1)).toBe(1);
      expect(riskScore(5, 5)).toBe(25);
    });
  });

  describe('overall impact', () => {
    it('is the worst dimension given', () => {
      expect(overallImpact({ cost: 2, schedule: 4, quality: 1 })).toBe(4);
      expect(overallImpact({ scope: 3 })).toBe(3);
    });
    it('is unknown when no dimension is given', () => {
      expect(overallImpact({})).toBeNull();
    });
  });

  describe('expected monetary value', () => {
    it('is a negative exposure for a threat', () => {
      expect(expectedMonetaryValue('threat', 4, eur(1_000_000))).toEqual(eur(-700_000));
    });
    it('is a positive value for an opportunity', () => {
      expect(expectedMonetaryValue('opportunity', 2, eur(1_000_000))).toEqual(eur(300_000));
    });
    it('rounds half up on the magnitude to whole minor units', () => {
      // 5 × 50 % = 2.5 → 3; 3 × 10 % = 0.3 → 0; 7 × 70 % = 4.9 → 5
      expect(expectedMonetaryValue('opportunity', 3, eur(5))).toEqual(eur(3));
      expect(expectedMonetaryValue('threat', 3, eur(5))).toEqual(eur(-3));
      expect(expectedMonetaryValue('opportunity', 1, eur(3))).toEqual(eur(0));
      expect(expectedMonetaryValue('threat', 4, eur(7))).toEqual(eur(-5));
    });
    it('is a plain zero (never -0) for a threat without cost', () => {
      expect(Object.is(expectedMonetaryValue('threat', 5, eur(0)).amount, 0)).toBe(true);
    });
    it('keeps the currency of the cost impact', () => {
      expect(expectedMonetaryValue('threat', 1, { amount: 1000, currency: 'SEK' })).toEqual({
        amount: -100,
        currency: 'SEK',
      });
    });
  });

  it('scores an assessment in one go', () => {
    expect(scoreRisk('threat', { probability: 3, impact: 4, costImpact: eur(200_000) })).toEqual({
      probabilityPercent: 50,
      score: 12,
      expectedMonetaryValue: eur(-100_000),
    });
  });
});
