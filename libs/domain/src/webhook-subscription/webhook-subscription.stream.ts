/** The one place a webhook subscription's stream name is made: `webhook-subscription-<id>`. */
export const WEBHOOK_SUBSCRIPTION_STREAM_CATEGORY = 'webhook-subscription';
export const webhookSubscriptionStreamId = (subscriptionId: string): string =>
  `${WEBHOOK_SUBSCRIPTION_STREAM_CATEGORY}-${subscriptionId}`;
