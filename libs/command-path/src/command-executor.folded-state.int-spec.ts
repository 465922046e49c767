import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programAggregate } from '@ledger/domain';
import {
  SqliteEventStore,
  upcasting,
  type EventStore,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@ledger/event-store';
import { EVENT_SCHEMAS } from './event-schemas';
import { CommandExecutor } from './command-executor';
import {
  assignProgramManager,
  closeProgram,
  commandContext,
  createProgram,
  programCreatedV1,
} from './program.spec-fixtures';

/** The store as the executor sees it, counting the events each stream read hands back. */
class CountingStore {
  readonly reads: { streamId: string; fromRevision: number; events: number }[] = [];

  constructor(readonly inner: EventStore) {}

  asStore(): EventStore {
    const inner = this.inner;
    const reads = this.reads;
    return new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'readStream') {
          return async (
            streamId: string,
            options?: ReadStreamOptions,
          ): Promise<RecordedEvent[]> => {
            const events = await target.readStream(streamId, options);
            reads.push({
              streamId,
              fromRevision: options?.fromRevision ?? 0,
              events: events.length,
            });
            return events;
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = Reflect.apply(value, target, args);
          return result;
        };
      },
    });
  }

  eventsRead(): number {
    return this.reads.reduce((sum, read) => sum + read.events, 0);
  }
}

describe('CommandExecutor folded-state cache on the real SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-folded-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads only the events after the cached revision on the next command', async () => {
    const counting = new CountingStore(upcasting(store, EVENT_SCHEMAS));
    const executor = new CommandExecutor(counting.asStore());
    await executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    for (let i = 0; i < 30; i += 1) {
      await executor.execute(
        programAggregate,
        'program-p1',
        assignProgramManager(`m${i}`),
        commandContext(),
      );
    }
    counting.reads.length = 0;
    const outcome = await executor.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('last'),
      commandContext(),
    );
    expect(outcome.revision).toBe(31);
    // One read, from just past the head the cache held, answering nothing new.
    expect(counting.reads).toEqual([{ streamId: 'program-p1', fromRevision: 31, events: 0 }]);
  });

  it('re-reads the whole stream on every command when the cache is off (size 0)', async () => {
    const counting = new CountingStore(upcasting(store, EVENT_SCHEMAS));
    const executor = new CommandExecutor(counting.asStore(), { foldedStateCacheSize: 0 });
    await executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    await executor.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('a'),
      commandContext(),
    );
    counting.reads.length = 0;
    await executor.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('b'),
      commandContext(),
    );
    expect(counting.eventsRead()).toBe(2);
    expect(executor.cachedStreams).toBe(0);
  });

  it('a command after another process appended decides on their events, not on the cached fold', async () => {
    // Two executors on one store stand for two API processes: each has its own cache.
    const mine = new CommandExecutor(upcasting(store, EVENT_SCHEMAS));
    const theirs = new CommandExecutor(upcasting(store, EVENT_SCHEMAS));
    await mine.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    await mine.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('bob'),
      commandContext(),
    );
    expect((await mine.load(programAggregate, 'program-p1')).state).toMatchObject({
      status: 'active',
    });

    await theirs.execute(programAggregate, 'program-p1', closeProgram(), commandContext());

    // My cache still holds the program active at revision 1; the command must see it closed.
    await expect(
      mine.execute(programAggregate, 'program-p1', assignProgramManager('carol'), commandContext()),
    ).rejects.toMatchObject({ code: 'program-closed' });
    expect((await mine.load(programAggregate, 'program-p1')).state).toMatchObject({
      status: 'closed',
    });
    expect(await store.readStream('program-p1')).toHaveLength(3);
  });

  it('concurrent commands on one stream from two processes lose nothing and fold what is stored', async () => {
    // Twelve commands each way on one stream conflict a lot: attempts enough that none gives up.
    const first = new CommandExecutor(upcasting(store, EVENT_SCHEMAS), { maxAttempts: 50 });
    const second = new CommandExecutor(upcasting(store, EVENT_SCHEMAS), { maxAttempts: 50 });
    await first.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    // Warm both caches at revision 0, so every command below starts from a fold that may be stale.
    await second.load(programAggregate, 'program-p1');
    const managers = Array.from({ length: 24 }, (_, i) => `m${i}`);
    const outcomes = await Promise.all(
      managers.map((manager, i) =>
        (i % 2 === 0 ? first : second).execute(
          programAggregate,
          'program-p1',
          assignProgramManager(manager),
          commandContext(),
        ),
      ),
    );
    expect(outcomes.map((o) => o.revision).sort((a, b) => a - b)).toEqual(
      managers.map((_, i) => i + 1),
    );
    const stream = await store.readStream('program-p1');
    expect(stream).toHaveLength(25);
    const lastManager = stream[stream.length - 1]!.data['managerId'];
    // Each process's cached fold, brought up to date, equals a fold of the whole stream.
    const fresh = new CommandExecutor(upcasting(store, EVENT_SCHEMAS), { foldedStateCacheSize: 0 });
    const truth = await fresh.load(programAggregate, 'program-p1');
    expect(truth.state).toMatchObject({ managerId: lastManager });
    expect(await first.load(programAggregate, 'program-p1')).toEqual(truth);
    expect(await second.load(programAggregate, 'program-p1')).toEqual(truth);
  });

  it('keeps at most the configured number of streams, and evicted streams still decide correctly', async () => {
    const executor = new CommandExecutor(upcasting(store, EVENT_SCHEMAS), {
      foldedStateCacheSize: 2,
    });
    for (let i = 0; i < 5; i += 1) {
      await executor.execute(
        programAggregate,
        `program-p${i}`,
        createProgram(`p${i}`),
        commandContext(),
      );
      expect(executor.cachedStreams).toBeLessThanOrEqual(2);
    }
    expect(executor.cachedStreams).toBe(2);
    // program-p0 was evicted long ago: creating it again is still refused, from a full re-read.
    await expect(
      executor.execute(programAggregate, 'program-p0', createProgram('p0'), commandContext()),
    ).rejects.toMatchObject({ code: 'program-already-exists' });
    expect(executor.cachedStreams).toBe(2);
  });

  it('upcasts the events read after the cached revision (an old writer appended v1)', async () => {
    const executor = new CommandExecutor(upcasting(store, EVENT_SCHEMAS));
    // Cache the stream as absent, then an older build creates it with a v1 event.
    expect((await executor.load(programAggregate, 'program-old')).revision).toBe(-1);
    await store.append(
      'program-old',
      [programCreatedV1('7b1e9b5f-4d2c-4d9f-8a68-1e3c8f2a1b22')],
      'no-stream',
    );
    const { state, revision } = await executor.load(programAggregate, 'program-old');
    expect(revision).toBe(0);
    expect(state).toMatchObject({ status: 'active', programId: 'old', managerId: null });
  });

  it('an Idempotency-Key replays after the cache moved on, and a fresh key reads no whole stream', async () => {
    const counting = new CountingStore(upcasting(store, EVENT_SCHEMAS));
    const executor = new CommandExecutor(counting.asStore());
    const keyed = (key: string) => commandContext({ idempotency: { key, requestHash: 'h1' } });
    await executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    const first = await executor.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('bob'),
      keyed('k-1'),
    );
    await executor.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('carol'),
      commandContext(),
    );

    counting.reads.length = 0;
    await executor.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('dave'),
      keyed('k-2'),
    );
    expect(counting.reads.every((read) => read.fromRevision > 0)).toBe(true);

    const again = await executor.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('bob'),
      keyed('k-1'),
    );
    expect(again).toMatchObject({
      replayed: true,
      revision: first.revision,
      position: first.position,
    });
    expect(await store.readStream('program-p1')).toHaveLength(4);
  });

  it('a keyed command appended by another process is replayed, not appended twice', async () => {
    const mine = new CommandExecutor(upcasting(store, EVENT_SCHEMAS));
    const theirs = new CommandExecutor(upcasting(store, EVENT_SCHEMAS));
    const keyed = commandContext({ idempotency: { key: 'k-1', requestHash: 'h1' } });
    await mine.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    const original = await theirs.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('bob'),
      keyed,
    );
    const retried = await mine.execute(
      programAggregate,
      'program-p1',
      assignProgramManager('bob'),
      {
        ...keyed,
        commandId: 'cmd-retry',
      },
    );
    expect(retried).toMatchObject({ replayed: true, position: original.position });
    expect(await store.readStream('program-p1')).toHaveLength(2);
  });
});
