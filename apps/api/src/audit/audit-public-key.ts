import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolveLedgerSigningKey, type Environment } from '@ledger/runtime';

/**
 * Injection token for the Ed25519 PUBLIC key checkpoints verify with. The api holds only the
 * public half (derived from LEDGER_SIGNING_KEY or the key in DATA_DIR, as the checkpointer
 * resolves it), so nothing on the read path can sign.
 */
export const AUDIT_PUBLIC_KEY = Symbol('AuditPublicKey');

export function publicHalf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

/**
 * The key resolved exactly as the checkpointer resolves it (LEDGER_SIGNING_KEY, else DATA_DIR's
 * file), only its public half kept. Provided once (AuditProofsModule exports it): the proofs,
 * the verifier and the evidence export all use the same key.
 */
export const auditPublicKeyProvider: Provider = {
  provide: AUDIT_PUBLIC_KEY,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Environment, true>) =>
    publicHalf(
      resolveLedgerSigningKey(
        config.get('DATA_DIR', { infer: true }),
        config.get('LEDGER_SIGNING_KEY', { infer: true }),
      ).key,
    ),
};
