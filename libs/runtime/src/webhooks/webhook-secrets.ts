import type { ReadDocument, ReadStore } from '@ledger/read-store';

/** The collection the secrets live in: beside the log, never in it (see the README, Webhooks). */
export const WEBHOOK_SECRETS_COLLECTION = 'webhook_secrets';

interface WebhookSecretDocument extends ReadDocument {
  readonly secret: string;
}

/**
 * Subscription secrets, keyed by subscription id, in the read store (shared by the api, which
 * creates them, and the writer process, which signs with them). Not in the event log: events are
 * immutable and exported to auditors, and a secret there could never be withdrawn. Not a read
 * model either: no rebuild drops this collection, and it is not derived from events.
 */
export class WebhookSecrets {
  constructor(private readonly store: ReadStore) {}

  async save(subscriptionId: string, secret: string): Promise<void> {
    await this.store.upsertMany<WebhookSecretDocument>(WEBHOOK_SECRETS_COLLECTION, [
      { _id: subscriptionId, position: 0, secret },
    ]);
  }

  async load(subscriptionId: string): Promise<string | null> {
    const found = await this.store.get<WebhookSecretDocument>(
      WEBHOOK_SECRETS_COLLECTION,
      subscriptionId,
    );
    return found?.secret ?? null;
  }

  /** On delete: nothing can be signed for it any more. */
  async remove(subscriptionId: string): Promise<void> {
    await this.store.deleteMany(WEBHOOK_SECRETS_COLLECTION, [subscriptionId]);
  }
}
