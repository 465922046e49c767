import { randomUUID } from 'node:crypto';
import { describeCheckpointStoreContract } from '../contract/checkpoint-store.contract';
import { CHECKPOINT_STREAM } from './kurrentdb.checkpoint-stream';
import { KurrentDbCheckpointStore } from './kurrentdb.checkpoint-store';
import { serverSource, useKurrentDbServer } from './kurrentdb.spec-fixtures';

/**
 * The checkpoint port's contract against a real KurrentDB (KURRENTDB_URL, else a throw-away
 * container when Docker answers); with neither it is reported as skipped, loudly, never as
 * passed. Each case keeps its checkpoints in a stream of its own under the reserved name.
 */
const source = serverSource();

if (source.kind === 'none') {
  process.stderr.write(
    `\n[kurrentdb checkpoints] SKIPPED: ${source.reason}; the KurrentDB checkpoint store was NOT exercised.\n` +
      '[kurrentdb checkpoints] Set KURRENTDB_URL=kurrentdb://host:2113?tls=false, or run where Docker answers.\n\n',
  );
  describe.skip(`KurrentDbCheckpointStore contract SKIPPED (${source.reason})`, () => {
    describeCheckpointStoreContract(
      'kurrentdb (not run)',
      () => Promise.reject(new Error(source.reason)),
      { keepsSmallerThanNewest: false },
    );
  });
} else {
  const where = source.kind === 'url' ? 'KURRENTDB_URL' : `container ${source.image}`;

  describe(`KurrentDbCheckpointStore against ${where}`, () => {
    const connectionString = useKurrentDbServer(source);

    describeCheckpointStoreContract(
      `kurrentdb (${where})`,
      () => {
        const stream = `${CHECKPOINT_STREAM}.${randomUUID()}`;
        const store = KurrentDbCheckpointStore.connect(connectionString(), { stream });
        return Promise.resolve({
          store,
          reopen: () =>
            Promise.resolve(KurrentDbCheckpointStore.connect(connectionString(), { stream })),
          dispose: () => store.close(),
        });
      },
      { keepsSmallerThanNewest: false },
    );
  });
}
