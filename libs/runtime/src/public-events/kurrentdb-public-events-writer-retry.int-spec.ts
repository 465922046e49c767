import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { SqliteEventStore } from '@ledger/event-store';
import type { SqliteReadStore } from '@ledger/read-store';
import {
  KurrentDbPublicEventsWriter,
  PUBLIC_EVENTS_CHECKPOINT,
} from './kurrentdb-public-events-writer';
import {
  createPrograms,
  openTemporaryStores,
  type TemporaryStores,
} from './public-events.spec-fixtures';

/**
 * A batch whose append failed is retried as it was (the consumer re-hands it after an outage):
 * the writer must not trip over its own mapper, which has seen those events already. The server
 * is absent (nothing listens on port 1), so every append fails as in an outage.
 */
describe('KurrentDbPublicEventsWriter retries a failed batch (SQLite log, no KurrentDB server)', () => {
  let stores: TemporaryStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;

  beforeEach(async () => {
    stores = await openTemporaryStores('ledger-public-events-retry-');
    ({ events, reads } = stores);
  });
  afterEach(() => stores.close());

  it('fails each attempt with the server’s error, and moves no checkpoint', async () => {
    await createPrograms(events, ['pg1']);
    const writer = new KurrentDbPublicEventsWriter({
      eventStore: events,
      client: KurrentDBClient.connectionString('kurrentdb://127.0.0.1:1?tls=false'),
      checkpoints: reads,
    });
    const batch = await events.readAll({ maxCount: 10 });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const failure = await writer.handle(batch, batch[batch.length - 1]!.position).then(
          () => null,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        expect(failure).not.toBeNull();
        expect(failure).not.toMatch(/log order/);
        expect(writer.checkpoint()).toBe(0);
      }
      expect(await reads.getCheckpoint(PUBLIC_EVENTS_CHECKPOINT)).toBeNull();
    } finally {
      await writer.close();
    }
  });
});

describe('KurrentDbPublicEventsWriter writes only where the event store does not read the log', () => {
  it('refuses a stream name the KurrentDB event store would read back as log events', async () => {
    const { events, reads, close } = await openTemporaryStores('ledger-public-events-name-');
    const client = KurrentDBClient.connectionString('kurrentdb://127.0.0.1:1?tls=false');
    const writerOn = (stream: string) =>
      new KurrentDbPublicEventsWriter({ eventStore: events, client, checkpoints: reads, stream });
    try {
      expect(() => writerOn('public-events-bi')).toThrow(
        /must be public-events or a name under it/,
      );
      expect(() => writerOn('integration')).toThrow(TypeError);
      expect(() => writerOn('public-events.bi')).not.toThrow();
    } finally {
      await client.dispose();
      await close();
    }
  });
});
