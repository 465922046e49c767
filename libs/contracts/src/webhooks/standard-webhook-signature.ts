import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com/) signing, as the deliveries use it and as
 * a consumer can copy it (only node:crypto): the signed content is `<webhook-id>.<webhook-
 * timestamp>.<body>`, the key is the base64 part of the `whsec_` secret, and `webhook-signature`
 * holds space-separated `v1,<base64 HMAC-SHA256>` entries (several while a secret rotates).
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A fresh secret: `whsec_` + 32 random bytes in base64 (the spec asks for 24 to 64 bytes). */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  return Buffer.from(encoded, 'base64');
}

export interface WebhookMessage {
  /** `webhook-id`: the CloudEvent id, the same on every re-delivery (consumers dedupe on it). */
  readonly id: string;
  /** `webhook-timestamp`: unix seconds of this attempt. */
  readonly timestamp: number;
  /** The exact bytes sent, as a string: a re-serialised body does not verify. */
  readonly body: string;
}

/** The `webhook-signature` header value for `message` under `secret`. */
export function signWebhook(message: WebhookMessage, secret: string): string {
  const digest = createHmac('sha256', secretKey(secret))
    .update(`${message.id}.${message.timestamp}.${message.body}`)
    .digest('base64');
  return `v1,${digest}`;
}

export interface WebhookVerification {
  readonly headers: {
    readonly 'webhook-id'?: string;
    readonly 'webhook-timestamp'?: string;
    readonly 'webhook-signature'?: string;
  };
  readonly body: string;
  readonly secret: string;
  /** Unix seconds now (a parameter so tests need no clock). */
  readonly nowSeconds: number;
  /** How far the timestamp may be from now: older messages are replays. Default 300 s. */
  readonly toleranceSeconds?: number;
}

/**
 * Why a delivery does not verify, or null when it does: the three headers are present, the
 * timestamp is within tolerance (replay protection) and one `v1` signature matches (compared in
 * constant time).
 */
export function webhookVerificationProblem(input: WebhookVerification): string | null {
  const id = input.headers['webhook-id'];
  const timestampHeader = input.headers['webhook-timestamp'];
  const signatures = input.headers['webhook-signature'];
  if (!id || !timestampHeader || !signatures) return 'missing webhook headers';
  if (!/^[0-9]+$/.test(timestampHeader)) return 'webhook-timestamp is not unix seconds';
  const timestamp = Number(timestampHeader);
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(input.nowSeconds - timestamp) > tolerance)
    return 'webhook-timestamp out of tolerance';
  const expected = Buffer.from(
    signWebhook({ id, timestamp, body: input.body }, input.secret).slice('v1,'.length),
    'base64',
  );
  const matches = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || signature === undefined) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'no matching v1 signature';
}
