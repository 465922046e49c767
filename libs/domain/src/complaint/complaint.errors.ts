import { DomainError, roleRequired, type Role } from '../shared';

export const complaintErrors = {
  /** Addressed under a project it does not belong to: as unknown there as a missing one. */
  notInProject: (projectId: string) =>
    new DomainError(
      'complaint-not-found',
      `no such complaint in project ${projectId}`,
      'not-found',
    ),
  alreadyReceived: (complaintId: string) =>
    new DomainError(
      'complaint-already-received',
      `complaint ${complaintId} already exists`,
      'conflict',
    ),
  notFound: () => new DomainError('complaint-not-found', 'no such complaint', 'not-found'),
  closed: (complaintId: string) =>
    new DomainError(
      'complaint-closed',
      `complaint ${complaintId} is closed; reopen it (with a reason) to change it`,
    ),
  roleRequired: (roles: readonly Role[]) => roleRequired('complaint decision', roles),
  invalidDate: (field: string, value: string) =>
    new DomainError(
      'invalid-calendar-date',
      `${field} must be a calendar date (YYYY-MM-DD), got ${value}`,
    ),
  alreadyAcknowledged: () =>
    new DomainError(
      'complaint-already-acknowledged',
      'the complaint is already acknowledged',
      'conflict',
    ),
  notAcknowledged: () =>
    new DomainError(
      'complaint-not-acknowledged',
      'a complaint is acknowledged to the customer before it is assessed',
    ),
  alreadyAssessed: () =>
    new DomainError('complaint-already-assessed', 'the complaint is already assessed', 'conflict'),
  dueBeforeAssessment: (dueOn: string, assessedOn: string) =>
    new DomainError(
      'complaint-due-before-assessment',
      `the due date ${dueOn} is before the assessment date ${assessedOn}`,
    ),
  hsDueTooLate: (dueOn: string, latest: string, maxDays: number) =>
    new DomainError(
      'hs-complaint-due-too-late',
      `an H&S-related complaint is top priority: due within ${maxDays} days of assessment (by ${latest}), not ${dueOn}`,
      'rule-violated',
      { dueOn, latestDueOn: latest },
    ),
  notAssessed: () =>
    new DomainError('complaint-not-assessed', 'a complaint is assessed before it is investigated'),
  notInvestigated: () =>
    new DomainError(
      'complaint-not-investigated',
      'the customer gets a response only after the complaint is investigated',
    ),
  responseBeforeReceipt: (respondedOn: string, receivedOn: string) =>
    new DomainError(
      'complaint-response-before-receipt',
      `the response date ${respondedOn} is before the complaint was received (${receivedOn})`,
    ),
  alreadyResponded: () =>
    new DomainError(
      'complaint-already-responded',
      'the customer already has the response; close the complaint and reopen it to investigate further',
      'conflict',
    ),
  notResponded: () =>
    new DomainError(
      'complaint-not-responded',
      'a complaint is closed only after the customer got a response',
    ),
  dissatisfactionNoteRequired: () =>
    new DomainError(
      'dissatisfaction-note-required',
      'closing a complaint the customer is not satisfied with needs a note saying why',
    ),
  notClosed: () =>
    new DomainError('complaint-not-closed', 'only a closed complaint can be reopened'),
  reopenReasonRequired: () =>
    new DomainError('reopen-reason-required', 'reopening a complaint needs a reason'),
  capaNotFound: (capaId: string) =>
    new DomainError('capa-not-found', `no corrective action ${capaId}`, 'not-found'),
  capaNotFromThisComplaint: (capaId: string) =>
    new DomainError(
      'capa-not-raised-from-complaint',
      `corrective action ${capaId} was not raised from this complaint`,
    ),
  capaAlreadyLinked: (capaId: string) =>
    new DomainError(
      'capa-already-linked',
      `corrective action ${capaId} is already linked`,
      'conflict',
    ),
};
