import { DomainError } from '../shared';

export const exposureHoursErrors = {
  projectMismatch: (streamProjectId: string, projectId: string) =>
    new DomainError(
      'exposure-project-mismatch',
      `these exposure hours belong to project ${streamProjectId}, not ${projectId}`,
    ),
  hoursInvalid: (hours: number) =>
    new DomainError(
      'exposure-hours-invalid',
      `exposure hours are a whole number ≥ 0, got ${hours}`,
    ),
  periodInvalid: (periodId: string) =>
    new DomainError(
      'exposure-period-invalid',
      `a period is a calendar month YYYY-MM, got ${periodId}`,
    ),
  periodInTheFuture: (periodId: string) =>
    new DomainError(
      'exposure-period-in-the-future',
      `hours cannot be recorded for ${periodId}, which has not started`,
    ),
  entryAlreadyExists: (entryId: string) =>
    new DomainError('exposure-entry-already-exists', `entry ${entryId} already exists`, 'conflict'),
  periodAlreadyRecorded: (siteId: string, periodId: string, entryId: string) =>
    new DomainError(
      'exposure-period-already-recorded',
      `hours for site ${siteId} in ${periodId} are recorded (entry ${entryId}); correct that entry instead`,
      'conflict',
      { entryId },
    ),
  entryNotFound: (entryId: string) =>
    new DomainError('exposure-entry-not-found', `no exposure entry ${entryId}`, 'not-found'),
  entrySuperseded: (entryId: string, currentEntryId: string) =>
    new DomainError(
      'exposure-entry-superseded',
      `entry ${entryId} was already corrected; correct the current entry ${currentEntryId}`,
      'conflict',
      { currentEntryId },
    ),
  correctionReasonRequired: () =>
    new DomainError('correction-reason-required', 'a correction names its reason'),
  correctionUnchanged: (hours: number) =>
    new DomainError(
      'exposure-correction-unchanged',
      `the entry already records ${hours} hours`,
      'conflict',
    ),
};
