import { assertNever } from '../shared';
import type { WebhookEventTypes, WebhookSubscriptionEvent } from './webhook-subscription.events';

export interface WebhookSubscriptionFacts {
  readonly subscriptionId: string;
  readonly url: string;
  readonly eventTypes: WebhookEventTypes;
  readonly programIds: readonly string[];
  /** Who created it: they (or an admin) may pause, resume and delete it. */
  readonly ownerId: string;
}

/** absent → active ⇄ paused → deleted (from active or paused; nothing after). */
export type WebhookSubscriptionState =
  | { readonly status: 'absent' }
  | (WebhookSubscriptionFacts & { readonly status: 'active' })
  | (WebhookSubscriptionFacts & { readonly status: 'paused' })
  | (WebhookSubscriptionFacts & { readonly status: 'deleted' });

export const initialWebhookSubscriptionState: WebhookSubscriptionState = { status: 'absent' };

export function evolveWebhookSubscription(
  state: WebhookSubscriptionState,
  event: WebhookSubscriptionEvent,
): WebhookSubscriptionState {
  switch (event.type) {
    case 'WebhookSubscriptionCreated': {
      const { subscriptionId, url, eventTypes, programIds, createdBy } = event.data;
      return { status: 'active', subscriptionId, url, eventTypes, programIds, ownerId: createdBy };
    }
    case 'WebhookSubscriptionPaused':
      return state.status === 'active' ? { ...state, status: 'paused' } : state;
    case 'WebhookSubscriptionResumed':
      return state.status === 'paused' ? { ...state, status: 'active' } : state;
    case 'WebhookSubscriptionDeleted':
      return state.status === 'absent' ? state : { ...state, status: 'deleted' };
    default:
      return assertNever(event);
  }
}
