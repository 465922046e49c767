import { calendarDaysBetween, earlierCalendarDate, type CalendarDate, type Money } from '../shared';

/**
 * Liquidated damages (LD) arithmetic: pure, exact, computed (DOMAIN.md principle 4), never typed in.
 *
 * Reading of the contract clause "X % of the contract value per week of delay, capped at Y %":
 * - The deadline is the obligation's due date (or the end of its measurement window). Delivering
 *   ON the deadline is on time; the day after is 1 day late.
 * - Lateness is counted up to the `asOf` date, but never beyond the day the obligation was
 *   fulfilled ("accrual stops when the obligation is fulfilled").
 * - Grace days are DEDUCTED: days late = days after the deadline − grace days (never below 0).
 * - WEEKS: "per week or part thereof", the common contract reading. Every started week counts
 *   in full: 1–7 days late = 1 week, 8–14 days = 2 weeks, ... (weeksLate = ceil(daysLate / 7)).
 * - Entitlement (minor units) = round-half-up(contract value × rate % × weeks late);
 *   cap = round-half-up(contract value × cap %); total = min(entitlement, cap). The cap is per
 *   obligation (it is part of the obligation's remedy).
 * - Rounding is done on the CUMULATIVE total, so successive accruals (total now − total already
 *   accrued) always add up to the rounded total: no drift.
 * - Percentages are exact decimals with at most 4 decimals (0.5, 0.125, 10); arithmetic is done in
 *   BigInt on scaled integers, so no floating-point error ever reaches money.
 *
 * Example: contract 1,000,000.00 EUR (100000000 minor), 0.5 %/week, cap 10 %, grace 7 days, due
 * 2026-03-01. As of 2026-03-20 it is 19 days after the deadline, 12 days late after grace, which is
 * 2 started weeks: 100000000 × 0.5 % × 2 = 1000000 (10,000.00 EUR). The cap (10000000) is reached
 * at 20 weeks, i.e. from 134 days late after grace: as of 2026-07-20.
 */

export const LD_PERCENT_DECIMALS = 4;
const PERCENT_SCALE = 10 ** LD_PERCENT_DECIMALS;
const DAYS_PER_WEEK = 7;

export interface LiquidatedDamagesTerms {
  readonly ratePerWeekPct: number;
  readonly capPct: number;
  readonly graceDays: number;
}

export interface LiquidatedDamagesQuestion {
  readonly contractValue: Money;
  /** The due date, or the end of the measurement window. */
  readonly deadline: CalendarDate;
  readonly terms: LiquidatedDamagesTerms;
  readonly asOf: CalendarDate;
  /** When the obligation was fulfilled, if it was: lateness stops counting there. */
  readonly fulfilledOn: CalendarDate | null;
}

export interface LiquidatedDamagesAssessment {
  /** The day lateness is counted up to: `asOf`, or the fulfilment day if earlier. */
  readonly countedUntil: CalendarDate;
  /** Days late after grace (0 when on time or within grace). */
  readonly daysLate: number;
  /** Started weeks of lateness ("per week or part thereof"). */
  readonly weeksLate: number;
  /** LD before the cap. */
  readonly entitlement: Money;
  readonly cap: Money;
  /** min(entitlement, cap): what may be accrued in total as of `asOf`. */
  readonly total: Money;
  readonly capReached: boolean;
}

/** True for a non-negative percentage with at most {@link LD_PERCENT_DECIMALS} decimals. */
export function isExactPercent(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return false;
  const scaled = Math.round(value * PERCENT_SCALE);
  return Number.isSafeInteger(scaled) && scaled / PERCENT_SCALE === value;
}

/**
 * round-half-up(amount × percent % × multiplier), in integer minor units. `amountMinor` and
 * `multiplier` are non-negative integers, `percent` an exact percent (see {@link isExactPercent}).
 */
export function percentOfMinorUnits(amountMinor: number, percent: number, multiplier = 1): number {
  const numerator =
    BigInt(amountMinor) * BigInt(Math.round(percent * PERCENT_SCALE)) * BigInt(multiplier);
  const denominator = BigInt(100 * PERCENT_SCALE);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const rounded = remainder * 2n >= denominator ? quotient + 1n : quotient;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`amount ${rounded} exceeds the safe integer range`);
  }
  return Number(rounded);
}

/** Started weeks: 0 days → 0, 1..7 → 1, 8..14 → 2, ... */
export function startedWeeks(daysLate: number): number {
  return daysLate <= 0 ? 0 : Math.ceil(daysLate / DAYS_PER_WEEK);
}

export function assessLiquidatedDamages(
  question: LiquidatedDamagesQuestion,
): LiquidatedDamagesAssessment {
  const { contractValue, deadline, terms, asOf, fulfilledOn } = question;
  const countedUntil = fulfilledOn === null ? asOf : earlierCalendarDate(asOf, fulfilledOn);
  const daysLate = Math.max(0, calendarDaysBetween(deadline, countedUntil) - terms.graceDays);
  const weeksLate = startedWeeks(daysLate);
  const entitlement = percentOfMinorUnits(contractValue.amount, terms.ratePerWeekPct, weeksLate);
  const cap = percentOfMinorUnits(contractValue.amount, terms.capPct);
  const total = Math.min(entitlement, cap);
  const money = (amount: number): Money => ({ amount, currency: contractValue.currency });
  return {
    countedUntil,
    daysLate,
    weeksLate,
    entitlement: money(entitlement),
    cap: money(cap),
    total: money(total),
    capReached: total >= cap,
  };
}
