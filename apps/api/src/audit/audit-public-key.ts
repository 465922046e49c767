import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Injection token for the Ed25519 PUBLIC key checkpoints verify with. The api holds only the
 * public half (derived from LEDGER_SIGNING_KEY or the key in DATA_DIR, as the checkpointer
 * resolves it), so nothing on the read path can sign.
 */
export const AUDIT_PUBLIC_KEY = Symbol('AuditPublicKey');

export function publicHalf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}
