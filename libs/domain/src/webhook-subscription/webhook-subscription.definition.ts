import type { AggregateDefinition } from '../shared';
import type { WebhookSubscriptionCommand } from './webhook-subscription.commands';
import { webhookSubscriptionDecider } from './webhook-subscription.decider';
import {
  WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS,
  type WebhookSubscriptionEvent,
} from './webhook-subscription.events';
import type { WebhookSubscriptionState } from './webhook-subscription.state';

/** The one place a webhook subscription's stream name is made: `webhook-subscription-<id>`. */
export const WEBHOOK_SUBSCRIPTION_STREAM_CATEGORY = 'webhook-subscription';
export const webhookSubscriptionStreamId = (subscriptionId: string): string =>
  `${WEBHOOK_SUBSCRIPTION_STREAM_CATEGORY}-${subscriptionId}`;

/** The webhook-subscription aggregate as the command path runs it (STYLE 6). */
export const webhookSubscriptionAggregate: AggregateDefinition<
  WebhookSubscriptionCommand,
  WebhookSubscriptionState,
  WebhookSubscriptionEvent,
  'webhook-subscription'
> = {
  name: 'webhook-subscription',
  decider: webhookSubscriptionDecider,
  schemaVersions: WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS,
  streamId: webhookSubscriptionStreamId,
};
