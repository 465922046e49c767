import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchOf } from '../contract/contract-fixtures';
import { KurrentDbEventStore, type KurrentDbClient } from '../kurrentdb/kurrentdb.event-store';
import { FakeKurrentDb } from '../kurrentdb/kurrentdb.fake-client.spec-fixtures';
import { logHashSource, type LogHash, type LogHashSubscription } from '../log-hashes';
import { EventSchemas, upcasting } from '../upcasting';
import { SqliteEventStore } from './sqlite.event-store';

/** The first `count` hashes of a subscription, failing after 10 s rather than hanging. */
async function takeHashes(subscription: LogHashSubscription, count: number): Promise<LogHash[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const taken: LogHash[] = [];
  const deadline = Date.now() + 10_000;
  while (taken.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${taken.length} of ${count} hashes came`);
    const step = await iterator.next();
    if (step.done) break;
    taken.push(step.value);
  }
  return taken;
}

/** The checkpoint writer's feed on SQLite: $all as (position, hash), from the hash column. */
describe('SqliteEventStore.subscribeToLogHashes', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-log-hashes-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out exactly the stored (position, hash) of every event, catch-up then live', async () => {
    await store.append('order-1', batchOf('A', 3), 'no-stream');
    await store.append('order-2', batchOf('B', 2), 'no-stream');
    const subscription = store.subscribeToLogHashes();
    const caughtUp = await takeHashes(subscription, 5);
    // Appended after the subscription caught up: the live part.
    await store.append('order-1', batchOf('C', 2), 2);
    const live = await takeHashes(subscription, 2);
    await subscription.close();
    const all = await store.readAll({ maxCount: 100 });
    expect([...caughtUp, ...live]).toEqual(all.map(({ position, hash }) => ({ position, hash })));
  });

  it('readLogHashes: at most maxCount (position, hash) strictly after a position, in one read', async () => {
    await store.append('order-1', batchOf('A', 4), 'no-stream');
    await store.append('order-2', batchOf('B', 3), 'no-stream');
    const all = (await store.readAll({ maxCount: 100 })).map(({ position, hash }) => ({
      position,
      hash,
    }));
    expect(await store.readLogHashes(2, 3)).toEqual(all.slice(2, 5));
    expect(await store.readLogHashes(5, 10)).toEqual(all.slice(5));
    expect(await store.readLogHashes(7, 10)).toEqual([]);
  });

  it('starts strictly after the position it is given, and ends when closed', async () => {
    const { events } = await store.append('order-1', batchOf('A', 4), 'no-stream');
    const subscription = store.subscribeToLogHashes({ after: events[1]!.position });
    const rest = await takeHashes(subscription, 2);
    expect(rest.map((entry) => entry.position)).toEqual([events[2]!.position, events[3]!.position]);
    const pending = subscription[Symbol.asyncIterator]().next();
    await subscription.close();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  /** The store's page reader, to count its queries. */
  function hashReads(): jest.SpyInstance {
    const { reader } = store as unknown as { reader: { readAllHashes: () => unknown } };
    return jest.spyOn(reader, 'readAllHashes');
  }

  it('with gatherMs (the checkpoint writer): once caught up, lets the commits of gatherMs gather and reads them in one query', async () => {
    const reads = hashReads();
    const subscription = store.subscribeToLogHashes({ gatherMs: 1000 });
    const taking = takeHashes(subscription, 6);
    // Caught up on the empty log (one read), it waits for a commit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toHaveBeenCalledTimes(1);
    for (const stream of ['order-1', 'order-2', 'order-3'])
      await store.append(stream, batchOf('A', 2), 'no-stream');
    const taken = await taking;
    await subscription.close();
    // Three group commits, one read after the gathering: every event once, in order.
    expect(reads).toHaveBeenCalledTimes(2);
    const all = await store.readAll({ maxCount: 100 });
    expect(taken).toEqual(all.map(({ position, hash }) => ({ position, hash })));
  });

  it('with gatherMs: ends at once when closed while gathering', async () => {
    const subscription = store.subscribeToLogHashes({ gatherMs: 60_000 });
    const pending = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append('order-1', batchOf('A', 1), 'no-stream');
    await subscription.close();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  it('is found under the upcasting decorator, and absent on an adapter without a hash column', () => {
    expect(logHashSource(upcasting(store, new EventSchemas({})))).toBeDefined();
    const kurrent = new KurrentDbEventStore(new FakeKurrentDb() as unknown as KurrentDbClient);
    expect(logHashSource(kurrent)).toBeUndefined();
  });
});
