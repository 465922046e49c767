import { addMoney, assertNever, type Money, type VersionedMap } from '../shared';
import type { ExecutionEvent, MilestoneForecast, ScopeItemProgress } from './execution.events';

export interface ReportingPeriod {
  readonly periodId: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly status: 'open' | 'closed';
}
export interface ProgressReport {
  readonly reportId: string;
  readonly periodId: string;
  /** As first reported. */
  readonly reportedItems: readonly ScopeItemProgress[];
  /** After the latest correction (equal to reportedItems when never corrected). */
  readonly items: readonly ScopeItemProgress[];
}
export interface ActualCost {
  readonly amount: Money;
  readonly postedOn: string;
}
export interface Forecast {
  readonly milestones: readonly MilestoneForecast[];
  readonly estimateToComplete: Money | null;
  readonly actualCostToDate: Money | null;
  readonly estimateAtCompletion: Money | null;
}

/** The part of a project's state that execution events touch. */
export interface ExecutionState {
  readonly reportingPeriods: VersionedMap<string, ReportingPeriod>;
  readonly progressReports: VersionedMap<string, ProgressReport>;
  /** Keyed by ERP document id. */
  readonly actualCosts: VersionedMap<string, ActualCost>;
  /** Sum of the actual costs (null before the first one). */
  readonly actualCostToDate: Money | null;
  readonly latestForecast: Forecast | null;
}

export function evolveExecution<T extends ExecutionState>(state: T, event: ExecutionEvent): T {
  switch (event.type) {
    case 'ReportingPeriodOpened': {
      const { periodId, startsOn, endsOn } = event.data;
      const period: ReportingPeriod = { periodId, startsOn, endsOn, status: 'open' };
      return { ...state, reportingPeriods: state.reportingPeriods.with(periodId, period) };
    }
    case 'ReportingPeriodClosed': {
      const period = state.reportingPeriods.get(event.data.periodId);
      if (!period) return state;
      return {
        ...state,
        reportingPeriods: state.reportingPeriods.with(period.periodId, {
          ...period,
          status: 'closed',
        }),
      };
    }
    case 'ProgressReported': {
      const { reportId, periodId, items } = event.data;
      const report: ProgressReport = { reportId, periodId, reportedItems: items, items };
      return { ...state, progressReports: state.progressReports.with(reportId, report) };
    }
    case 'ProgressCorrected': {
      const report = state.progressReports.get(event.data.correctedReportId);
      if (!report) return state;
      return {
        ...state,
        progressReports: state.progressReports.with(report.reportId, {
          ...report,
          items: event.data.items,
        }),
      };
    }
    case 'ActualCostRecorded': {
      const { erpDocumentId, amount, postedOn } = event.data;
      const total = state.actualCostToDate;
      return {
        ...state,
        actualCosts: state.actualCosts.with(erpDocumentId, { amount, postedOn }),
        // evolve never throws: a currency mismatch cannot be decided, so it is not added either.
        actualCostToDate:
          total === null
            ? amount
            : total.currency === amount.currency
              ? addMoney(total, amount)
              : total,
      };
    }
    case 'ForecastSubmitted': {
      const { milestones, estimateToComplete, actualCostToDate, estimateAtCompletion } = event.data;
      return {
        ...state,
        latestForecast: { milestones, estimateToComplete, actualCostToDate, estimateAtCompletion },
      };
    }
    default:
      return assertNever(event);
  }
}
