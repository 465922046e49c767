import { PassThrough } from 'node:stream';
import {
  UnavailableError,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import {
  batchOf,
  iteratorOf,
  proposed,
  rejectionOf,
  take,
  within,
} from '../contract/contract-fixtures';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import { verifyChain } from '../hash-chain';
import { KurrentDbEventStore, type KurrentDbClient } from './kurrentdb.event-store';
import { FakeKurrentDb } from './kurrentdb.fake-client.spec-fixtures';

function open(options: { idempotencyWindow?: number } = {}) {
  const fake = new FakeKurrentDb();
  // The fake implements the methods the store calls with the client's parameter and result
  // types, but not the client's generic signatures (it only ever yields JSON events).
  const store = new KurrentDbEventStore(fake as unknown as KurrentDbClient, {
    ...options,
    clock: () => new Date('2026-02-03T04:05:06.789Z'),
  });
  return { fake, store };
}

describe('KurrentDbEventStore over a stand-in client (logic only, not KurrentDB)', () => {
  it('appends with the exact head as streamState and reads the envelope back', async () => {
    const { fake, store } = open();
    const first = await store.append('order-1', batchOf('A', 2), 'no-stream');
    const second = await store.append('order-1', batchOf('B', 1), 1);

    expect(first.events.map((e) => [e.revision, e.recordedAt])).toEqual([
      [0, '2026-02-03T04:05:06.789Z'],
      [1, '2026-02-03T04:05:06.789Z'],
    ]);
    expect(second).toMatchObject({ nextExpectedRevision: 2, position: second.events[0]!.position });
    expect(second.events[0]!.prevHash).toBe(first.events[1]!.hash);
    expect(await store.readStream('order-1')).toEqual([...first.events, ...second.events]);
    expect(verifyChain(await store.readStream('order-1')).ok).toBe(true);
    expect(fake.appendCalls).toEqual(['order-1', 'order-1']);
  });

  it('fails an exact expectation with the revision really there', async () => {
    const { store } = open();
    await store.append('order-1', batchOf('A', 3), 'no-stream');
    const error = await rejectionOf(store.append('order-1', batchOf('B', 1), 1));
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ expected: 1, actual: 2 });
  });

  it('loses the race for the head: exact expectation fails, `any` re-seals on the new head', async () => {
    const { fake, store } = open();
    await store.append('order-1', batchOf('A', 1), 'no-stream');
    fake.beforeNextAppend = async () => {
      await store.append('order-1', batchOf('Sneaked', 1), 'any');
    };
    const exact = await rejectionOf(store.append('order-1', batchOf('B', 1), 0));
    expect(exact).toMatchObject({ name: 'WrongExpectedRevisionError', expected: 0 });

    const before = (await store.readStream('order-1')).length;
    fake.beforeNextAppend = async () => {
      await store.append('order-1', batchOf('Sneaked', 1), 'any');
    };
    const any = await store.append('order-1', batchOf('C', 1), 'any');
    expect(any.events[0]!.revision).toBe(before + 1);
    expect(verifyChain(await store.readStream('order-1')).ok).toBe(true);
  });

  it('returns the original result for a retried batch, from the tail or from the expected revision', async () => {
    const { fake, store } = open({ idempotencyWindow: 2 });
    const events = batchOf('Once', 2);
    const first = await store.append('order-1', events, 'no-stream');
    expect(await store.append('order-1', events, 'no-stream')).toEqual(first);

    await store.append('order-1', batchOf('Later', 5), 1);
    const calls = fake.appendCalls.length;
    // Beyond the 2-event window, found where the retry's own expectation says it went.
    expect(await store.append('order-1', events, 'no-stream')).toEqual(first);
    expect(fake.appendCalls).toHaveLength(calls);
    expect(await store.readStream('order-1')).toHaveLength(7);
  });

  it('refuses a partial reuse of ids as DuplicateEventIdError, writing nothing', async () => {
    const { store } = open();
    const [a, b, c] = batchOf('Once', 3);
    await store.append('order-1', [a!, b!], 'no-stream');

    for (const batch of [[a!], [b!, c!], [a!, b!, c!], [proposed('New'), a!]]) {
      const error = await rejectionOf(store.append('order-1', batch, 'any'));
      expect(error).toBeInstanceOf(DuplicateEventIdError);
    }
    expect(await store.readStream('order-1')).toHaveLength(2);
  });

  it('returns what KurrentDB deduplicated when an identical batch landed first', async () => {
    const { fake, store } = open();
    await store.append('order-1', batchOf('A', 1), 'no-stream');
    const events = batchOf('Twice', 2);
    let theirs: Awaited<ReturnType<typeof store.append>> | undefined;
    fake.beforeNextAppend = async () => {
      theirs = await store.append('order-1', events, 0);
    };

    const ours = await store.append('order-1', events, 0);
    expect(theirs).toBeDefined();
    expect(ours).toEqual(theirs);
    expect(await store.readStream('order-1')).toHaveLength(3);
  });

  it('pages $all exclusively after a position, skipping system events and applying both filters', async () => {
    const { fake, store } = open();
    fake.writeSystemEvent();
    const before = await store.headPosition();
    const appended = [];
    for (let n = 0; n < 6; n += 1) {
      fake.writeSystemEvent();
      const streamId = n % 2 === 0 ? `keep-${n}` : `drop-${n}`;
      const type = n % 3 === 0 ? 'T1' : 'T2';
      appended.push(...(await store.append(streamId, [proposed(type, { n })], 'any')).events);
    }
    fake.writeSystemEvent();

    const pages = [];
    for (let after = before; ;) {
      const page = await store.readAll({
        after,
        maxCount: 2,
        filter: { streamCategories: ['keep'] },
      });
      if (page.length === 0) break;
      pages.push(page.map((event) => event.data.n));
      after = page[page.length - 1]!.position;
    }
    expect(pages).toEqual([[0, 2], [4]]);
    const both = await store.readAll({
      after: before,
      maxCount: 1,
      filter: { eventTypes: ['T2'], streamCategories: ['keep'] },
    });
    expect(both.map((event) => event.data.n)).toEqual([2]);
    expect(await store.readAll({ after: before, maxCount: 100 })).toEqual(appended);
    expect(await store.headPosition()).toBe(appended[appended.length - 1]!.position);
  });

  it('answers an empty batch with the head after checking the expectation, writing nothing', async () => {
    const { fake, store } = open();
    expect(await store.append('order-1', [], 'no-stream')).toEqual({
      nextExpectedRevision: -1,
      position: 0,
      events: [],
    });
    const written = await store.append('order-1', batchOf('A', 2), 'no-stream');
    expect(await store.append('order-1', [], 1)).toEqual({
      nextExpectedRevision: 1,
      position: written.position,
      events: [],
    });
    await expect(store.append('order-1', [], 0)).rejects.toMatchObject({ actual: 1 });
    expect(fake.appendCalls).toEqual(['order-1']);
  });

  it('delivers catch-up then live events, and close() ends a pending next()', async () => {
    const { fake, store } = open();
    const history = await store.append('sub-1', batchOf('Past', 4), 'no-stream');
    fake.writeSystemEvent();
    const subscription = store.subscribeToAll({
      after: history.events[1]!.position,
      filter: { streamCategories: ['sub'] },
    });
    const iterator = iteratorOf(subscription);
    expect(await take(iterator, 2, 1_000)).toEqual(history.events.slice(2));

    const live = await store.append('sub-2', batchOf('Live', 1), 'no-stream');
    expect(await take(iterator, 1, 1_000)).toEqual(live.events);

    const pending = iterator.next();
    expect(await within(pending, 50)).toBe('timeout');
    await subscription.close();
    expect(await within(pending, 1_000)).toEqual({ done: true, value: undefined });
    await store.close();
    expect(fake.disposed).toBe(true);
  });

  it('refuses what KurrentDB cannot store faithfully before writing', async () => {
    const { fake, store } = open();
    await expect(store.append('order-1', [proposed('A', {}, 'not-a-uuid')], 'any')).rejects.toThrow(
      TypeError,
    );
    await expect(store.append('$system', batchOf('A', 1), 'any')).rejects.toThrow(TypeError);
    await expect(store.append('', batchOf('A', 1), 'any')).rejects.toThrow(TypeError);
    await expect(store.append('order-1', batchOf('A', 1), -1)).rejects.toThrow(RangeError);
    await expect(store.append('order-1', batchOf('A', 1), 1.5)).rejects.toThrow(RangeError);
    const [event] = batchOf('A', 1);
    await expect(store.append('order-1', [event!, event!], 'any')).rejects.toThrow(
      DuplicateEventIdError,
    );
    fake.writeRaw('foreign-1', 'NotOurs');
    await expect(store.readStream('foreign-1')).rejects.toThrow(/not a delivery-ledger envelope/);
    expect(fake.appendCalls).toEqual([]);
  });

  // Issue 13, item 2.
  it('returns the original result for a retry whose first event left the tail (append metadata)', async () => {
    const { fake, store } = open({ idempotencyWindow: 4 });
    const long = batchOf('Long', 10);
    const first = await store.append('order-1', long, 'no-stream');
    const calls = fake.appendCalls.length;
    expect(await store.append('order-1', long, 'any')).toEqual(first);
    const short = batchOf('Short', 2);
    const second = await store.append('order-1', short, 'any');
    await store.append('order-1', batchOf('After', 3), 'any');
    expect(await store.append('order-1', short, 'any')).toEqual(second);
    expect(fake.appendCalls).toHaveLength(calls + 2);
  });

  // Issue 13, items 4 and 5.
  it('after a conflict, trusts the head KurrentDB reported over a stale read, and reads from the leader', async () => {
    const { fake, store } = open();
    await store.append('order-1', batchOf('A', 1), 'no-stream');
    const leaderReads: boolean[] = [];
    const readStream = fake.readStream.bind(fake);
    let staleReads = 0;
    fake.readStream = (name: string, options: ReadStreamOptions = {}) => {
      leaderReads.push(options.requiresLeader === true);
      // A lagging read: the first backwards read after the conflict does not show the new head.
      if (staleReads > 0 && options.direction === 'backwards') {
        staleReads -= 1;
        return readStream(name, { ...options, fromRevision: 0n });
      }
      return readStream(name, options);
    };
    fake.beforeNextAppend = async () => {
      await store.append('order-1', batchOf('Sneaked', 1), 'any');
      staleReads = 1;
    };
    const result = await store.append('order-1', batchOf('B', 1), 'any');
    expect(result.events[0]!.revision).toBe(2);
    expect(verifyChain(await store.readStream('order-1')).ok).toBe(true);
    expect(leaderReads.slice(0, 6).every(Boolean)).toBe(true);
  });

  // The client boundary (issue 13, items 1 and 3): a KurrentDB restart or leader change ends the
  // client's subscription with an `error` event (its docs leave resubscribing to the caller);
  // our subscription must throw it, and an end without close() must throw too, so the engine
  // and the reactor resubscribe from their checkpoints. Unit test at the client boundary: the
  // stand-in's Readable emits the client's own error type; it is NOT a KurrentDB server.
  it.each(['error', 'end'] as const)(
    'client boundary: a subscription that gets %s from the client throws from next()',
    async (how) => {
      const { store } = open();
      await store.append('sub-1', batchOf('Past', 1), 'no-stream');
      const captured: PassThrough[] = [];
      const { fake: other, store: watched } = open();
      const original = other.subscribeToAll.bind(other);
      other.subscribeToAll = (options?: SubscribeToAllOptions) => {
        const subscription = original(options);
        captured.push(subscription as unknown as PassThrough);
        return subscription;
      };
      await watched.append('sub-1', batchOf('Past', 1), 'no-stream');
      const iterator = iteratorOf(watched.subscribeToAll());
      expect(await take(iterator, 1, 1_000)).toHaveLength(1);
      const source = captured[0]!;
      if (how === 'error') {
        source.destroy(new UnavailableError(undefined));
      } else {
        source.end();
      }
      const error = await rejectionOf(iterator.next());
      expect(error).toBeInstanceOf(Error);
      if (how === 'error') expect(error).toBeInstanceOf(UnavailableError);
      else expect(String(error)).toMatch(/ended without close/);
      await store.close();
      await watched.close();
    },
  );
});
