import {
  evolveWebhookSubscription,
  initialWebhookSubscriptionState,
  WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS,
  type WebhookSubscriptionEvent,
  type WebhookSubscriptionState,
} from '@ledger/domain';
import type { EventStore, RecordedEvent } from '@ledger/event-store';

export type KnownWebhookSubscription = Exclude<WebhookSubscriptionState, { status: 'absent' }>;

const SUBSCRIPTION_EVENT_TYPES = Object.keys(WEBHOOK_SUBSCRIPTION_EVENT_SCHEMA_VERSIONS);

/** The read is filtered to these types, and checked again here, so the narrowing is no guess. */
function asSubscriptionEvent(event: RecordedEvent): WebhookSubscriptionEvent {
  if (!SUBSCRIPTION_EVENT_TYPES.includes(event.type)) {
    throw new TypeError(`not a webhook subscription event: ${event.type}`);
  }
  return { type: event.type, data: event.data } as unknown as WebhookSubscriptionEvent;
}

/**
 * Every webhook subscription as the log says it is, kept current by reading only the
 * subscription events after the part of the log already looked through (the dispatcher's source
 * of truth: no read model to lag or be rebuilt under it).
 */
export class WebhookSubscriptionRegistry {
  private readonly subscriptions = new Map<string, KnownWebhookSubscription>();
  /** The log is looked through up to here: no subscription event at or below it is unread. */
  private seen = 0;

  constructor(private readonly eventStore: EventStore) {}

  async refresh(): Promise<void> {
    // Every event at or below the head read now is readable already (positions are given in
    // commit order), so a read that comes back short has looked through the log up to it at
    // least. Without this, `seen` moved only with subscription events: where there are few or
    // none, every refresh (one per append the dispatcher sees) scanned the log from the start.
    const head = await this.eventStore.headPosition();
    for (;;) {
      const events = await this.eventStore.readAll({
        after: this.seen,
        maxCount: 500,
        filter: { eventTypes: SUBSCRIPTION_EVENT_TYPES },
      });
      for (const event of events) {
        const typed = asSubscriptionEvent(event);
        const id = typed.data.subscriptionId;
        const state = evolveWebhookSubscription(
          this.subscriptions.get(id) ?? initialWebhookSubscriptionState,
          typed,
        );
        if (state.status !== 'absent') this.subscriptions.set(id, state);
        this.seen = event.position;
      }
      if (events.length < 500) {
        this.seen = Math.max(this.seen, head);
        return;
      }
    }
  }

  get(subscriptionId: string): KnownWebhookSubscription | undefined {
    return this.subscriptions.get(subscriptionId);
  }

  all(): KnownWebhookSubscription[] {
    return [...this.subscriptions.values()];
  }
}
