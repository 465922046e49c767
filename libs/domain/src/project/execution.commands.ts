import type { Command, Money } from '../shared';
import type { MilestoneForecast, ScopeItemProgress } from './execution.events';

export type OpenReportingPeriod = Command<
  'OpenReportingPeriod',
  { readonly periodId: string; readonly startsOn: string; readonly endsOn: string }
>;
export type CloseReportingPeriod = Command<'CloseReportingPeriod', { readonly periodId: string }>;
export type ReportProgress = Command<
  'ReportProgress',
  {
    /** Id of the new report, made by the caller (a correction names it). */
    readonly reportId: string;
    readonly periodId: string;
    readonly items: readonly ScopeItemProgress[];
  }
>;
export type CorrectProgress = Command<
  'CorrectProgress',
  {
    /** The report being corrected. */
    readonly reportId: string;
    /** The corrected items: they replace the items of the report. */
    readonly items: readonly ScopeItemProgress[];
    readonly reason: string;
  }
>;
export type RecordActualCost = Command<
  'RecordActualCost',
  {
    /** The ERP document (invoice, timesheet batch, credit note...): the idempotency key. */
    readonly erpDocumentId: string;
    readonly amount: Money;
    /** ERP posting date YYYY-MM-DD (read models bucket actual cost by it). */
    readonly postedOn: string;
  }
>;
export type SubmitForecast = Command<
  'SubmitForecast',
  {
    readonly milestones: readonly MilestoneForecast[];
    /** Bottom-up estimate to complete; the estimate at completion is computed from it. */
    readonly estimateToComplete?: Money;
  }
>;

export type ExecutionCommand =
  | OpenReportingPeriod
  | CloseReportingPeriod
  | ReportProgress
  | CorrectProgress
  | RecordActualCost
  | SubmitForecast;
