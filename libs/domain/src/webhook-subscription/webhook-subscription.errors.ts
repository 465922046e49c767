import { DomainError, roleRequired, type Role } from '../shared';

export const webhookSubscriptionErrors = {
  /** Also the answer to someone else's subscription: its existence is not theirs to learn. */
  notFound: () =>
    new DomainError('webhook-subscription-not-found', 'no such webhook subscription', 'not-found'),
  alreadyExists: (subscriptionId: string) =>
    new DomainError(
      'webhook-subscription-already-exists',
      `webhook subscription ${subscriptionId} already exists`,
      'conflict',
    ),
  roleRequired: (roles: readonly Role[]) => roleRequired('webhook subscription', roles),
  invalidUrl: (reason: string) =>
    new DomainError(
      'webhook-url-invalid',
      `the webhook URL is refused: ${reason}`,
      'rule-violated',
      {
        reason,
      },
    ),
  eventTypesRequired: () =>
    new DomainError('webhook-event-types-required', 'name at least one event type, or "all"'),
  programsRequired: () => new DomainError('webhook-programs-required', 'name at least one program'),
  alreadyPaused: () =>
    new DomainError(
      'webhook-subscription-already-paused',
      'the subscription is paused',
      'conflict',
    ),
  notPaused: () =>
    new DomainError(
      'webhook-subscription-not-paused',
      'the subscription is not paused',
      'conflict',
    ),
};
