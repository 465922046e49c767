import type { AggregateDefinition } from '../shared';
import type { WebhookSubscriptionCommand } from './webhook-subscription.commands';
import { webhookSubscriptionDecider } from './webhook-subscription.decider';
import {
  WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS,
  type WebhookSubscriptionEvent,
} from './webhook-subscription.events';
import type { WebhookSubscriptionState } from './webhook-subscription.state';
import { webhookSubscriptionStreamId } from './webhook-subscription.stream';

/** The webhook-subscription aggregate as the command path runs it (STYLE 6). */
export const webhookSubscriptionAggregate: AggregateDefinition<
  WebhookSubscriptionCommand,
  WebhookSubscriptionState,
  WebhookSubscriptionEvent
> = {
  name: 'webhook-subscription',
  decider: webhookSubscriptionDecider,
  schemaVersions: WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS,
  streamId: webhookSubscriptionStreamId,
};
