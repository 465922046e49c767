import type { SqliteEventStore } from '@ledger/event-store';
import type { SqliteReadStore } from '@ledger/read-store';
import { seed, sqliteEngineSpec } from './projection-engine.spec-fixtures';

/**
 * A catch-up into collections the engine knows are empty (no checkpoint, no document) answers
 * their loads without the store until its first write; anything else is read from the store.
 */
describe('ProjectionEngine over empty collections (real SQLite stores)', () => {
  const { stores, engine, expectReferenceDocuments } = sqliteEngineSpec();
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  beforeEach(() => {
    ({ events, reads } = stores());
  });

  it('a fresh catch-up reads no document from the store before its first write', async () => {
    const head = await seed(events, 3000);
    const loads = jest.spyOn(reads, 'getMany');
    const running = engine();
    await running.start();
    await running.waitForPosition(head, 10_000);
    expect(loads).not.toHaveBeenCalled();
    await expectReferenceDocuments();
  });

  it('reads the store again once it has written (every page flushed)', async () => {
    const head = await seed(events, 3000);
    const loads = jest.spyOn(reads, 'getMany');
    const running = engine({ maxPendingDocuments: 1 });
    await running.start();
    await running.waitForPosition(head, 10_000);
    expect(loads).toHaveBeenCalled();
    await expectReferenceDocuments();
  });

  it('a collection holding documents but no checkpoint is read, not taken for empty', async () => {
    const head = await seed(events, 3000);
    // A crash between the documents of the first flush and its checkpoints.
    const crashed = engine({
      maxPendingDocuments: 1,
      afterDocuments: () => {
        throw new Error('crash before the checkpoints');
      },
    });
    await crashed.start();
    await crashed.failed;
    expect(await reads.getCheckpoint('stream_stats')).toBeNull();
    expect(await reads.count('stream_stats')).toBeGreaterThan(0);

    const loads = jest.spyOn(reads, 'getMany');
    const resumed = engine();
    await resumed.start();
    await resumed.waitForPosition(head, 10_000);
    expect(loads.mock.calls.some(([collection]) => collection === 'stream_stats')).toBe(true);
    await expectReferenceDocuments();
  });
});
