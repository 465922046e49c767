import { describeEventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb.event-store';
import { serverSource, useKurrentDbServer } from './kurrentdb.spec-fixtures';

/**
 * The shared contract suite against a real KurrentDB. The server comes from KURRENTDB_URL when it
 * is set (e.g. `kurrentdb://localhost:2113?tls=false`), else from a throw-away container when a
 * Docker engine answers; with neither, the suite is reported as skipped, loudly, never as passed.
 * The server-restart case is kurrentdb.restart.int-spec.ts.
 */
const source = serverSource();

if (source.kind === 'none') {
  // Straight to stderr: Jest drops console output of a file whose tests are all skipped when it
  // runs several files, and this line must be seen.
  process.stderr.write(
    `\n[kurrentdb contract] SKIPPED: ${source.reason}; the KurrentDB adapter was NOT exercised.\n` +
      '[kurrentdb contract] Set KURRENTDB_URL=kurrentdb://host:2113?tls=false, or run where Docker answers.\n\n',
  );
  describe.skip(`KurrentDbEventStore contract SKIPPED (${source.reason})`, () => {
    describeEventStoreContract('kurrentdb (not run)', () =>
      Promise.reject(new Error(source.reason)),
    );
  });
} else {
  const where = source.kind === 'url' ? `KURRENTDB_URL` : `container ${source.image}`;

  describe(`KurrentDbEventStore against ${where}`, () => {
    const connectionString = useKurrentDbServer(source);

    // One server for every store the suite opens; each store is its own client connection.
    describeEventStoreContract(
      `kurrentdb (${where})`,
      async () => {
        const store = KurrentDbEventStore.connect(connectionString());
        await store.ping();
        return { store, dispose: () => store.close() };
      },
      // KurrentDB deduplicates ids per stream position only (see StoreCapabilities).
      { uniqueEventIdsAcrossStreams: false },
    );
  });
}
