import { type EventStore, type RecordedEvent, SqliteEventStore } from '@ledger/event-store';
import { type ReadDocument, type ReadStore, SqliteReadStore } from '@ledger/read-store';
import type { Projection } from './projection';
import { ProjectionEngine, type ProjectionEngineOptions } from './projection-engine';
import {
  PositionWaitTimeoutError,
  ProjectionDerivationFailedError,
  ProjectionFailedError,
} from './projection.errors';
import {
  allDocuments,
  documentsOf,
  projections,
  proposed,
  referenceDocuments,
  referenceFold,
  seed,
  sqliteEngineSpec,
  streamStats,
  type StreamStats,
  typeTotals,
  type TypeTotals,
} from './projection-engine.spec-fixtures';

/** Wraps a projection so that it throws on its `n`th apply (the process dies mid-fold). */
function throwingAt(projection: Projection, n: number): Projection {
  let calls = 0;
  return {
    ...projection,
    apply: (document, event) => {
      calls += 1;
      if (calls === n) throw new Error(`killed on apply #${n}`);
      return projection.apply(document, event);
    },
  };
}

// ---- the suite ------------------------------------------------------------------------------

describe('ProjectionEngine (real SQLite event store and embedded read store)', () => {
  const { stores, openReadStore, engine } = sqliteEngineSpec();
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  beforeEach(() => {
    ({ events, reads } = stores());
  });

  /** A clean rebuild from position 0 into a fresh read store: the convergence target. */
  const cleanRebuild = async (): Promise<Record<string, ReadDocument[]>> => {
    const fresh = await openReadStore();
    const rebuild = engine({ readStore: fresh, batchSize: 1000 });
    await rebuild.start();
    await rebuild.waitForPosition(await events.headPosition(), 10_000);
    await rebuild.stop();
    return documentsOf(fresh);
  };
  it('catches up from 0 over a few thousand events, then follows live', async () => {
    const head = await seed(events, 3000);
    const running = engine();
    await running.start();
    await running.waitForPosition(head, 10_000);
    expect(running.positions()).toEqual({ stream_stats: head, type_totals: head });
    expect(running.position('stream_stats')).toBe(head);
    expect(running.position('not-a-read-model')).toBeUndefined();
    expect(await documentsOf(reads)).toEqual(await referenceDocuments(events));

    // Live: appends after catch-up reach the read models, in order, with no gap.
    const live = await seed(events, 300, 7);
    await running.waitForPosition(live, 5000);
    expect(running.state).toBe('live');
    expect(await documentsOf(reads)).toEqual(await referenceDocuments(events));
    expect(await reads.getCheckpoint('stream_stats')).toBe(live);
  });

  it('saves every projection checkpoint of a flush in one call, after the documents', async () => {
    const head = await seed(events, 300);
    const running = engine();
    await running.start();
    await running.waitForPosition(head, 5000);
    const one = jest.spyOn(reads, 'saveCheckpoint');
    const all = jest.spyOn(reads, 'saveCheckpoints');
    const documents = jest.spyOn(reads, 'upsertMany');
    const live = await seed(events, 1, 7);
    await running.waitForPosition(live, 5000);
    expect(one).not.toHaveBeenCalled();
    expect(all).toHaveBeenCalledTimes(1);
    expect(all).toHaveBeenCalledWith([
      { name: 'stream_stats', position: live },
      { name: 'type_totals', position: live },
    ]);
    expect(documents).toHaveBeenCalled();
    expect(all.mock.invocationCallOrder[0]).toBeGreaterThan(
      Math.max(...documents.mock.invocationCallOrder),
    );
    expect(await reads.getCheckpoint('type_totals')).toBe(live);
  });

  it('makes the store keep the JSON views a projection declares before it writes', async () => {
    const head = await seed(events, 300);
    const keeping = jest.spyOn(reads, 'ensureJsonView');
    const writes = jest.spyOn(reads, 'upsertMany');
    const viewed = { ...(streamStats as Projection), jsonViews: [['_id', 'position']] };
    const running = engine({ projections: [viewed] });
    await running.start();
    await running.waitForPosition(head, 5000);
    expect(keeping).toHaveBeenCalledWith('stream_stats', ['_id', 'position']);
    expect(writes).toHaveBeenCalled();
    expect(keeping.mock.invocationCallOrder[0]).toBeLessThan(writes.mock.invocationCallOrder[0]!);
    const documents = await allDocuments(reads, 'stream_stats');
    expect(await reads.findJson('stream_stats', undefined, undefined, ['_id', 'position'])).toEqual(
      documents.map(({ _id: _key, position: _position, ...rest }) => JSON.stringify(rest)),
    );
  });

  it('lets timers and I/O run between catch-up batches (a catching-up process still answers)', async () => {
    await seed(events, 3000);
    const catchingUp = engine();
    // Over a local store every read and write settles at once: without a yield between
    // batches the whole catch-up would run on microtasks and no timer could fire meanwhile.
    let turnsWhileCatchingUp = 0;
    let running = true;
    const count = (): void => {
      if (!running) return;
      if (catchingUp.state === 'catching-up') turnsWhileCatchingUp += 1;
      setImmediate(count);
    };
    setImmediate(count);
    await catchingUp.replayToHead();
    running = false;
    expect(turnsWhileCatchingUp).toBeGreaterThanOrEqual(10);
  });

  it('the same event delivered twice leaves the documents unchanged', async () => {
    const head = await seed(events, 1000);
    const first = engine();
    await first.start();
    await first.waitForPosition(head, 5000);
    await first.stop();
    const before = await documentsOf(reads);

    // Every event is delivered again (checkpoints back to 0): the position guard skips them.
    await reads.saveCheckpoint('stream_stats', 0);
    await reads.saveCheckpoint('type_totals', 0);
    const again = engine();
    await again.start();
    await again.waitForPosition(head, 5000);
    expect(await documentsOf(reads)).toEqual(before);
  });

  // 1: every catch-up page is written; 2: two pages are folded in memory, then written once.
  it.each([1, 2])(
    'writes the documents before the checkpoint (flushEveryPages %i)',
    async (flushEveryPages) => {
      const head = await seed(events, 1000 * flushEveryPages);
      const seen: { name: string; upTo: number; checkpoint: number | null; highest: number }[] = [];
      const running = engine({
        flushEveryPages,
        afterDocuments: async (name, upTo) => {
          const collection = name; // the test projections use their name as collection
          const documents = await allDocuments(reads, collection);
          seen.push({
            name,
            upTo,
            checkpoint: await reads.getCheckpoint(name),
            highest: Math.max(0, ...documents.map((document) => document.position)),
          });
        },
      });
      await running.start();
      await running.waitForPosition(head, 5000);
      expect(seen.length).toBeGreaterThanOrEqual(10);
      for (const step of seen) {
        // Documents up to the batch's end are already there; the checkpoint still is the old one.
        expect(step.checkpoint ?? 0).toBeLessThan(step.upTo);
        expect(step.highest).toBeLessThanOrEqual(step.upTo);
        expect(step.highest).toBeGreaterThan(step.checkpoint ?? 0);
      }
    },
  );

  type Kill =
    | 'between documents and checkpoint'
    | 'deleting projection, between documents and checkpoint'
    | 'projection throws mid-fold';
  const kills: readonly Kill[] = [
    'between documents and checkpoint',
    'deleting projection, between documents and checkpoint',
    // A torn upsertMany is a store error: the same engine resumes by itself
    // (projection-engine.resume.int-spec.ts); a process killed there is the cases above.
    'projection throws mid-fold',
  ];
  // flushEveryPages 1 writes every page; 3 folds three pages in memory per write, so a kill
  // also loses folded documents that were never written.
  it.each<[Kill, number]>(
    kills.flatMap((kill) => [[kill, 1] as [Kill, number], [kill, 3] as [Kill, number]]),
  )(
    'killed mid-batch (%s, flushEveryPages %i), a new engine resumes and converges to a clean rebuild',
    async (kill, flushEveryPages) => {
      const head = await seed(events, 3000);
      let killOptions: Partial<ProjectionEngineOptions>;
      // The kills hit type_totals (the second projection of each batch): its documents are never
      // deleted, so re-applying an event twice would show in the final comparison.
      if (kill === 'between documents and checkpoint') {
        killOptions = {
          afterDocuments: (name, upTo) => {
            if (name === 'type_totals' && upTo > head / 3)
              throw new Error('killed after documents');
          },
        };
      } else if (kill === 'deleting projection, between documents and checkpoint') {
        // stream_stats deletes on Closed: kill in the batch holding a Closed, so the resume
        // replays that stream's earlier events of the batch onto a deleted (null) document.
        const all = await events.readAll({ after: 0, maxCount: 10_000 });
        const closed = all.find((event) => event.type === 'Closed' && event.position > head / 3);
        if (!closed) throw new Error('the seed has no Closed event to kill at');
        killOptions = {
          afterDocuments: (name, upTo) => {
            if (name === 'stream_stats' && upTo >= closed.position) {
              throw new Error('killed after documents');
            }
          },
        };
      } else {
        killOptions = { projections: [projections[0]!, throwingAt(projections[1]!, 1500)] };
      }
      const killed = engine({ ...killOptions, flushEveryPages });
      await killed.start();
      const error = await killed.failed;
      expect(error.message).toMatch(/killed/);
      expect(killed.state).toBe('failed');

      const victim = kill.startsWith('deleting') ? 'stream_stats' : 'type_totals';
      const checkpoint = (await reads.getCheckpoint(victim)) ?? 0;
      expect(checkpoint).toBeGreaterThan(0);
      expect(checkpoint).toBeLessThan(head);
      if (kill !== 'projection throws mid-fold') {
        // The crash left documents ahead of their checkpoint: the resume must not re-count them.
        const ahead = (await allDocuments(reads, victim)).filter(
          (document) => document.position > checkpoint,
        );
        expect(ahead.length).toBeGreaterThan(0);
      }

      // A different batch size: the replayed batch reaches past the crashed one, so documents
      // it wrote get events both already applied (skipped by P5) and new ones.
      const resumed = engine({ batchSize: 350, flushEveryPages });
      await resumed.start();
      await resumed.waitForPosition(head, 10_000);
      const more = await seed(events, 200, 3);
      await resumed.waitForPosition(more, 5000);
      await resumed.stop();

      const rebuilt = await cleanRebuild();
      expect(await documentsOf(reads)).toEqual(rebuilt);
      expect(rebuilt.stream_stats).toEqual(await referenceFold(events, streamStats as Projection));
    },
  );

  it('moves checkpoints past events no projection handles, in catch-up and live', async () => {
    await seed(events, 500);
    const tail = await events.append('noise-1', [proposed('Noise'), proposed('Noise')], 'any');
    const running = engine();
    await running.start();
    await running.waitForPosition(tail.position, 5000);
    expect(running.positions()).toEqual({
      stream_stats: tail.position,
      type_totals: tail.position,
    });
    expect(await reads.getCheckpoint('type_totals')).toBe(tail.position);

    const live = await events.append('noise-2', [proposed('Noise')], 'any');
    await running.waitForPosition(live.position, 5000);
    expect(await reads.getCheckpoint('stream_stats')).toBe(live.position);
  });

  it('a throwing projection stops the engine and reports; nothing is skipped', async () => {
    const good = await seed(events, 400);
    const poison = await events.append('s-poison', [proposed('Tick', { poison: true })], 'any');
    await seed(events, 100, 5);
    const strict: Projection = {
      ...typeTotals,
      apply: (document, event) => {
        if (event.data['poison'] === true) throw new Error('cannot project poison');
        return typeTotals.apply(document as TypeTotals | null, event);
      },
    };
    const running = engine({ projections: [projections[0]!, strict] });
    await running.start();
    const waiting = running.waitForPosition(poison.position + 50, 5000);
    const error = await running.failed;
    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect(error).toMatchObject({
      projection: 'type_totals',
      eventPosition: poison.position,
      eventType: 'Tick',
    });
    expect(error.message).toMatch(/cannot project poison/);
    expect(running.state).toBe('failed');
    await expect(waiting).rejects.toBe(error);
    await expect(running.waitForPosition(good, 100)).rejects.toBe(error);

    // Nothing of the failing batch was written, for any projection: checkpoints stay below it.
    for (const name of ['stream_stats', 'type_totals']) {
      expect((await reads.getCheckpoint(name)) ?? 0).toBeLessThan(poison.position);
    }
    const totals = await allDocuments(reads, 'type_totals');
    expect(totals.every((document) => document.position < poison.position)).toBe(true);
    expect(await reads.get('stream_stats', 's-poison')).toBeNull();
  });

  it('stop() ends the loop; waiters are told, and a restart resumes from the checkpoint', async () => {
    const head = await seed(events, 600);
    const running = engine();
    await running.start();
    await running.waitForPosition(head, 5000);
    const waiting = running.waitForPosition(head + 1000, 5000);
    await running.stop();
    expect(running.state).toBe('stopped');
    await expect(waiting).rejects.toThrow(/stopped/);

    const later = await seed(events, 100, 9);
    const restarted = engine();
    await restarted.start();
    await restarted.waitForPosition(later, 5000);
    expect(await documentsOf(reads)).toEqual(await referenceDocuments(events));
  });

  it('catch-up holds touched documents across pages and writes each once per flush', async () => {
    const head = await seed(events, 3000);
    const writes: Record<string, number> = {};
    const counting: ReadStore = Object.assign(Object.create(reads) as ReadStore, {
      upsertMany: (collection: string, documents: readonly ReadDocument[]) => {
        writes[collection] = (writes[collection] ?? 0) + documents.length;
        return reads.upsertMany(collection, documents);
      },
    });
    const batches: { upTo: number; events: number }[] = [];
    // ~13 full pages of 200 handled events and a short last one: one flush, at the end.
    const running = engine({
      readStore: counting,
      flushEveryPages: 20,
      onBatch: (batch) => batches.push(batch),
    });
    await running.start();
    await running.waitForPosition(head, 10_000);
    const stats = await allDocuments(reads, 'stream_stats');
    const totals = await allDocuments(reads, 'type_totals');
    expect(stats).toEqual(await referenceFold(events, streamStats as Projection));
    // Every document once, although most were touched on many pages (closed streams deleted).
    expect(writes['type_totals']).toBe(totals.length);
    expect(writes['stream_stats']).toBeLessThanOrEqual(stats.length + 50);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.upTo).toBe(head);

    // Live batches are written at once (the subscription hands out whatever is there).
    const live = await seed(events, 20, 5);
    await running.waitForPosition(live, 5000);
    expect(await reads.getCheckpoint('type_totals')).toBe(live);
  });

  it("derives a projection's figures once per document written, as apply would per event", async () => {
    const head = await seed(events, 3000);
    interface StreamMean extends StreamStats {
      readonly mean: number;
    }
    const withMean = (document: StreamMean): StreamMean => ({
      ...document,
      mean: document.sum / document.count,
    });
    // The mean is carried stale by the fold and only computed by derive.
    const fold = (document: StreamMean | null, event: RecordedEvent): StreamMean | null => {
      const next = streamStats.apply(document, event);
      return next && { ...next, mean: document?.mean ?? 0 };
    };
    let derives = 0;
    const streamMeans: Projection<StreamMean> = {
      ...(streamStats as Projection as Projection<StreamMean>),
      name: 'stream_means',
      collection: 'stream_means',
      apply: (document, event) => {
        const next = fold(document, event);
        return next && withMean(next);
      },
      derived: {
        fold,
        derive: (document) => {
          derives += 1;
          return withMean(document);
        },
      },
    };
    let written = 0;
    const counting: ReadStore = Object.assign(Object.create(reads) as ReadStore, {
      upsertMany: (collection: string, documents: readonly ReadDocument[]) => {
        written += documents.length;
        return reads.upsertMany(collection, documents);
      },
    });
    // Pages of 200 events, held and written once at the end of the catch-up.
    const running = engine({ projections: [streamMeans], readStore: counting });
    await running.start();
    await running.waitForPosition(head, 10_000);
    const stored = await allDocuments(reads, 'stream_means');
    expect(stored).toEqual(await referenceFold(events, streamMeans as Projection));
    // One derive per document written (25 streams at most), not one per Tick (~2,500).
    expect(derives).toBeGreaterThan(0);
    expect(derives).toBe(written);
    expect(written).toBeLessThanOrEqual(25 + 50);

    // Live batches are derived as they are written.
    const live = await seed(events, 20, 5);
    await running.waitForPosition(live, 5000);
    expect(await allDocuments(reads, 'stream_means')).toEqual(
      await referenceFold(events, streamMeans as Projection),
    );
    expect(derives).toBe(written);
  });

  it('hands each event to a projection once, even when it lists the type twice', async () => {
    const head = await seed(events, 1000);
    // Leaves `position` to the engine, so only the engine's split can keep a second copy out.
    const listedTwice: Projection<TypeTotals> = {
      name: 'type_counts',
      collection: 'type_counts',
      handles: ['Tick', 'Closed', 'Tick'],
      documentId: (event) => event.type,
      apply: (document, event) => ({
        _id: event.type,
        position: document?.position ?? 0,
        events: (document?.events ?? 0) + 1,
      }),
    };
    const running = engine({ projections: [listedTwice] });
    await running.start();
    await running.waitForPosition(head, 10_000);
    expect(await allDocuments(reads, 'type_counts')).toEqual(
      await referenceFold(events, listedTwice as Projection),
    );
  });

  it('a derivation that throws stops the engine and writes nothing of that flush', async () => {
    await seed(events, 600);
    const failing: Projection = {
      ...(streamStats as Projection),
      derived: {
        fold: (document, event) => streamStats.apply(document as StreamStats | null, event),
        derive: () => {
          throw new Error('bad figures');
        },
      },
    };
    const running = engine({ projections: [failing, typeTotals] });
    await running.start();
    const error = await running.failed;
    expect(error).toBeInstanceOf(ProjectionDerivationFailedError);
    expect(error.message).toMatch(/stream_stats.*bad figures/);
    expect(running.state).toBe('failed');
    // Nothing of the failed flush: neither the failing read model nor the other one.
    expect(await allDocuments(reads, 'stream_stats')).toEqual([]);
    expect(await allDocuments(reads, 'type_totals')).toEqual([]);
    expect(await reads.getCheckpoint('type_totals')).toBeNull();
  });

  it('bounds what catch-up holds: a page reaching maxPendingDocuments is written', async () => {
    const head = await seed(events, 3000);
    const upTos: number[] = [];
    const running = engine({
      flushEveryPages: 100,
      maxPendingDocuments: 1,
      afterDocuments: (name, upTo) => {
        if (name === 'type_totals') upTos.push(upTo);
      },
    });
    await running.start();
    await running.waitForPosition(head, 10_000);
    // Every page holds more than one document, so every page (~13) is written, not only the last.
    expect(upTos.length).toBeGreaterThanOrEqual(10);
  });

  it('stop() during catch-up writes what was folded, and a restart goes on from there', async () => {
    const head = await seed(events, 3000);
    const held: number[] = [];
    const running = engine({
      flushEveryPages: 100,
      afterDocuments: (name, upTo) => {
        held.push(upTo);
      },
    });
    await running.start();
    // Let a few pages fold (each catch-up page waits a macrotask), then stop mid-catch-up.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    await running.stop();
    const checkpoint = (await reads.getCheckpoint('type_totals')) ?? 0;
    expect(held.length).toBeGreaterThan(0);
    expect(checkpoint).toBeGreaterThan(0);
    expect(checkpoint).toBeLessThan(head);

    const restarted = engine({ flushEveryPages: 100 });
    await restarted.start();
    await restarted.waitForPosition(head, 10_000);
    expect(await documentsOf(reads)).toEqual(await referenceDocuments(events));
  });

  it('waitForPosition times out with the position it reached', async () => {
    const head = await seed(events, 50);
    const running = engine();
    await running.start();
    await running.waitForPosition(head, 5000);
    await expect(running.waitForPosition(head + 10, 50)).rejects.toBeInstanceOf(
      PositionWaitTimeoutError,
    );
  });
});

describe('ProjectionEngine (definitions)', () => {
  it('refuses two projections with one name or one collection', () => {
    const stub = {} as EventStore;
    const readStub = {} as ReadStore;
    expect(
      () =>
        new ProjectionEngine({
          eventStore: stub,
          readStore: readStub,
          projections: [projections[0]!, { ...projections[1]!, name: 'stream_stats' }],
        }),
    ).toThrow(/named/);
    expect(
      () =>
        new ProjectionEngine({
          eventStore: stub,
          readStore: readStub,
          projections: [projections[0]!, { ...projections[1]!, collection: 'stream_stats' }],
        }),
    ).toThrow(/collection/);
  });
});
