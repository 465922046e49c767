import { assertSameCurrency, type Money } from '../shared';

/**
 * Earned value management (DOMAIN.md "Earned value"), pure, for read models and dashboards.
 *
 * - Money in and out in integer minor units; inputs must share one currency.
 * - A value is `null` exactly when its formula is undefined: SPI when PV = 0; CPI when AC = 0;
 *   EAC (= BAC / CPI) when AC = 0 or EV = 0 (CPI undefined or zero); ETC and VAC when EAC is
 *   null; TCPI when BAC = AC. Never 1, never Infinity.
 * - Ratios (SPI, CPI, TCPI) are unrounded numbers: presentation rounds them.
 * - Money results that divide are rounded to integer minor units, half away from zero, with
 *   exact integer arithmetic (BigInt), so large budgets lose no precision.
 */
export interface EarnedValueInputs {
  /** Budget at completion. */
  readonly bac: Money;
  /** Planned value. */
  readonly pv: Money;
  /** Earned value. */
  readonly ev: Money;
  /** Actual cost. */
  readonly ac: Money;
}

export interface EarnedValueIndicators {
  readonly sv: Money;
  readonly cv: Money;
  readonly spi: number | null;
  readonly cpi: number | null;
  readonly eac: Money | null;
  /** EAC assuming the remaining work is done at the budgeted rate: AC + (BAC − EV). */
  readonly eacAtBudgetRate: Money;
  readonly etc: Money | null;
  readonly vac: Money | null;
  readonly tcpi: number | null;
}

const money = (amount: number, currency: string): Money => ({ amount, currency });

/** round(a × b / c), half away from zero, exact for any safe integers; c ≠ 0. */
export function mulDivRound(a: number, b: number, c: number): number {
  const numerator = BigInt(a) * BigInt(b);
  const denominator = BigInt(c);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return Number(negative ? -rounded : rounded);
}

/** SV = EV − PV. */
export function scheduleVariance(ev: Money, pv: Money): Money {
  assertSameCurrency(ev, pv);
  return money(ev.amount - pv.amount, ev.currency);
}

/** CV = EV − AC. */
export function costVariance(ev: Money, ac: Money): Money {
  assertSameCurrency(ev, ac);
  return money(ev.amount - ac.amount, ev.currency);
}

/**
 * A ratio, or null when its divisor is 0. A zero ratio is +0: 0 / −120 is −0 in JavaScript,
 * which JSON writes as 0 and stores give back as 0, so a read model would differ from its own
 * fold after a round trip.
 */
function ratio(numerator: number, divisor: number): number | null {
  if (divisor === 0) return null;
  const value = numerator / divisor;
  return value === 0 ? 0 : value;
}

/** SPI = EV / PV; null when PV = 0. */
export function schedulePerformanceIndex(ev: Money, pv: Money): number | null {
  assertSameCurrency(ev, pv);
  return ratio(ev.amount, pv.amount);
}

/** CPI = EV / AC; null when AC = 0. */
export function costPerformanceIndex(ev: Money, ac: Money): number | null {
  assertSameCurrency(ev, ac);
  return ratio(ev.amount, ac.amount);
}

/** EAC = BAC / CPI = BAC × AC / EV; null when AC = 0 (CPI undefined) or EV = 0 (CPI = 0). */
export function estimateAtCompletion(bac: Money, ev: Money, ac: Money): Money | null {
  assertSameCurrency(bac, ev);
  assertSameCurrency(bac, ac);
  if (ac.amount === 0 || ev.amount === 0) return null;
  return money(mulDivRound(bac.amount, ac.amount, ev.amount), bac.currency);
}

/** EAC = AC + (BAC − EV): the remaining work at the budgeted rate. Always defined. */
export function estimateAtCompletionAtBudgetRate(bac: Money, ev: Money, ac: Money): Money {
  assertSameCurrency(bac, ev);
  assertSameCurrency(bac, ac);
  return money(ac.amount + bac.amount - ev.amount, bac.currency);
}

/** ETC = EAC − AC; null when EAC is. */
export function estimateToComplete(eac: Money | null, ac: Money): Money | null {
  if (eac === null) return null;
  assertSameCurrency(eac, ac);
  return money(eac.amount - ac.amount, eac.currency);
}

/** VAC = BAC − EAC; null when EAC is. */
export function varianceAtCompletion(bac: Money, eac: Money | null): Money | null {
  if (eac === null) return null;
  assertSameCurrency(bac, eac);
  return money(bac.amount - eac.amount, bac.currency);
}

/** TCPI = (BAC − EV) / (BAC − AC); null when BAC = AC (no budget left to divide by). */
export function toCompletePerformanceIndex(bac: Money, ev: Money, ac: Money): number | null {
  assertSameCurrency(bac, ev);
  assertSameCurrency(bac, ac);
  return ratio(bac.amount - ev.amount, bac.amount - ac.amount);
}

export function earnedValueIndicators({
  bac,
  pv,
  ev,
  ac,
}: EarnedValueInputs): EarnedValueIndicators {
  const eac = estimateAtCompletion(bac, ev, ac);
  return {
    sv: scheduleVariance(ev, pv),
    cv: costVariance(ev, ac),
    spi: schedulePerformanceIndex(ev, pv),
    cpi: costPerformanceIndex(ev, ac),
    eac,
    eacAtBudgetRate: estimateAtCompletionAtBudgetRate(bac, ev, ac),
    etc: estimateToComplete(eac, ac),
    vac: varianceAtCompletion(bac, eac),
    tcpi: toCompletePerformanceIndex(bac, ev, ac),
  };
}

/**
 * EV from percent complete per scope item, every baseline scope item weighing the same
 * (the baseline carries no budget per item): EV = BAC × Σ percentComplete / (100 × items).
 * Items without a report count as 0 %; reports of items no longer in scope are ignored.
 * Rounded half away from zero to integer minor units. No scope items → EV = 0.
 */
export function earnedValueFromProgress(
  bac: Money,
  scopeItemIds: readonly string[],
  percentCompleteByItem: ReadonlyMap<string, number>,
): Money {
  if (scopeItemIds.length === 0) return money(0, bac.currency);
  const total = scopeItemIds.reduce((sum, id) => sum + (percentCompleteByItem.get(id) ?? 0), 0);
  const exact = (bac.amount * total) / (100 * scopeItemIds.length);
  return money(Math.sign(exact) * Math.round(Math.abs(exact)), bac.currency);
}
