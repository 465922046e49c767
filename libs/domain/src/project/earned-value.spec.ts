import { DomainError } from '../shared';
import {
  costPerformanceIndex,
  earnedValueFromProgress,
  earnedValueIndicators,
  estimateAtCompletion,
  mulDivRound,
  schedulePerformanceIndex,
  toCompletePerformanceIndex,
} from './earned-value';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('earned value formulas', () => {
  it('computes every indicator of a project behind schedule and over budget', () => {
    expect(
      earnedValueIndicators({
        bac: eur(100_000),
        pv: eur(50_000),
        ev: eur(40_000),
        ac: eur(45_000),
      }),
    ).toEqual({
      sv: eur(-10_000),
      cv: eur(-5_000),
      spi: 0.8,
      cpi: 40_000 / 45_000,
      eac: eur(112_500),
      eacAtBudgetRate: eur(105_000),
      etc: eur(67_500),
      vac: eur(-12_500),
      tcpi: 60_000 / 55_000,
    });
  });
  it('reports undefined ratios as null, never 1 or infinity, when AC = 0 and PV = 0', () => {
    expect(
      earnedValueIndicators({ bac: eur(100_000), pv: eur(0), ev: eur(0), ac: eur(0) }),
    ).toEqual({
      sv: eur(0),
      cv: eur(0),
      spi: null,
      cpi: null,
      eac: null,
      eacAtBudgetRate: eur(100_000),
      etc: null,
      vac: null,
      tcpi: 1,
    });
  });
  it('has no EAC by CPI while nothing is earned yet (CPI = 0)', () => {
    expect(costPerformanceIndex(eur(0), eur(10))).toBe(0);
    expect(estimateAtCompletion(eur(100), eur(0), eur(10))).toBeNull();
  });
  it('has no TCPI when the whole budget is spent', () => {
    expect(toCompletePerformanceIndex(eur(100), eur(80), eur(100))).toBeNull();
  });
  it('a zero index is +0, not −0, so it survives JSON and the read stores unchanged', () => {
    // Fully earned, over budget: TCPI = 0 / (100 − 120), which JavaScript makes −0.
    expect(Object.is(toCompletePerformanceIndex(eur(100), eur(100), eur(120)), 0)).toBe(true);
    expect(Object.is(costPerformanceIndex(eur(0), eur(-10)), 0)).toBe(true);
  });
  it('has no SPI when nothing was planned yet', () => {
    expect(schedulePerformanceIndex(eur(10), eur(0))).toBeNull();
  });
  it('rounds EAC half away from zero to whole minor units, exactly for large budgets', () => {
    expect(estimateAtCompletion(eur(100), eur(3), eur(1))).toEqual(eur(33));
    expect(estimateAtCompletion(eur(100), eur(8), eur(1))).toEqual(eur(13)); // 12.5 → 13
    expect(mulDivRound(-25, 1, 2)).toBe(-13);
    // 90 billion EUR × 80 billion EUR: beyond float precision, exact with integers.
    expect(mulDivRound(9_000_000_000_000, 8_000_000_000_000, 7_000_000_000_000)).toBe(
      10_285_714_285_714,
    );
  });
  it('refuses to mix currencies', () => {
    expect(() =>
      earnedValueIndicators({
        bac: eur(1),
        pv: eur(1),
        ev: eur(1),
        ac: { amount: 1, currency: 'USD' },
      }),
    ).toThrow(DomainError);
  });
});

describe('earnedValueFromProgress', () => {
  it('weighs every scope item equally and counts unreported items as 0 %', () => {
    const progress = new Map([
      ['s1', 50],
      ['s2', 25],
      ['gone', 100],
    ]);
    expect(earnedValueFromProgress(eur(1_000), ['s1', 's2', 's3'], progress)).toEqual(eur(250));
  });
  it('rounds to whole minor units', () => {
    expect(earnedValueFromProgress(eur(100), ['s1', 's2', 's3'], new Map([['s1', 50]]))).toEqual(
      eur(17),
    );
  });
  it('earns nothing without scope', () => {
    expect(earnedValueFromProgress(eur(100), [], new Map())).toEqual(eur(0));
  });
});
