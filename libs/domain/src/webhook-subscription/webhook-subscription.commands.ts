import type { Command } from '../shared';
import type { WebhookEventTypes } from './webhook-subscription.events';
import type { WebhookUrlPolicy } from './webhook-url';

export type CreateWebhookSubscription = Command<
  'CreateWebhookSubscription',
  {
    readonly subscriptionId: string;
    readonly url: string;
    readonly eventTypes: WebhookEventTypes;
    readonly programIds: readonly string[];
    /** The deployment's URL policy (config), so decide stays pure. */
    readonly urlPolicy: WebhookUrlPolicy;
  }
>;
export type PauseWebhookSubscription = Command<'PauseWebhookSubscription', Record<string, never>>;
/** Sent by the dispatcher (the system actor) when a subscription keeps failing. */
export type PauseFailingWebhookSubscription = Command<
  'PauseFailingWebhookSubscription',
  { readonly consecutiveFailures: number }
>;
export type ResumeWebhookSubscription = Command<'ResumeWebhookSubscription', Record<string, never>>;
export type DeleteWebhookSubscription = Command<'DeleteWebhookSubscription', Record<string, never>>;

export type WebhookSubscriptionCommand =
  | CreateWebhookSubscription
  | PauseWebhookSubscription
  | PauseFailingWebhookSubscription
  | ResumeWebhookSubscription
  | DeleteWebhookSubscription;
