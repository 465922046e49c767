import type { KeyObject } from 'node:crypto';
import { generateSigningKeyPem, parseSigningKey } from '@ledger/audit';
import { readOrCreateDataDirKeyFile } from '../config/data-dir-key-file';

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
  const file = readOrCreateDataDirKeyFile(dataDir, SIGNING_KEY_FILE_NAME, generateSigningKeyPem);
  return {
    key: parseSigningKey(file.content),
    source: file.created ? 'created' : 'data-dir',
    path: file.path,
  };
}
