import { DomainError } from '../shared';
import type { IncidentClassification } from './incident-classification';

export const safetyIncidentErrors = {
  /** Addressed under a project it does not belong to: as unknown there as a missing one. */
  notInProject: (projectId: string) =>
    new DomainError('incident-not-found', `no such incident in project ${projectId}`, 'not-found'),
  alreadyReported: (incidentId: string) =>
    new DomainError(
      'incident-already-reported',
      `incident ${incidentId} already exists`,
      'conflict',
    ),
  notFound: () => new DomainError('incident-not-found', 'no such incident', 'not-found'),
  closed: (incidentId: string) =>
    new DomainError('incident-closed', `incident ${incidentId} is closed`),
  invalidTimestamp: (value: string) =>
    new DomainError(
      'invalid-timestamp',
      `occurredAt must be an ISO 8601 timestamp with an offset, got ${value}`,
    ),
  inTheFuture: (occurredAt: string) =>
    new DomainError(
      'incident-in-the-future',
      `an incident cannot be reported before it occurs (${occurredAt})`,
    ),
  /** The offending value is not echoed back: it may be a name or worse. */
  personRefNotAnId: (index: number) =>
    new DomainError(
      'person-ref-must-be-an-id',
      'people are referenced by id only (no names, no medical detail)',
      'rule-violated',
      { index },
    ),
  alreadyClassified: () =>
    new DomainError(
      'incident-already-classified',
      'the incident is already classified; reclassify it with a reason',
      'conflict',
    ),
  notClassified: () =>
    new DomainError('incident-not-classified', 'the incident is classified first'),
  classificationUnchanged: (classification: IncidentClassification) =>
    new DomainError(
      'incident-classification-unchanged',
      `the incident is already classified as ${classification}`,
      'conflict',
    ),
  reclassificationReasonRequired: () =>
    new DomainError('reclassification-reason-required', 'reclassifying an incident needs a reason'),
  lostDaysInvalid: (lostDays: number) =>
    new DomainError('lost-days-invalid', `lost days are a whole number ≥ 0, got ${lostDays}`),
  lostDaysNeedLostTimeInjury: (classification: IncidentClassification) =>
    new DomainError(
      'lost-days-need-lost-time-injury',
      `lost days are recorded for a lost-time injury, not for ${classification}`,
    ),
  lostDaysReductionReasonRequired: (previous: number, lostDays: number) =>
    new DomainError(
      'lost-days-reduction-reason-required',
      `lowering lost days from ${previous} to ${lostDays} is a correction and needs a reason`,
    ),
  alreadyInvestigated: () =>
    new DomainError(
      'incident-already-investigated',
      'the incident is already investigated',
      'conflict',
    ),
  notInvestigated: () =>
    new DomainError(
      'incident-not-investigated',
      'an incident is closed only after its investigation',
    ),
};
