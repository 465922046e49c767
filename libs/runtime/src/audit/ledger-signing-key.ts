import type { KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyPem, parseSigningKey } from '@ledger/audit';

export interface LedgerSigningKey {
  /** Ed25519 private key the checkpointer signs with; its public half verifies. */
  readonly key: KeyObject;
  /** Where it came from, for the start-up message. */
  readonly source: 'LEDGER_SIGNING_KEY' | 'created' | 'data-dir';
  readonly path?: string;
}

export const SIGNING_KEY_FILE_NAME = 'ledger-signing-key.pem';

/**
 * The checkpoints' Ed25519 key: LEDGER_SIGNING_KEY (PKCS#8 PEM, `\n` escapes allowed) when set;
 * otherwise (the embedded default on a bare machine) one kept in DATA_DIR, created owner-only on
 * first start, like the token secret, so checkpoints signed before a restart still verify.
 */
export function resolveLedgerSigningKey(
  dataDir: string,
  fromEnvironment?: string,
): LedgerSigningKey {
  if (fromEnvironment)
    return { key: parseSigningKey(fromEnvironment), source: 'LEDGER_SIGNING_KEY' };
  const path = join(dataDir, SIGNING_KEY_FILE_NAME);
  try {
    return { key: parseSigningKey(readFileSync(path, 'utf8')), source: 'data-dir', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const pem = generateSigningKeyPem();
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    return { key: parseSigningKey(pem), source: 'created', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: parseSigningKey(readFileSync(path, 'utf8')), source: 'data-dir', path };
  }
}
