import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebhookSecret } from '@ledger/contracts';
import { SqliteReadStore, type ReadDocument } from '@ledger/read-store';
import { resolveWebhookSecretKey, WEBHOOK_SECRET_KEY_FILE_NAME } from './webhook-secret-key';
import { WEBHOOK_SECRETS_COLLECTION, WebhookSecrets } from './webhook-secrets';

/** Every byte of the store's files (the database, its WAL and shared memory), as one buffer. */
const storeBytes = (dir: string): Buffer =>
  Buffer.concat(
    readdirSync(dir)
      .filter((name) => name.startsWith('read.sqlite'))
      .map((name) => readFileSync(join(dir, name))),
  );

describe('WebhookSecrets: encrypted at rest (a real SQLite read store file)', () => {
  let dir: string;
  let reads: SqliteReadStore;
  const key = randomBytes(32);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-webhook-secrets-'));
    reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the secret is in none of the store’s files, and loads back with the key', async () => {
    const secret = generateWebhookSecret();
    const secrets = new WebhookSecrets(reads, key);
    await secrets.save('whs-1', secret);
    expect(await secrets.load('whs-1')).toBe(secret);
    await reads.close();
    const bytes = storeBytes(dir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(secret.slice('whsec_'.length))).toBe(false);
    reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    expect(await new WebhookSecrets(reads, key).load('whs-1')).toBe(secret);
  });

  it('does not open with another key, nor under another subscription id', async () => {
    const secrets = new WebhookSecrets(reads, key);
    await secrets.save('whs-1', generateWebhookSecret());
    await expect(new WebhookSecrets(reads, randomBytes(32)).load('whs-1')).rejects.toThrow(
      /does not open with this WEBHOOK_SECRET_KEY/,
    );
    const stored = await reads.get<ReadDocument & { sealed: string }>(
      WEBHOOK_SECRETS_COLLECTION,
      'whs-1',
    );
    await reads.upsertMany(WEBHOOK_SECRETS_COLLECTION, [{ ...stored!, _id: 'whs-2' }]);
    await expect(secrets.load('whs-2')).rejects.toThrow(/does not open/);
  });

  it('a secret stored in clear by an earlier version still loads, and is sealed in place', async () => {
    const legacy = generateWebhookSecret();
    const other = generateWebhookSecret();
    await reads.upsertMany(WEBHOOK_SECRETS_COLLECTION, [
      { _id: 'whs-old', position: 0, secret: legacy },
      { _id: 'whs-read', position: 0, secret: other },
    ]);
    const secrets = new WebhookSecrets(reads, key);
    expect(await secrets.load('whs-read')).toBe(other);
    expect(await secrets.sealPlaintext()).toBe(1);
    expect(await secrets.sealPlaintext()).toBe(0);
    for (const [id, secret] of [
      ['whs-old', legacy],
      ['whs-read', other],
    ] as const) {
      const stored = await reads.get<ReadDocument>(WEBHOOK_SECRETS_COLLECTION, id);
      expect(stored).not.toHaveProperty('secret');
      expect(stored).toHaveProperty('sealed');
      expect(await secrets.load(id)).toBe(secret);
    }
  });
});

describe('resolveWebhookSecretKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-webhook-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates one owner-only key file in DATA_DIR, and reads the same key back', () => {
    const created = resolveWebhookSecretKey(dir);
    expect(created.source).toBe('created');
    expect(statSync(join(dir, WEBHOOK_SECRET_KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    const again = resolveWebhookSecretKey(dir);
    expect(again.source).toBe('data-dir');
    expect(again.key.equals(created.key)).toBe(true);
    expect(created.key).toHaveLength(32);
  });

  it('WEBHOOK_SECRET_KEY wins, and gives the same key in every process', () => {
    const material = 'a'.repeat(40);
    const fromEnvironment = resolveWebhookSecretKey(dir, material);
    expect(fromEnvironment.source).toBe('WEBHOOK_SECRET_KEY');
    expect(resolveWebhookSecretKey(join(dir, 'elsewhere'), material).key).toEqual(
      fromEnvironment.key,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
