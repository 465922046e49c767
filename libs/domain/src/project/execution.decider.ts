import { addMoney, assertNever, duplicatesIn, MAX_MONEY_MINOR_UNITS, type Money } from '../shared';
import { assertCalendarDate, assertMinorUnits } from './baseline';
import type {
  CloseReportingPeriod,
  CorrectProgress,
  ExecutionCommand,
  OpenReportingPeriod,
  RecordActualCost,
  ReportProgress,
  SubmitForecast,
} from './execution.commands';
import { executionErrors } from './execution.errors';
import type { ExecutionEvent, ScopeItemProgress } from './execution.events';
import type { ActualCost, ReportingPeriod } from './execution.state';
import { projectErrors } from './project.errors';
import {
  assertProjectCurrency,
  authorityOf,
  PROJECT_DECISION_ROLES,
  requireActive,
  requireBaseline,
  requireExecutionAuthorised,
  sameData,
} from './project.guards';
import type { ExistingProject, ProjectState } from './project.state';

function requirePeriod(project: ExistingProject, periodId: string): ReportingPeriod {
  const period = project.reportingPeriods.get(periodId);
  if (!period) throw executionErrors.periodNotFound(periodId);
  return period;
}

/** Items of a report: at least one, each scope item once, 0–100 %, each a known scope item. */
function normaliseItems(
  items: readonly ScopeItemProgress[],
  knownIds: ReadonlySet<string>,
): ScopeItemProgress[] {
  if (items.length === 0) throw executionErrors.progressItemsRequired();
  const duplicates = duplicatesIn(items.map((item) => item.scopeItemId));
  if (duplicates.length > 0) throw projectErrors.duplicateEntries('items', duplicates);
  for (const { scopeItemId, percentComplete } of items) {
    if (!Number.isFinite(percentComplete) || percentComplete < 0 || percentComplete > 100) {
      throw executionErrors.percentCompleteOutOfRange(scopeItemId, percentComplete);
    }
  }
  const unknown = items.map((item) => item.scopeItemId).filter((id) => !knownIds.has(id));
  if (unknown.length > 0) throw projectErrors.unknownScopeItem(unknown);
  return items.map(({ scopeItemId, percentComplete }) => ({ scopeItemId, percentComplete }));
}

function openPeriod(command: OpenReportingPeriod, state: ProjectState): ExecutionEvent[] {
  const project = requireActive(state);
  const { periodId, startsOn, endsOn } = command.data;
  assertCalendarDate('startsOn', startsOn);
  assertCalendarDate('endsOn', endsOn);
  const existing = project.reportingPeriods.get(periodId);
  if (existing) {
    if (existing.startsOn === startsOn && existing.endsOn === endsOn) return [];
    throw executionErrors.periodAlreadyExists(periodId);
  }
  if (endsOn < startsOn) throw executionErrors.periodEndsBeforeStart(startsOn, endsOn);
  const overlapping = [...project.reportingPeriods.values()].find(
    (other) => startsOn <= other.endsOn && other.startsOn <= endsOn,
  );
  if (overlapping) throw executionErrors.periodOverlaps(periodId, overlapping.periodId);
  return [
    {
      type: 'ReportingPeriodOpened',
      data: {
        projectId: project.projectId,
        periodId,
        startsOn,
        endsOn,
        openedBy: command.meta.actor.sub,
      },
    },
  ];
}

function closePeriod(command: CloseReportingPeriod, state: ProjectState): ExecutionEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, PROJECT_DECISION_ROLES);
  const period = requirePeriod(project, command.data.periodId);
  if (period.status === 'closed') return [];
  return [
    {
      type: 'ReportingPeriodClosed',
      data: {
        projectId: project.projectId,
        periodId: period.periodId,
        closedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function reportProgress(command: ReportProgress, state: ProjectState): ExecutionEvent[] {
  const project = requireActive(state);
  requireExecutionAuthorised(project);
  const baseline = requireBaseline(project);
  const { reportId, periodId } = command.data;
  const period = requirePeriod(project, periodId);
  const existing = project.progressReports.get(reportId);
  if (existing) {
    const proposed = command.data.items.map(({ scopeItemId, percentComplete }) => ({
      scopeItemId,
      percentComplete,
    }));
    if (existing.periodId === periodId && sameData(existing.reportedItems, proposed)) return [];
    throw executionErrors.reportAlreadyExists(reportId);
  }
  const items = normaliseItems(command.data.items, new Set(baseline.scope.map((item) => item.id)));
  if (period.status === 'closed') throw executionErrors.periodClosed(periodId);
  return [
    {
      type: 'ProgressReported',
      data: {
        projectId: project.projectId,
        reportId,
        periodId,
        items,
        reportedBy: command.meta.actor.sub,
      },
    },
  ];
}

function correctProgress(command: CorrectProgress, state: ProjectState): ExecutionEvent[] {
  const project = requireActive(state);
  requireExecutionAuthorised(project);
  const baseline = requireBaseline(project);
  const { reportId, reason } = command.data;
  const report = project.progressReports.get(reportId);
  if (!report) throw executionErrors.reportNotFound(reportId);
  // A historical report may name scope items a later change request removed.
  const known = new Set([
    ...baseline.scope.map((item) => item.id),
    ...report.reportedItems.map((item) => item.scopeItemId),
  ]);
  const items = normaliseItems(command.data.items, known);
  if (sameData(report.items, items)) return [];
  return [
    {
      type: 'ProgressCorrected',
      data: {
        projectId: project.projectId,
        correctedReportId: reportId,
        periodId: report.periodId,
        previousItems: report.items,
        items,
        reason,
        correctedBy: command.meta.actor.sub,
      },
    },
  ];
}

/**
 * The read models add a project's postings up to a date (the actual cost to date; AC at a status
 * date, from the postings dated on or before it; a closed period's late costs, a difference of
 * two such sums). However many postings there are, the running total to every posting date, in
 * date order, stays within the bound of one amount, so each of those figures stays exact. Bounding
 * only the overall total would not do: an invoice dated early and its credit note dated later
 * leave the total at zero while a status date between them sees the invoices alone.
 */
function assertActualCostToEveryDate(
  project: { readonly actualCosts: ReadonlyMap<string, ActualCost> },
  posting: ActualCost,
): void {
  // No running total can be further from zero than the sum of every posting's size: while that
  // sum is within the bound (every real project, by orders of magnitude), no date needs checking,
  // and a command costs one pass over the postings instead of a sort of them all (which made a
  // command on a project with thousands of postings several times dearer than on a fresh one).
  let sizes = Math.abs(posting.amount.amount);
  for (const posted of project.actualCosts.values()) sizes += Math.abs(posted.amount.amount);
  if (sizes <= MAX_MONEY_MINOR_UNITS) return;
  const byDate = [...project.actualCosts.values(), posting].sort((a, b) =>
    a.postedOn < b.postedOn ? -1 : a.postedOn > b.postedOn ? 1 : 0,
  );
  let toDate = 0;
  for (const [index, posted] of byDate.entries()) {
    toDate += posted.amount.amount;
    if (byDate[index + 1]?.postedOn === posted.postedOn) continue; // the date's last posting
    assertMinorUnits('actual cost to date', { ...posting.amount, amount: toDate }, true);
  }
}

function recordActualCost(command: RecordActualCost, state: ProjectState): ExecutionEvent[] {
  const project = requireActive(state);
  requireExecutionAuthorised(project);
  const { erpDocumentId, postedOn } = command.data;
  const amount: Money = {
    amount: command.data.amount.amount,
    currency: command.data.amount.currency,
  };
  const existing = project.actualCosts.get(erpDocumentId);
  if (existing) {
    // The ERP document id is the idempotency key of a posting: the very same posting again is a
    // no-op, but any other content under that id is a different fact the ledger cannot take
    // silently (the first one stays; the caller learns which fields differ).
    const differing = [
      ...(sameData(existing.amount, amount) ? [] : ['amount']),
      ...(existing.postedOn === postedOn ? [] : ['postedOn']),
    ];
    if (differing.length === 0) return [];
    throw executionErrors.erpDocumentConflict(erpDocumentId, differing);
  }
  assertMinorUnits('amount', amount, true);
  assertCalendarDate('postedOn', postedOn);
  assertProjectCurrency(project, amount);
  assertActualCostToEveryDate(project, { amount, postedOn });
  return [
    {
      type: 'ActualCostRecorded',
      data: {
        projectId: project.projectId,
        erpDocumentId,
        amount,
        postedOn,
        recordedBy: command.meta.actor.sub,
      },
    },
  ];
}

interface Estimate {
  readonly estimateToComplete: Money | null;
  readonly actualCostToDate: Money | null;
  readonly estimateAtCompletion: Money | null;
}

/** EAC is computed (DOMAIN.md principle 4): actual cost so far + the bottom-up estimate to complete. */
function forecastEstimate(project: ExistingProject, etc: Money | undefined): Estimate {
  if (etc === undefined) {
    return { estimateToComplete: null, actualCostToDate: null, estimateAtCompletion: null };
  }
  const estimateToComplete = { amount: etc.amount, currency: etc.currency };
  assertMinorUnits('estimateToComplete', estimateToComplete);
  assertProjectCurrency(project, estimateToComplete);
  const actualCostToDate = project.actualCostToDate ?? {
    amount: 0,
    currency: estimateToComplete.currency,
  };
  return {
    estimateToComplete,
    actualCostToDate,
    estimateAtCompletion: addMoney(actualCostToDate, estimateToComplete),
  };
}

function submitForecast(command: SubmitForecast, state: ProjectState): ExecutionEvent[] {
  const project = requireActive(state);
  const baseline = requireBaseline(project);
  const milestones = command.data.milestones.map(({ milestoneId, forecastOn }) => ({
    milestoneId,
    forecastOn,
  }));
  const duplicates = duplicatesIn(milestones.map((m) => m.milestoneId));
  if (duplicates.length > 0) throw projectErrors.duplicateEntries('milestones', duplicates);
  const known = new Set(baseline.milestones.map((m) => m.id));
  const unknown = milestones.map((m) => m.milestoneId).filter((id) => !known.has(id));
  if (unknown.length > 0) throw projectErrors.unknownMilestone(unknown);
  for (const m of milestones)
    assertCalendarDate(`milestones.${m.milestoneId}.forecastOn`, m.forecastOn);

  const estimate = forecastEstimate(project, command.data.estimateToComplete);
  const forecast = { milestones, ...estimate };
  if (sameData(project.latestForecast, forecast)) return [];
  return [
    {
      type: 'ForecastSubmitted',
      data: { projectId: project.projectId, ...forecast, submittedBy: command.meta.actor.sub },
    },
  ];
}

export function decideExecution(command: ExecutionCommand, state: ProjectState): ExecutionEvent[] {
  switch (command.type) {
    case 'OpenReportingPeriod':
      return openPeriod(command, state);
    case 'CloseReportingPeriod':
      return closePeriod(command, state);
    case 'ReportProgress':
      return reportProgress(command, state);
    case 'CorrectProgress':
      return correctProgress(command, state);
    case 'RecordActualCost':
      return recordActualCost(command, state);
    case 'SubmitForecast':
      return submitForecast(command, state);
    default:
      return assertNever(command);
  }
}
