import { DomainError } from '../shared';

export const executionErrors = {
  periodNotFound: (periodId: string) =>
    new DomainError(
      'reporting-period-not-found',
      `no reporting period ${periodId} in this project`,
      'not-found',
      { periodId },
    ),
  periodAlreadyExists: (periodId: string) =>
    new DomainError(
      'reporting-period-already-exists',
      `reporting period ${periodId} already exists with other dates`,
      'conflict',
      { periodId },
    ),
  periodEndsBeforeStart: (startsOn: string, endsOn: string) =>
    new DomainError(
      'reporting-period-ends-before-start',
      `a reporting period ends on or after its start (${startsOn} → ${endsOn})`,
      'rule-violated',
      { startsOn, endsOn },
    ),
  periodOverlaps: (periodId: string, otherPeriodId: string) =>
    new DomainError(
      'reporting-periods-overlap',
      `reporting period ${periodId} overlaps ${otherPeriodId}`,
      'rule-violated',
      { periodId, otherPeriodId },
    ),
  periodClosed: (periodId: string) =>
    new DomainError(
      'reporting-period-closed',
      `reporting period ${periodId} is closed: what was reported is frozen; correct a report instead`,
      'rule-violated',
      { periodId },
    ),
  progressItemsRequired: () =>
    new DomainError('progress-items-required', 'a progress report covers at least one scope item'),
  percentCompleteOutOfRange: (scopeItemId: string, percentComplete: number) =>
    new DomainError(
      'percent-complete-out-of-range',
      `percent complete is from 0 to 100 (${scopeItemId}: ${percentComplete})`,
      'rule-violated',
      { scopeItemId, percentComplete },
    ),
  reportAlreadyExists: (reportId: string) =>
    new DomainError(
      'progress-report-already-exists',
      `progress report ${reportId} already exists with other content; correct it instead`,
      'conflict',
      { reportId },
    ),
  reportNotFound: (reportId: string) =>
    new DomainError(
      'progress-report-not-found',
      `no progress report ${reportId} in this project`,
      'not-found',
      { reportId },
    ),
  erpDocumentConflict: (erpDocumentId: string, differingFields: readonly string[]) =>
    new DomainError(
      'erp-document-conflict',
      `ERP document ${erpDocumentId} is already recorded with another ${differingFields.join(' and ')}`,
      'conflict',
      { erpDocumentId, differingFields },
    ),
};
