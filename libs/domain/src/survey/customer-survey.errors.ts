import { DomainError, roleRequired, type Role } from '../shared';

export const customerSurveyErrors = {
  /** Addressed under a project it does not belong to: as unknown there as a missing one. */
  notInProject: (projectId: string) =>
    new DomainError('survey-not-found', `no such survey in project ${projectId}`, 'not-found'),
  alreadyIssued: (surveyId: string) =>
    new DomainError('survey-already-issued', `survey ${surveyId} already exists`, 'conflict'),
  notFound: () => new DomainError('survey-not-found', 'no such survey', 'not-found'),
  closed: (surveyId: string) =>
    new DomainError('survey-closed', `survey ${surveyId} is closed and takes no more responses`),
  roleRequired: (roles: readonly Role[]) => roleRequired('survey action', roles),
  duplicateRespondent: (respondentRefs: readonly string[]) =>
    new DomainError(
      'duplicate-respondent',
      `each respondent is asked once (${respondentRefs.join(', ')})`,
      'rule-violated',
      { respondentRefs },
    ),
  responseAlreadyRecorded: (responseId: string) =>
    new DomainError(
      'survey-response-already-recorded',
      `response ${responseId} is already recorded`,
      'conflict',
    ),
  npsOutOfRange: (nps: number) =>
    new DomainError('nps-score-out-of-range', `an NPS score is a whole number 0–10, got ${nps}`),
  csatOutOfRange: (csat: number) =>
    new DomainError('csat-score-out-of-range', `a CSAT score is a whole number 1–5, got ${csat}`),
  respondentNotSurveyed: () =>
    new DomainError(
      'respondent-not-surveyed',
      'this survey was issued to named respondents: the response must come from one of them',
    ),
  respondentAlreadyResponded: (respondentRef: string) =>
    new DomainError(
      'respondent-already-responded',
      `respondent ${respondentRef} has already responded`,
      'conflict',
    ),
};
