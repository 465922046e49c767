import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ReadDocument, ReadStore } from '@ledger/read-store';

/** The collection the secrets live in: beside the log, never in it (see the README, Webhooks). */
export const WEBHOOK_SECRETS_COLLECTION = 'webhook_secrets';

/**
 * A sealed secret: `v1.<iv>.<tag>.<ciphertext>` (base64url), AES-256-GCM with the subscription id
 * as associated data, so a sealed value copied onto another subscription does not open.
 */
interface SealedWebhookSecretDocument extends ReadDocument {
  readonly sealed: string;
}

/** What stores written before encryption hold: the secret in clear (position 0). */
interface PlaintextWebhookSecretDocument extends ReadDocument {
  readonly secret: string;
}

type WebhookSecretDocument = SealedWebhookSecretDocument | PlaintextWebhookSecretDocument;

/**
 * Sealed documents are written at position 1: the store keeps only a higher position (P5), so a
 * sealed document replaces a plaintext one (position 0) and a retried save changes nothing.
 */
const SEALED_POSITION = 1;

/**
 * Subscription secrets, keyed by subscription id, in the read store (shared by the api, which
 * creates them, and the writer process, which signs with them), encrypted at rest with AES-256-GCM
 * under the key from `resolveWebhookSecretKey`: a copy of the store's files or a dump of its
 * collections does not give anyone the power to sign webhooks. Not in the event log: events are
 * immutable and exported to auditors, and a secret there could never be withdrawn. Not a read
 * model either: no rebuild drops this collection, and it is not derived from events.
 * Secrets stored in clear by earlier versions still open, and are sealed in place by
 * `sealPlaintext()` (the writer process runs it at start) or when first read.
 */
export class WebhookSecrets {
  constructor(
    private readonly store: ReadStore,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new RangeError('the webhook secret key must be 32 bytes');
  }

  async save(subscriptionId: string, secret: string): Promise<void> {
    await this.store.upsertMany<SealedWebhookSecretDocument>(WEBHOOK_SECRETS_COLLECTION, [
      { _id: subscriptionId, position: SEALED_POSITION, sealed: this.seal(subscriptionId, secret) },
    ]);
  }

  async load(subscriptionId: string): Promise<string | null> {
    const found = await this.store.get<WebhookSecretDocument>(
      WEBHOOK_SECRETS_COLLECTION,
      subscriptionId,
    );
    if (found === null) return null;
    if ('sealed' in found) return this.open(subscriptionId, found.sealed);
    await this.save(subscriptionId, found.secret);
    return found.secret;
  }

  /** Seals every secret still stored in clear; the count. */
  async sealPlaintext(): Promise<number> {
    const plaintext = await this.store.find<WebhookSecretDocument>(
      WEBHOOK_SECRETS_COLLECTION,
      { position: 0 },
      { sort: [['_id', 'asc']] },
    );
    let sealed = 0;
    for (const document of plaintext) {
      if (!('secret' in document)) continue;
      await this.save(document._id, document.secret);
      sealed += 1;
    }
    return sealed;
  }

  /** On delete: nothing can be signed for it any more. */
  async remove(subscriptionId: string): Promise<void> {
    await this.store.deleteMany(WEBHOOK_SECRETS_COLLECTION, [subscriptionId]);
  }

  private seal(subscriptionId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the key is not the one it was sealed with, or the value was altered. */
  private open(subscriptionId: string, sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error(`webhook ${subscriptionId}: unknown sealed secret format`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new Error(
        `webhook ${subscriptionId}: its secret does not open with this WEBHOOK_SECRET_KEY ` +
          '(another key sealed it, or it was altered)',
      );
    }
  }
}
