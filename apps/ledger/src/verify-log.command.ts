import { readFileSync } from 'node:fs';
import {
  LogVerifier,
  parsePublicKey,
  type LogVerification,
  type StreamVerification,
} from '@ledger/audit';
import {
  openCheckpointStore,
  openEventStore,
  resolveLedgerSigningKey,
  validateEnvironment,
} from '@ledger/runtime';
import { createPublicKey } from 'node:crypto';
import { ProgressBar } from './progress-bar';

/**
 * `ledger verify --offline [--stream <id>]`: no service runs; verifies the log the environment
 * names (EVENT_STORE, DATA_DIR, …) in this process with @ledger/audit's LogVerifier: every
 * chain, the tree and every checkpoint signature (whole log), or one stream's chain. The key is
 * --public-key, else the public half of the key the checkpointer signs with.
 */
export async function verifyLogOffline(options: {
  readonly stream?: string;
  readonly publicKeyFile?: string;
}): Promise<LogVerification | StreamVerification> {
  const env = validateEnvironment(process.env);
  const eventStore = await openEventStore(env);
  const checkpoints = await openCheckpointStore(env);
  try {
    const publicKey = options.publicKeyFile
      ? parsePublicKey(readFileSync(options.publicKeyFile, 'utf8'))
      : createPublicKey(resolveLedgerSigningKey(env.DATA_DIR, env.LEDGER_SIGNING_KEY).key);
    const verifier = new LogVerifier({
      eventStore,
      checkpoints,
      publicKey,
      densePositions: env.EVENT_STORE === 'sqlite',
    });
    if (options.stream) return await verifier.verifyStream(options.stream);
    const bar = new ProgressBar(process.stderr, 'positions');
    let last = { done: 0, total: 0, label: 'verifying' };
    const result = await verifier.verifyLog(({ position, headPosition }) => {
      last = { done: position, total: headPosition, label: 'verifying' };
      bar.update(last);
    });
    bar.done({ ...last, label: 'verified' });
    return result;
  } finally {
    await Promise.all([eventStore.close(), checkpoints?.close()]);
  }
}
