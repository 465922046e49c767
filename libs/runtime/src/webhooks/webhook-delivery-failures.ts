import type { ReadDocument, ReadStore } from '@ledger/read-store';

export const WEBHOOK_DELIVERY_FAILURES_COLLECTION = 'webhook_delivery_failures';

/** One failed attempt, as `GET …/{id}/deliveries` lists it. */
export interface WebhookDeliveryFailure extends ReadDocument {
  readonly subscriptionId: string;
  /** The CloudEvent id (also the webhook-id header). */
  readonly eventId: string;
  /** The log position of the event (`position` is the attempt's number, for ordering). */
  readonly eventPosition: number;
  readonly attemptedAt: string;
  /** `http 500`, `timeout`, `refused address 10.0.0.5`, ... */
  readonly reason: string;
  /** Failures in a row for this subscription, this one included. */
  readonly consecutiveFailures: number;
}

export class WebhookDeliveryFailures {
  private sequence = Date.now();

  constructor(private readonly store: ReadStore) {}

  async record(failure: Omit<WebhookDeliveryFailure, '_id' | 'position'>): Promise<void> {
    this.sequence += 1;
    await this.store.upsertMany<WebhookDeliveryFailure>(WEBHOOK_DELIVERY_FAILURES_COLLECTION, [
      { _id: `${failure.subscriptionId}:${this.sequence}`, position: this.sequence, ...failure },
    ]);
  }

  /** Newest first. */
  list(subscriptionId: string, limit = 100): Promise<WebhookDeliveryFailure[]> {
    return this.store.find<WebhookDeliveryFailure>(
      WEBHOOK_DELIVERY_FAILURES_COLLECTION,
      { subscriptionId },
      { sort: [['position', 'desc']], limit },
    );
  }
}
