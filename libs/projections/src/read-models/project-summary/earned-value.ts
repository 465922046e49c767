import {
  calendarDaysBetween,
  costPerformanceIndex,
  costVariance,
  earnedValueFromProgress,
  estimateAtCompletion,
  estimateAtCompletionAtBudgetRate,
  estimateToComplete,
  mulDivRound,
  scheduleVariance,
  schedulePerformanceIndex,
  toCompletePerformanceIndex,
  varianceAtCompletion,
  type Money,
} from '@ledger/domain';

/**
 * Earned value of one project for its read models: where PV, EV and AC come from, at which
 * date, and the indicators (DOMAIN.md "Earned value"; the formulas are the domain's own, from
 * libs/domain/src/project/earned-value.ts). Pure; never reads the clock.
 *
 * - Status date (the date the figures are measured at): the end of the latest reporting period
 *   that has a progress report or is closed. Before one, PV, EV, AC and every indicator are null
 *   (nothing has been measured yet).
 * - BAC: the current baseline's budget.
 * - PV (planned value at the status date): the baseline carries no budget per milestone or
 *   scope item, so each milestone of the current baseline weighs BAC / n, planned linearly over
 *   its window: from the previous milestone's due date (the first one: from the plan start, the
 *   business date the original baseline was established) to its own due date. A milestone due
 *   on or before the status date is fully planned. PV = BAC × (k·W + e) / (n·W) where k
 *   milestones are fully planned, W is the current window in days and e the days of it elapsed.
 *   No milestone: PV is null (nothing is time-phased), so SV and SPI are null.
 * - EV: the domain's rule (`earnedValueFromProgress`): every current scope item weighs the same,
 *   EV = BAC × Σ percent complete / (100 × items), each item's percent being its latest report
 *   (latest period end, then latest report) in a period ending on or before the status date,
 *   corrections included.
 * - AC: actual cost posted on or before the status date, each ERP document once (a replayed
 *   document id is not counted twice), in the BAC currency (the domain refuses any other).
 * - Rounding: PV is rounded half away from zero to integer minor units with exact integer
 *   arithmetic; EV and EAC use the domain's rounding (half away from zero). Ratios (SPI, CPI,
 *   TCPI) are unrounded numbers, null when undefined (PV = 0, AC = 0, BAC = AC), never 1,
 *   Infinity or NaN.
 */
export interface EvmPeriod {
  readonly periodId: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly status: 'open' | 'closed';
}

export interface EvmProgressItem {
  readonly scopeItemId: string;
  readonly percentComplete: number;
}

export interface EvmReport {
  readonly reportId: string;
  readonly periodId: string;
  /** As last corrected. */
  readonly items: readonly EvmProgressItem[];
}

export interface EvmCost {
  readonly erpDocumentId: string;
  readonly amount: Money;
  readonly postedOn: string;
}

export interface EvmBaseline {
  readonly budget: Money;
  readonly scopeItemIds: readonly string[];
  readonly milestoneDueDates: readonly string[];
}

export interface EarnedValueInputs {
  readonly baseline: EvmBaseline;
  /** YYYY-MM-DD the plan starts (the original baseline's business date). */
  readonly planStart: string;
  readonly periods: readonly EvmPeriod[];
  readonly reports: readonly EvmReport[];
  readonly costs: readonly EvmCost[];
}

export interface EarnedValueSummary {
  readonly statusDate: string | null;
  readonly bac: Money;
  readonly pv: Money | null;
  readonly ev: Money | null;
  readonly ac: Money | null;
  readonly sv: Money | null;
  readonly cv: Money | null;
  readonly spi: number | null;
  readonly cpi: number | null;
  /** BAC / CPI. */
  readonly eac: Money | null;
  /** AC + (BAC − EV): the rest of the work at the budgeted rate. */
  readonly eacAtBudgetRate: Money | null;
  readonly etc: Money | null;
  readonly vac: Money | null;
  readonly tcpi: number | null;
  /**
   * Mean percent complete of the current scope items at the status date (the basis of EV;
   * 100 only when every item is reported complete); null before a measurement or without scope.
   */
  readonly percentComplete: number | null;
  /** Every actual cost recorded, whatever its posting date (AC stops at the status date). */
  readonly actualCostRecorded: Money;
}

const money = (amount: number, currency: string): Money => ({ amount, currency });

/** The date the figures are measured at (see above), or null before any measurement. */
export function statusDateOf(
  periods: readonly EvmPeriod[],
  reports: readonly EvmReport[],
): string | null {
  const reported = new Set(reports.map((report) => report.periodId));
  let latest: string | null = null;
  for (const period of periods) {
    if (period.status !== 'closed' && !reported.has(period.periodId)) continue;
    if (latest === null || period.endsOn > latest) latest = period.endsOn;
  }
  return latest;
}

/** PV at `at` (see above); null without milestones. */
export function plannedValueAt(
  budget: Money,
  planStart: string,
  milestoneDueDates: readonly string[],
  at: string,
): Money | null {
  if (milestoneDueDates.length === 0) return null;
  const dueDates = [...milestoneDueDates].sort();
  const n = dueDates.length;
  let windowStart = planStart;
  for (let k = 0; k < n; k++) {
    const due = dueDates[k]!;
    if (due <= at) {
      if (due > windowStart) windowStart = due;
      continue;
    }
    const window = calendarDaysBetween(windowStart, due);
    if (window <= 0) return money(mulDivRound(budget.amount, k, n), budget.currency);
    const elapsed = Math.min(window, Math.max(0, calendarDaysBetween(windowStart, at)));
    return money(mulDivRound(budget.amount, k * window + elapsed, n * window), budget.currency);
  }
  return money(budget.amount, budget.currency);
}

/** Each scope item's latest percent complete in reports of periods ending on or before `at`. */
export function progressAt(
  periods: readonly EvmPeriod[],
  reports: readonly EvmReport[],
  at: string,
): Map<string, number> {
  const endsOn = new Map(periods.map((period) => [period.periodId, period.endsOn]));
  const dated = reports
    .map((report, order) => ({ report, order, endsOn: endsOn.get(report.periodId) }))
    .filter((entry): entry is typeof entry & { endsOn: string } => {
      return entry.endsOn !== undefined && entry.endsOn <= at;
    })
    .sort((a, b) => (a.endsOn === b.endsOn ? a.order - b.order : a.endsOn < b.endsOn ? -1 : 1));
  const progress = new Map<string, number>();
  for (const { report } of dated) {
    for (const item of report.items) progress.set(item.scopeItemId, item.percentComplete);
  }
  return progress;
}

/** EV at `at` under the domain's equal-weight rule. */
export function earnedValueAt(
  baseline: EvmBaseline,
  periods: readonly EvmPeriod[],
  reports: readonly EvmReport[],
  at: string,
): Money {
  return earnedValueFromProgress(
    baseline.budget,
    baseline.scopeItemIds,
    progressAt(periods, reports, at),
  );
}

/** Actual cost in `currency` posted on or before `at` (every date when `at` is null). */
export function actualCostAt(
  currency: string,
  costs: readonly EvmCost[],
  at: string | null,
): Money {
  let total = 0;
  for (const cost of costs) {
    if (cost.amount.currency !== currency) continue;
    if (at !== null && cost.postedOn > at) continue;
    total += cost.amount.amount;
  }
  return money(total, currency);
}

/** PV, EV, AC at the status date and every indicator (null where undefined). */
export function earnedValueSummary(inputs: EarnedValueInputs): EarnedValueSummary {
  const bac = inputs.baseline.budget;
  const statusDate = statusDateOf(inputs.periods, inputs.reports);
  const actualCostRecorded = actualCostAt(bac.currency, inputs.costs, null);
  if (statusDate === null) {
    return {
      statusDate,
      bac,
      pv: null,
      ev: null,
      ac: null,
      sv: null,
      cv: null,
      spi: null,
      cpi: null,
      eac: null,
      eacAtBudgetRate: null,
      etc: null,
      vac: null,
      tcpi: null,
      percentComplete: null,
      actualCostRecorded,
    };
  }
  const pv = plannedValueAt(bac, inputs.planStart, inputs.baseline.milestoneDueDates, statusDate);
  const { scopeItemIds } = inputs.baseline;
  const progress = progressAt(inputs.periods, inputs.reports, statusDate);
  const ev = earnedValueFromProgress(bac, scopeItemIds, progress);
  const ac = actualCostAt(bac.currency, inputs.costs, statusDate);
  const eac = estimateAtCompletion(bac, ev, ac);
  return {
    statusDate,
    bac,
    pv,
    ev,
    ac,
    sv: pv === null ? null : scheduleVariance(ev, pv),
    cv: costVariance(ev, ac),
    spi: pv === null ? null : schedulePerformanceIndex(ev, pv),
    cpi: costPerformanceIndex(ev, ac),
    eac,
    eacAtBudgetRate: estimateAtCompletionAtBudgetRate(bac, ev, ac),
    etc: estimateToComplete(eac, ac),
    vac: varianceAtCompletion(bac, eac),
    tcpi: toCompletePerformanceIndex(bac, ev, ac),
    percentComplete:
      scopeItemIds.length === 0
        ? null
        : scopeItemIds.reduce((sum, id) => sum + (progress.get(id) ?? 0), 0) / scopeItemIds.length,
    actualCostRecorded,
  };
}
