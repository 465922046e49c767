import { DomainError } from './domain-error';

/**
 * Refusals of malformed command input that several aggregates word exactly alike. Aggregates keep
 * them in their own error lists (`riskErrors.fieldRequired`, `contractErrors.invalidDate`, ...) by
 * pointing at these, so the codes and messages cannot drift apart. An aggregate that answers the
 * same check with a code of its own (e.g. `invalid-calendar-date`) keeps its own factory and passes
 * it to the shared guard.
 */
export const inputErrors = {
  fieldRequired: (field: string) =>
    new DomainError('field-required', `${field} is required`, 'rule-violated', { field }),
  reasonRequired: () => new DomainError('reason-required', 'a reason is required'),
  /** `reason-required` naming the decision (the command type) that needs the reason. */
  decisionReasonRequired: (decision: string) =>
    new DomainError('reason-required', `${decision} needs a reason`, 'rule-violated', { decision }),
  invalidDate: (field: string, value: unknown) =>
    new DomainError(
      'invalid-date',
      `${field} must be a calendar date (YYYY-MM-DD)`,
      'rule-violated',
      {
        field,
        value,
      },
    ),
  dateInFuture: (field: string, value: string, today: string) =>
    new DomainError(
      'date-in-future',
      `${field} ${value} is after today (${today})`,
      'rule-violated',
      {
        field,
        value,
        today,
      },
    ),
};
