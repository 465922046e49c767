import { hkdfSync, randomBytes } from 'node:crypto';
import { readOrCreateDataDirKeyFile } from '../config/data-dir-key-file';

export interface WebhookSecretKey {
  /** The AES-256-GCM key the subscriptions' secrets are sealed with (32 bytes). */
  readonly key: Buffer;
  /** Where it came from, for the start-up message. */
  readonly source: 'WEBHOOK_SECRET_KEY' | 'created' | 'data-dir';
  readonly path?: string;
}

export const WEBHOOK_SECRET_KEY_FILE_NAME = 'webhook-secret-key';

/**
 * The key material (the variable or the file) goes through HKDF-SHA256 with this purpose, so the
 * same string reused elsewhere would still give an unrelated key here.
 */
const KEY_PURPOSE = 'delivery-ledger webhook secrets at rest v1';

const deriveKey = (material: string): Buffer =>
  Buffer.from(hkdfSync('sha256', Buffer.from(material, 'utf8'), Buffer.alloc(0), KEY_PURPOSE, 32));

/**
 * The key webhook secrets are encrypted with at rest: WEBHOOK_SECRET_KEY when set (at least 32
 * characters; every process that creates or signs webhooks must share it); otherwise (the
 * embedded default, where the api and the writer share DATA_DIR) random material kept in
 * DATA_DIR, created owner-only on first start like the token secret, so secrets sealed before a
 * restart still open. Losing it loses the secrets (subscribe anew), never the log.
 */
export function resolveWebhookSecretKey(
  dataDir: string,
  fromEnvironment?: string,
): WebhookSecretKey {
  if (fromEnvironment) return { key: deriveKey(fromEnvironment), source: 'WEBHOOK_SECRET_KEY' };
  const file = readOrCreateDataDirKeyFile(
    dataDir,
    WEBHOOK_SECRET_KEY_FILE_NAME,
    () => `${randomBytes(32).toString('base64url')}\n`,
  );
  return {
    key: deriveKey(file.content.trim()),
    source: file.created ? 'created' : 'data-dir',
    path: file.path,
  };
}
