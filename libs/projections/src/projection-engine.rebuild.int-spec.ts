import { SqliteEventStore } from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';
import type { Projection } from './projection';
import { ProjectionEngine, type RebuildProgress } from './projection-engine';
import {
  allDocuments,
  projections,
  referenceFold,
  seed,
  streamStats,
  tempFile,
  type StreamStats,
} from './projection-engine.spec-fixtures';

/**
 * `ProjectionEngine.rebuild`: replay into a fresh collection, swap it in when caught up, while
 * the live read model keeps answering (issue 4, "Rebuild"). Real SQLite stores throughout.
 */
describe('ProjectionEngine.rebuild (real SQLite event store and embedded read store)', () => {
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  const engines: ProjectionEngine[] = [];

  const engine = (of: readonly Projection[] = projections): ProjectionEngine => {
    const created = new ProjectionEngine({
      eventStore: events,
      readStore: reads,
      projections: of,
      batchSize: 200,
    });
    engines.push(created);
    return created;
  };

  /** The projection as first shipped: it forgot to add `n` (the bug a rebuild repairs). */
  const buggyStreamStats: Projection<StreamStats> = {
    ...streamStats,
    apply: (document, event) => {
      const next = streamStats.apply(document, event);
      return next && { ...next, sum: 0 };
    },
  };

  beforeEach(async () => {
    events = await SqliteEventStore.open({ path: tempFile('events.sqlite'), pollIntervalMs: 20 });
    reads = await SqliteReadStore.open({ path: tempFile('read.sqlite') });
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((running) => running.stop()));
    await Promise.all([events.close(), reads.close()]);
  });

  it('offline: replays a read model written by buggy code into a fresh collection and swaps it in', async () => {
    const head = await seed(events, 2000);
    const old = engine([buggyStreamStats]);
    await old.replayToHead();
    const written = (await allDocuments(reads, 'stream_stats')) as StreamStats[];
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((document) => document.sum === 0)).toBe(true);

    const progress: RebuildProgress[] = [];
    const fixed = engine();
    const result = await fixed.rebuild('stream_stats', (step) => progress.push(step));

    const expected = await referenceFold(events, streamStats);
    expect(await allDocuments(reads, 'stream_stats')).toEqual(expected);
    expect(result).toMatchObject({
      readModel: 'stream_stats',
      position: head,
      documents: expected.length,
    });
    expect(await reads.getCheckpoint('stream_stats')).toBe(head);
    // The shadow collection is gone; the other read model was not touched.
    expect(await reads.count('stream_stats_rebuild')).toBe(0);
    expect(await reads.getCheckpoint('type_totals')).toBeNull();
    // Progress: starts at 0, never goes back, ends swapped at the head.
    expect(progress[0]).toMatchObject({ phase: 'replaying', position: 0 });
    for (let i = 1; i < progress.length; i += 1) {
      expect(progress[i]!.position).toBeGreaterThanOrEqual(progress[i - 1]!.position);
    }
    expect(progress.at(-1)).toMatchObject({ phase: 'swapped', position: head });
    expect(progress.some((step) => step.phase === 'replaying' && step.position > 0)).toBe(true);
  });

  it('live: queries keep answering during the rebuild and writers lose nothing', async () => {
    await seed(events, 3000);
    // Old documents (from the buggy code) are live and followed by a running engine.
    await engine([buggyStreamStats]).replayToHead();
    const running = engine();
    await running.start();
    await running.waitForPosition(await events.headPosition(), 10_000);

    let stop = false;
    const counts: number[] = [];
    const reader = (async () => {
      while (!stop) {
        counts.push(await reads.count('stream_stats'));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const writer = (async () => {
      for (let round = 0; round < 10; round += 1) await seed(events, 100, 100 + round);
    })();

    const result = await running.rebuild('stream_stats');
    await writer;
    const head = await events.headPosition();
    await running.waitForPosition(head, 10_000);
    stop = true;
    await reader;

    expect(running.state).toBe('live');
    expect(result.position).toBeGreaterThan(0);
    // Readers never saw the read model missing or empty.
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.min(...counts)).toBeGreaterThan(0);
    // Everything is what a clean fold of the whole log gives, the writes during the rebuild too.
    expect(await allDocuments(reads, 'stream_stats')).toEqual(
      await referenceFold(events, streamStats as Projection),
    );
    expect(running.positions()).toEqual({ stream_stats: head, type_totals: head });

    // The swapped-in collection keeps following the log.
    const later = await seed(events, 200, 999);
    await running.waitForPosition(later, 5000);
    expect(await allDocuments(reads, 'stream_stats')).toEqual(
      await referenceFold(events, streamStats as Projection),
    );
  });

  it('a read model with no documents after replay ends empty, not with stale documents', async () => {
    await reads.upsertMany('stream_stats', [{ _id: 'stale', position: 5, count: 1, sum: 1 }]);
    const result = await engine().rebuild('stream_stats');
    expect(result).toMatchObject({ position: 0, documents: 0 });
    expect(await reads.count('stream_stats')).toBe(0);
  });

  it('refuses an unknown read model and leaves the store alone', async () => {
    await expect(engine().rebuild('nope')).rejects.toThrow('unknown read model "nope"');
    expect(await reads.getCheckpoint('nope.rebuild')).toBeNull();
  });
});
