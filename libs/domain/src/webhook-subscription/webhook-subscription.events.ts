import type { DomainEvent, Role } from '../shared';

/** `all`: every public event type, including those published after the subscription. */
export type WebhookEventTypes = readonly string[] | 'all';

/** Why a subscription stopped receiving deliveries. */
export const WEBHOOK_PAUSE_REASONS = ['requested', 'consecutive-failures'] as const;
export type WebhookPauseReason = (typeof WEBHOOK_PAUSE_REASONS)[number];

interface SubscriptionRef {
  readonly subscriptionId: string;
}

/**
 * The secret is deliberately absent: events are immutable and exported to auditors, so a secret
 * written here could never be rotated away or withheld from a bundle. It is kept beside the log.
 */
export type WebhookSubscriptionCreated = DomainEvent<
  'WebhookSubscriptionCreated',
  SubscriptionRef & {
    readonly url: string;
    readonly eventTypes: WebhookEventTypes;
    readonly programIds: readonly string[];
    readonly createdBy: string;
    readonly authority: Role;
  }
>;
export type WebhookSubscriptionPaused = DomainEvent<
  'WebhookSubscriptionPaused',
  SubscriptionRef & {
    readonly reason: WebhookPauseReason;
    /** The failures in a row that paused it (`consecutive-failures`), else null. */
    readonly consecutiveFailures: number | null;
    readonly pausedBy: string;
    readonly authority: Role;
  }
>;
export type WebhookSubscriptionResumed = DomainEvent<
  'WebhookSubscriptionResumed',
  SubscriptionRef & { readonly resumedBy: string; readonly authority: Role }
>;
export type WebhookSubscriptionDeleted = DomainEvent<
  'WebhookSubscriptionDeleted',
  SubscriptionRef & { readonly deletedBy: string; readonly authority: Role }
>;

export type WebhookSubscriptionEvent =
  | WebhookSubscriptionCreated
  | WebhookSubscriptionPaused
  | WebhookSubscriptionResumed
  | WebhookSubscriptionDeleted;

export const WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS = {
  WebhookSubscriptionCreated: 1,
  WebhookSubscriptionPaused: 1,
  WebhookSubscriptionResumed: 1,
  WebhookSubscriptionDeleted: 1,
} as const satisfies Record<WebhookSubscriptionEvent['type'], number>;
