import type { DomainEvent, Money, Role } from '../shared';

/** Cumulative percent complete of one scope item at the end of a reporting period. */
export interface ScopeItemProgress {
  readonly scopeItemId: string;
  /** 0–100, cumulative (not the increment of the period). */
  readonly percentComplete: number;
}
export interface MilestoneForecast {
  readonly milestoneId: string;
  /** Forecast date YYYY-MM-DD. */
  readonly forecastOn: string;
}

export type ReportingPeriodOpened = DomainEvent<
  'ReportingPeriodOpened',
  {
    readonly projectId: string;
    readonly periodId: string;
    readonly startsOn: string;
    readonly endsOn: string;
    readonly openedBy: string;
  }
>;
export type ReportingPeriodClosed = DomainEvent<
  'ReportingPeriodClosed',
  {
    readonly projectId: string;
    readonly periodId: string;
    readonly closedBy: string;
    readonly authority: Role;
  }
>;
export type ProgressReported = DomainEvent<
  'ProgressReported',
  {
    readonly projectId: string;
    readonly reportId: string;
    readonly periodId: string;
    readonly items: readonly ScopeItemProgress[];
    readonly reportedBy: string;
  }
>;
/** Replaces the items of an earlier report; read models show the difference as an adjustment. */
export type ProgressCorrected = DomainEvent<
  'ProgressCorrected',
  {
    readonly projectId: string;
    readonly correctedReportId: string;
    /** The period of the corrected report (it may be closed). */
    readonly periodId: string;
    readonly previousItems: readonly ScopeItemProgress[];
    readonly items: readonly ScopeItemProgress[];
    readonly reason: string;
    readonly correctedBy: string;
  }
>;
export type ActualCostRecorded = DomainEvent<
  'ActualCostRecorded',
  {
    readonly projectId: string;
    readonly erpDocumentId: string;
    /** Integer minor units; negative for a credit note. */
    readonly amount: Money;
    readonly postedOn: string;
    readonly recordedBy: string;
  }
>;
export type ForecastSubmitted = DomainEvent<
  'ForecastSubmitted',
  {
    readonly projectId: string;
    readonly milestones: readonly MilestoneForecast[];
    /** Bottom-up estimate of the remaining work, as submitted; null when only dates are forecast. */
    readonly estimateToComplete: Money | null;
    /** Actual cost recorded when the forecast was submitted (null without an estimate). */
    readonly actualCostToDate: Money | null;
    /** Computed: actual cost to date + estimate to complete (null without an estimate). */
    readonly estimateAtCompletion: Money | null;
    readonly submittedBy: string;
  }
>;

export type ExecutionEvent =
  | ReportingPeriodOpened
  | ReportingPeriodClosed
  | ProgressReported
  | ProgressCorrected
  | ActualCostRecorded
  | ForecastSubmitted;
