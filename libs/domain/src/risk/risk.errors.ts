import { DomainError, inputErrors, type Money } from '../shared';
import type { RiskKind } from './risk.vocabulary';

export const riskErrors = {
  /** Addressed under a project it does not belong to: as unknown there as a missing one. */
  notInProject: (projectId: string) =>
    new DomainError('risk-not-found', `no such risk in project ${projectId}`, 'not-found'),
  alreadyExists: (riskId: string) =>
    new DomainError('risk-already-exists', `risk ${riskId} already exists`, 'conflict'),
  notFound: () => new DomainError('risk-not-found', 'no such risk', 'not-found'),
  closed: (riskId: string) =>
    new DomainError('risk-closed', `risk ${riskId} is closed and takes no more changes`),
  actorHasNoRole: (sub: string) =>
    new DomainError(
      'actor-has-no-role',
      `${sub} holds no role, so the decision would have no authority`,
      'not-permitted',
    ),

  // Raising
  kindUnknown: (kind: string) =>
    new DomainError('risk-kind-unknown', `a risk is a threat or an opportunity, not "${kind}"`),
  categoryUnknown: (category: string, allowed: readonly string[]) =>
    new DomainError(
      'risk-category-unknown',
      `unknown risk category "${category}"`,
      'rule-violated',
      {
        allowed,
      },
    ),
  descriptionIncomplete: (missing: readonly string[]) =>
    new DomainError(
      'risk-description-incomplete',
      `a risk needs a title, a cause, an event and an effect (missing: ${missing.join(', ')})`,
      'rule-violated',
      { missing },
    ),

  // Assessing
  probabilityOutOfRange: (probability: unknown) =>
    new DomainError(
      'probability-out-of-range',
      `probability is a whole number from 1 to 5, not ${String(probability)}`,
    ),
  impactOutOfRange: (field: string, impact: unknown) =>
    new DomainError(
      'impact-out-of-range',
      `${field} is a whole number from 1 to 5, not ${String(impact)}`,
      'rule-violated',
      { field },
    ),
  impactDimensionUnknown: (dimension: string, allowed: readonly string[]) =>
    new DomainError(
      'impact-dimension-unknown',
      `unknown impact dimension "${dimension}"`,
      'rule-violated',
      { dimension, allowed },
    ),
  impactRequired: () =>
    new DomainError(
      'impact-required',
      'an assessment needs an overall impact or at least one impact per dimension',
    ),
  impactContradictsDimensions: (impact: number, worst: number) =>
    new DomainError(
      'impact-contradicts-dimensions',
      `the overall impact is the worst dimension (${worst}), not ${impact}`,
      'rule-violated',
      { impact, worstDimension: worst },
    ),
  scheduleDaysInvalid: (days: unknown) =>
    new DomainError(
      'schedule-days-invalid',
      `schedule impact is a whole number of days ≥ 0, not ${String(days)}`,
    ),
  reviewDateInPast: (nextReviewOn: string, assessedOn: string) =>
    new DomainError(
      'review-date-in-past',
      `the next review (${nextReviewOn}) cannot be before the assessment (${assessedOn})`,
      'rule-violated',
      { nextReviewOn, assessedOn },
    ),
  inherentAssessmentRequired: () =>
    new DomainError(
      'inherent-assessment-required',
      'the residual risk is assessed against an inherent assessment; assess the risk first',
    ),
  alreadyOccurred: (riskId: string) =>
    new DomainError(
      'risk-already-occurred',
      `risk ${riskId} has already occurred; its probability is no longer in question`,
    ),

  // Owner and response
  ownerAlreadyAssigned: (ownerId: string) =>
    new DomainError('owner-already-assigned', `${ownerId} already owns this risk`, 'conflict'),
  ownerRequiredBeforeResponse: () =>
    new DomainError(
      'owner-required-before-response',
      'a risk needs exactly one owner before a response is planned',
    ),
  strategyDoesNotFitKind: (strategy: string, kind: RiskKind, allowed: readonly string[]) =>
    new DomainError(
      'strategy-does-not-fit-kind',
      `"${strategy}" is not a response to ${kind === 'threat' ? 'a threat' : 'an opportunity'} (${allowed.join(', ')})`,
      'rule-violated',
      { strategy, kind, allowed },
    ),
  responseNotPlanned: (what: string) =>
    new DomainError('response-not-planned', `plan a response before ${what}`),
  reserveBelowDrawn: (reserve: Money, drawn: Money) =>
    new DomainError(
      'contingency-reserve-below-drawn',
      `the reserve (${reserve.amount}) cannot be less than what was already drawn (${drawn.amount})`,
      'rule-violated',
      { reserve, drawn },
    ),

  // Actions
  actionAlreadyExists: (actionId: string) =>
    new DomainError(
      'response-action-already-exists',
      `response action ${actionId} already exists`,
      'conflict',
    ),
  actionNotFound: (actionId: string) =>
    new DomainError('response-action-not-found', `no response action ${actionId}`, 'not-found'),
  actionClosed: (actionId: string, status: string) =>
    new DomainError(
      'response-action-closed',
      `response action ${actionId} is ${status}; add a new action instead`,
    ),
  actionUnchanged: (actionId: string) =>
    new DomainError('response-action-unchanged', `the update changes nothing on ${actionId}`),
  actionStatusUnknown: (status: string, allowed: readonly string[]) =>
    new DomainError(
      'response-action-status-unknown',
      `unknown action status "${status}"`,
      'rule-violated',
      { allowed },
    ),

  // Escalation, occurrence, contingency, closing
  escalationLevelUnknown: (level: string, allowed: readonly string[]) =>
    new DomainError(
      'escalation-level-unknown',
      `unknown escalation level "${level}"`,
      'rule-violated',
      { allowed },
    ),
  occurrenceInFuture: (occurredOn: string, today: string) =>
    new DomainError(
      'occurrence-in-future',
      `a risk cannot be recorded as occurred on ${occurredOn}, after ${today}`,
      'rule-violated',
      { occurredOn, today },
    ),
  noContingencyReserve: () =>
    new DomainError('no-contingency-reserve', 'no contingency reserve was planned for this risk'),
  contingencyExceedsReserve: (requested: Money, remaining: Money) =>
    new DomainError(
      'contingency-exceeds-reserve',
      `cannot draw ${requested.amount}; only ${remaining.amount} of the reserve remains`,
      'rule-violated',
      { requested, remaining },
    ),
  closeReasonDoesNotFitKind: (reason: string, kind: RiskKind, allowed: readonly string[]) =>
    new DomainError(
      'close-reason-does-not-fit-kind',
      `"${reason}" does not close ${kind === 'threat' ? 'a threat' : 'an opportunity'} (${allowed.join(', ')})`,
      'rule-violated',
      { reason, kind, allowed },
    ),
  closeReasonContradictsOccurrence: (reason: string, expected: string | null) =>
    new DomainError(
      'close-reason-contradicts-occurrence',
      expected === null
        ? `"${reason}" needs a recorded occurrence`
        : `a risk that occurred closes as "${expected}", not "${reason}"`,
      'rule-violated',
      { reason, expected },
    ),

  // Input shapes
  fieldRequired: inputErrors.fieldRequired,
  reasonRequired: inputErrors.reasonRequired,
  invalidCalendarDate: (field: string, value: unknown) =>
    new DomainError(
      'invalid-calendar-date',
      `${field} must be a calendar date YYYY-MM-DD, not ${String(value)}`,
      'rule-violated',
      { field },
    ),
  invalidMoney: (field: string, reason: string) =>
    new DomainError('invalid-money', `${field}: ${reason}`, 'rule-violated', { field }),
};
