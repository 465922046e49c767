import { setTimeout as sleep } from 'node:timers/promises';
import type { SqliteEventStore } from '@ledger/event-store';
import type { SqliteReadStore } from '@ledger/read-store';
import { KurrentDbPublicEventsWriter } from './kurrentdb-public-events-writer';
import { publicEventsWriterFor } from './public-events-writer-for';
import { openTemporaryStores, type TemporaryStores } from './public-events.spec-fixtures';

/**
 * Which process wiring starts the `public-events` writer (ProjectorModule's provider is this
 * function). With no KurrentDB server here, the started writer is shown to be running against
 * the configured URL by what it reports: it waits for that server, and says why.
 */
describe('publicEventsWriterFor (the writer process selects the public-events writer)', () => {
  let stores: TemporaryStores;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;

  beforeEach(async () => {
    stores = await openTemporaryStores('ledger-public-events-for-');
    ({ events: eventStore, reads: readStore } = stores);
  });
  afterEach(() => stores.close());

  it('none on the embedded SQLite log: there is no server to write to', () => {
    expect(publicEventsWriterFor({ EVENT_STORE: 'sqlite' }, { eventStore, readStore })).toBeNull();
  });

  it('one on KurrentDB, which once started works against KURRENTDB_URL (waiting while it is away)', async () => {
    const waits: string[] = [];
    const writer = publicEventsWriterFor(
      // Nothing listens on port 1: the writer must report that it waits for this server.
      { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false' },
      { eventStore, readStore },
      { retry: { initialMs: 50, maxMs: 200 }, onRetry: ({ reason }) => waits.push(reason) },
    );
    expect(writer).toBeInstanceOf(KurrentDbPublicEventsWriter);
    writer!.start();
    try {
      expect(writer!.running).toBe(true);
      for (let attempt = 0; attempt < 300 && waits.length === 0; attempt += 1) await sleep(50);
      expect(waits.length).toBeGreaterThan(0);
      expect(writer!.degraded?.attempts).toBeGreaterThanOrEqual(1);
    } finally {
      await writer!.close();
    }
    expect(writer!.running).toBe(false);
  });

  it('refuses KurrentDB without a URL', () => {
    expect(() =>
      publicEventsWriterFor({ EVENT_STORE: 'kurrentdb' }, { eventStore, readStore }),
    ).toThrow(/KURRENTDB_URL/);
  });
});
