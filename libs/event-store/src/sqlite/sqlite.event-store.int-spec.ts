import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  batchOf,
  delay,
  iteratorOf,
  proposed,
  rejectionOf,
  take,
} from '../contract/contract-fixtures';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import { verifyChain } from '../hash-chain';
import { SCHEMA_VERSION } from './sqlite.schema';
import { SqliteEventStore } from './sqlite.event-store';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('sqlite (file in a temp dir)', async () => {
  const store = await SqliteEventStore.open({ path: join(tempDir(), 'events.sqlite') });
  return { store, dispose: () => store.close() };
});

describe('SqliteEventStore (SQLite specifics)', () => {
  let path: string;
  let store: SqliteEventStore;
  const others: SqliteEventStore[] = [];

  beforeEach(async () => {
    // A folder that does not exist yet: open() creates it.
    path = join(tempDir(), 'nested', 'ledger', 'events.sqlite');
    store = await SqliteEventStore.open({ path });
  });
  afterEach(async () => {
    await Promise.all([store, ...others.splice(0)].map((opened) => opened.close()));
  });
  const openAnother = async (options: { pollIntervalMs?: number } = {}) => {
    const another = await SqliteEventStore.open({ path, ...options });
    others.push(another);
    return another;
  };

  it('creates a WAL database at the current schema version', () => {
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      raw.close();
    }
  });

  it('works in memory too', async () => {
    const memory = await SqliteEventStore.open({ path: ':memory:' });
    others.push(memory);
    await memory.append('mem-1', batchOf('A', 2), 'no-stream');
    expect(await memory.headPosition()).toBe(2);
    await expect(memory.ping()).resolves.toBeUndefined();
  });

  it('stamps recordedAt with the injected clock', async () => {
    const clocked = await SqliteEventStore.open({
      path: ':memory:',
      clock: () => '2030-05-06T07:08:09.010Z',
    });
    others.push(clocked);
    const { events } = await clocked.append('clock-1', batchOf('A', 2), 'no-stream');
    expect(events.map((event) => event.recordedAt)).toEqual([
      '2030-05-06T07:08:09.010Z',
      '2030-05-06T07:08:09.010Z',
    ]);
  });

  it('keeps events, positions and the chain across close and reopen', async () => {
    const first = await store.append('order-1', batchOf('A', 3), 'no-stream');
    await store.append('order-2', batchOf('B', 2), 'no-stream');
    const head = await store.headPosition();
    const before = await store.readStream('order-1');
    await store.close();

    store = await SqliteEventStore.open({ path });
    expect(await store.readStream('order-1')).toEqual(before);
    expect(before).toEqual(first.events);
    expect(await store.headPosition()).toBe(head);

    const next = await store.append('order-1', batchOf('A', 1, 3), 2);
    expect(next.events[0]).toMatchObject({
      revision: 3,
      position: head + 1,
      prevHash: before[2]?.hash,
    });
    expect(verifyChain(await store.readStream('order-1'))).toMatchObject({ ok: true, verified: 4 });
    await expect(store.append('order-1', batchOf('A', 1), 2)).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it('writes 64 concurrent appends in fewer than 64 transactions', async () => {
    const before = store.stats();
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, n) =>
        store.append(`group-${n}`, batchOf('G', 2), 'no-stream'),
      ),
    );
    const after = store.stats();

    expect(after.transactions - before.transactions).toBeLessThan(64);
    expect(after.appends - before.appends).toBe(64);
    expect(after.events - before.events).toBe(128);
    expect(
      await store.readAll({ maxCount: 1_000, filter: { streamCategories: ['group'] } }),
    ).toEqual(results.flatMap((result) => result.events));
  });

  it('rejects only the failing requests of a group; the rest commit, in order', async () => {
    await store.append('mixed-1', batchOf('A', 1), 'no-stream');
    const [taken] = batchOf('Taken', 1);
    await store.append('mixed-2', [taken!], 'no-stream');
    const before = store.stats();

    const outcomes = await Promise.allSettled([
      store.append('mixed-1', batchOf('Ok', 1), 0),
      store.append('mixed-1', batchOf('Stale', 1), 0),
      store.append('mixed-3', [taken!], 'no-stream'),
      // Sees the first request's event: the head is revision 1 by now.
      store.append('mixed-1', batchOf('SeesTheFirst', 1), 1),
      store.append('mixed-4', [proposed('NotJson', { amount: Number.NaN })], 'no-stream'),
      store.append('mixed-4', batchOf('Ok', 1), 'no-stream'),
    ]);

    expect(store.stats().transactions - before.transactions).toBe(1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const reasons = outcomes.map((outcome) =>
      outcome.status === 'rejected' ? (outcome.reason as unknown) : undefined,
    );
    expect(reasons[1]).toBeInstanceOf(WrongExpectedRevisionError);
    expect(reasons[1]).toMatchObject({ expected: 0, actual: 1 });
    expect(reasons[2]).toBeInstanceOf(DuplicateEventIdError);
    expect(reasons[4]).toBeInstanceOf(TypeError);
    expect((await store.readStream('mixed-1')).map((event) => event.type)).toEqual([
      'A',
      'Ok',
      'SeesTheFirst',
    ]);
    expect(await store.readStream('mixed-3')).toEqual([]);
    expect((await store.readStream('mixed-4')).map((event) => event.type)).toEqual(['Ok']);
    expect(verifyChain(await store.readStream('mixed-1')).ok).toBe(true);
  });

  it('a batch whose last id is stored already writes none of its events, in a group that commits', async () => {
    const [taken] = batchOf('Taken', 1);
    await store.append('partial-1', [taken!], 'no-stream');
    const before = await store.headPosition();

    const [reusing, alongside] = await Promise.allSettled([
      // Two new events are inserted before the stored id fails: both must be rolled back.
      store.append('partial-2', [...batchOf('New', 2), taken!], 'no-stream'),
      store.append('partial-3', batchOf('Ok', 2), 'no-stream'),
    ]);

    expect(reusing).toMatchObject({ status: 'rejected' });
    expect(reusing.status === 'rejected' && reusing.reason).toBeInstanceOf(DuplicateEventIdError);
    expect(alongside).toMatchObject({ status: 'fulfilled' });
    expect(await store.readStream('partial-2')).toEqual([]);
    expect((await store.readStream('partial-3')).map((event) => event.revision)).toEqual([0, 1]);
    expect(await store.headPosition()).toBe(before + 2);
  });

  it('a batch alone in its transaction whose last id is stored writes nothing and uses no position', async () => {
    const [taken] = batchOf('Taken', 1);
    await store.append('alone-1', [taken!], 'no-stream');
    const before = await store.headPosition();
    const transactions = store.stats().transactions;

    // Two new events are inserted before the stored id fails: its own transaction rolls back.
    const reusing = await rejectionOf(
      store.append('alone-2', [...batchOf('New', 2), taken!], 'no-stream'),
    );

    expect(store.stats().transactions - transactions).toBe(1);
    expect(reusing).toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream('alone-2')).toEqual([]);
    expect(await store.headPosition()).toBe(before);
    const next = await store.append('alone-2', batchOf('Next', 2), 'no-stream');
    expect(next.events.map((event) => event.position)).toEqual([before + 1, before + 2]);
    // …and a retry of a lone batch that did succeed is still answered with its first result.
    expect(await store.append('alone-2', next.events, 'no-stream')).toEqual(next);
  });

  it('a long batch alone in its transaction, written 100 rows per statement, answers the positions it stored', async () => {
    await store.append('chunked-0', batchOf('Before', 3), 'no-stream');
    const before = await store.headPosition();

    // 250 events: two statements of 100 rows, then 50 rows one statement each.
    const result = await store.append('chunked-1', batchOf('Chunked', 250), 'no-stream');

    const stored = await store.readStream('chunked-1');
    expect(result.events).toEqual(stored);
    expect(stored.map((event) => event.position)).toEqual(
      Array.from({ length: 250 }, (_, index) => before + 1 + index),
    );
    expect(verifyChain(stored)).toMatchObject({ ok: true, verified: 250 });
    expect(await store.append('chunked-1', result.events, 'no-stream')).toEqual(result);
  });

  it('a long batch alone in its transaction whose stored id is in its second statement writes nothing and uses no position', async () => {
    const [taken] = batchOf('Taken', 1);
    await store.append('chunk-taken-1', [taken!], 'no-stream');
    const before = await store.headPosition();
    const events = batchOf('New', 250);
    // The first statement's 100 rows are in when the second one meets the stored id.
    events[150] = taken!;

    const reusing = await rejectionOf(store.append('chunk-taken-2', events, 'no-stream'));

    expect(reusing).toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream('chunk-taken-2')).toEqual([]);
    expect(await store.headPosition()).toBe(before);
    const next = await store.append('chunk-taken-2', batchOf('Next', 200), 'no-stream');
    expect(next.events.map((event) => event.position)).toEqual(
      Array.from({ length: 200 }, (_, index) => before + 1 + index),
    );
  });

  it('a long batch alone in its transaction stores its stream, category and recording time in every row', async () => {
    const result = await store.append('shared-1', batchOf('Shared', 250), 'no-stream');

    const raw = new Database(path, { readonly: true });
    try {
      // Bound once per 100-row statement (named parameters), they must reach every row.
      const rows = raw
        .prepare(
          'SELECT stream_id, category, recorded_at, count(*) AS rows FROM events GROUP BY 1, 2, 3',
        )
        .all();
      expect(rows).toEqual([
        {
          stream_id: 'shared-1',
          category: 'shared',
          recorded_at: result.events[0]!.recordedAt,
          rows: 250,
        },
      ]);
    } finally {
      raw.close();
    }
  });

  it('a batch that repeats an id is a DuplicateEventIdError, alone or in a group, and writes nothing', async () => {
    const before = await store.headPosition();
    // 250 events alone in their transaction: the repeat is in the second 100-row statement.
    const long = batchOf('Repeats', 250);
    long[180] = { ...long[180]!, id: long[7]!.id };

    const alone = await rejectionOf(store.append('repeats-1', long, 'no-stream'));

    expect(alone).toBeInstanceOf(DuplicateEventIdError);
    expect(alone).toMatchObject({ eventId: long[7]!.id });
    const [event] = batchOf('Twice', 1);
    const [repeating, alongside] = await Promise.allSettled([
      store.append('repeats-2', [event!, ...batchOf('Between', 2), event!], 'no-stream'),
      store.append('repeats-3', batchOf('Ok', 2), 'no-stream'),
    ]);
    expect(repeating.status === 'rejected' && repeating.reason).toBeInstanceOf(
      DuplicateEventIdError,
    );
    expect(alongside).toMatchObject({ status: 'fulfilled' });
    expect(await store.readStream('repeats-1')).toEqual([]);
    expect(await store.readStream('repeats-2')).toEqual([]);
    expect(await store.headPosition()).toBe(before + 2);
    // The repeat is named before any other fault of the request (here a stale expectation and
    // then a reserved type), as when it was checked before the request was written.
    await expect(store.append('repeats-3', [event!, event!], 'no-stream')).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
    const reserved = { ...event!, type: '$reserved' };
    await expect(store.append('repeats-4', [reserved, reserved], 'any')).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
  });

  it('answers a retry whose expectation went stale with the first result, inside a busy group', async () => {
    const events = batchOf('Once', 1);
    const first = await store.append('stale-retry-1', events, 'no-stream');
    await store.append('stale-retry-1', batchOf('Later', 1), 0);

    const [retry, conflict] = await Promise.allSettled([
      store.append('stale-retry-1', events, 'no-stream'),
      store.append('stale-retry-1', batchOf('Stale', 1), 'no-stream'),
    ]);

    expect(retry).toEqual({ status: 'fulfilled', value: first });
    expect(conflict.status === 'rejected' && conflict.reason).toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await store.readStream('stale-retry-1')).toHaveLength(2);
  });

  it('answers two identical concurrent appends with one write and the same result', async () => {
    const events = batchOf('Twice', 2);
    const [first, second] = await Promise.all([
      store.append('twice-1', events, 'no-stream'),
      store.append('twice-1', events, 'no-stream'),
    ]);
    expect(second).toEqual(first);
    expect(await store.readStream('twice-1')).toHaveLength(2);
  });

  it('an empty batch checks the expectation and returns the head without writing', async () => {
    const head = await store.headPosition();
    expect(await store.append('empty-1', [], 'no-stream')).toEqual({
      nextExpectedRevision: -1,
      position: 0,
      events: [],
    });
    await expect(store.append('empty-1', [], 'stream-exists')).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    const written = await store.append('empty-1', batchOf('A', 2), 'no-stream');
    expect(await store.append('empty-1', [], 1)).toEqual({
      nextExpectedRevision: 1,
      position: written.position,
      events: [],
    });
    await expect(store.append('empty-1', [], 0)).rejects.toMatchObject({ actual: 1 });
    expect(await store.headPosition()).toBe(head + 2);
  });

  it('refuses malformed calls before writing anything', async () => {
    const [event] = batchOf('A', 1);
    await expect(store.append('bad-1', [event!, event!], 'any')).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
    await expect(store.append('bad-1', batchOf('A', 1), -1)).rejects.toBeInstanceOf(RangeError);
    await expect(store.append('bad-1', batchOf('A', 1), 1.5)).rejects.toBeInstanceOf(RangeError);
    await expect(store.append('', batchOf('A', 1), 'any')).rejects.toBeInstanceOf(TypeError);
    await expect(store.readAll({ maxCount: -1 })).rejects.toBeInstanceOf(RangeError);
    expect(await store.headPosition()).toBe(0);
  });

  it('lets verifyChain find an edited row and a removed row at the right revision', async () => {
    await store.append('audit-1', batchOf('A', 5), 'no-stream');
    await store.append('audit-2', batchOf('B', 5), 'no-stream');
    const raw = new Database(path);
    try {
      raw
        .prepare("UPDATE events SET data = ? WHERE stream_id = 'audit-1' AND revision = 2")
        .run(JSON.stringify({ n: 2000 }));
      raw.prepare("DELETE FROM events WHERE stream_id = 'audit-2' AND revision = 3").run();
    } finally {
      raw.close();
    }

    const edited = verifyChain(await store.readStream('audit-1'));
    expect(edited).toMatchObject({ ok: false, brokenAt: 2, verified: 2 });
    const removed = verifyChain(await store.readStream('audit-2'));
    expect(removed).toMatchObject({ ok: false, brokenAt: 4, verified: 3 });
  });

  it('delivers to a subscription what another store instance writes to the same file', async () => {
    const reader = await openAnother({ pollIntervalMs: 20 });
    const subscription = reader.subscribeToAll({ filter: { streamCategories: ['remote'] } });
    const iterator = iteratorOf(subscription);
    const pending = take(iterator, 6, 5_000);

    await store.append('remote-1', batchOf('A', 3), 'no-stream');
    await delay(50);
    await store.append('remote-2', batchOf('B', 3), 'no-stream');

    const received = await pending;
    expect(reader.stats().transactions).toBe(0);
    expect(received).toEqual(
      await store.readAll({ maxCount: 100, filter: { streamCategories: ['remote'] } }),
    );
    await subscription.close();
  });

  it('next() calls made together hand out each event once, in order, over pages and the live tail', async () => {
    const small = await SqliteEventStore.open({ path: ':memory:', subscriptionBatchSize: 2 });
    others.push(small);
    await small.append('burst-1', batchOf('A', 3), 'no-stream');
    const iterator = iteratorOf(small.subscribeToAll());
    // Seven calls at once: some are answered from the page in hand, the rest queue behind reads.
    const burst = Array.from({ length: 7 }, () => iterator.next());
    await small.append('burst-2', batchOf('B', 4), 'no-stream');
    const steps = await Promise.all(burst);
    // And one by one after it, now that pages are in hand.
    await small.append('burst-3', batchOf('C', 3), 'no-stream');
    for (let index = 0; index < 3; index += 1) steps.push(await iterator.next());
    expect(steps.map((step) => (step.done ? undefined : step.value.position))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it('close() writes what was queued, refuses later appends and ends subscriptions', async () => {
    const subscription = store.subscribeToAll({ filter: { streamCategories: ['nothing'] } });
    const waiting = iteratorOf(subscription).next();
    const queued = store.append('closing-1', batchOf('A', 2), 'no-stream');

    await store.close();

    await expect(queued).resolves.toMatchObject({ nextExpectedRevision: 1 });
    expect(await waiting).toEqual({ done: true, value: undefined });
    const error = await rejectionOf(store.append('closing-1', batchOf('A', 1), 'any'));
    expect(String(error)).toMatch(/closed/);
    await expect(store.ping()).rejects.toThrow();

    store = await SqliteEventStore.open({ path });
    expect(await store.readStream('closing-1')).toHaveLength(2);
  });
});
