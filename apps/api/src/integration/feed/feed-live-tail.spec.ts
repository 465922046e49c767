import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteEventStore,
  type AllSubscription,
  type EventStore,
  type ProposedEvent,
  type SubscribeToAllOptions,
} from '@ledger/event-store';
import { sequenceOf } from '@ledger/contracts';
import type { Principal } from '@ledger/runtime';
import { FeedFilter } from './feed-filter';
import { FeedLiveTail, type TailBatching } from './feed-live-tail';
import type { TailBatch } from './feed-tail-batch';
import { FeedStream, type FeedEnd } from './feed-stream';
import { until } from '@ledger/testing';

const everything: Principal = { sub: 'erp', roles: ['integration'], programs: '*' };

/** The real SQLite store, counting the subscriptions it is asked for and those still open. */
class SubscriptionCountingStore {
  calls = 0;
  open = 0;

  constructor(readonly inner: SqliteEventStore) {}

  asEventStore(): EventStore {
    const inner = this.inner;
    return {
      append: (...args) => inner.append(...args),
      readStream: (...args) => inner.readStream(...args),
      readAll: (...args) => inner.readAll(...args),
      headPosition: () => inner.headPosition(),
      ping: () => inner.ping(),
      close: () => inner.close(),
      subscribeToAll: (options?: SubscribeToAllOptions) => this.subscribe(options),
    };
  }

  /** Makes every subscription opened so far fail at its next event, as a lost connection would. */
  breakOpenSubscriptions(): void {
    this.broken += 1;
  }

  private broken = 0;

  private subscribe(options?: SubscribeToAllOptions): AllSubscription {
    this.calls += 1;
    this.open += 1;
    const subscription = this.inner.subscribeToAll(options);
    const breaksAt = this.broken + 1;
    let closed = false;
    return {
      [Symbol.asyncIterator]: () => {
        const events = subscription[Symbol.asyncIterator]();
        return {
          next: async () => {
            const next = await events.next();
            if (this.broken >= breaksAt) throw new Error('connection to the event store lost');
            return next;
          },
        };
      },
      close: async () => {
        if (!closed) {
          closed = true;
          this.open -= 1;
        }
        await subscription.close();
      },
    };
  }
}

function programCreated(name = 'Program'): ProposedEvent {
  const programId = randomUUID();
  return {
    id: randomUUID(),
    type: 'ProgramCreated',
    schemaVersion: 2,
    data: {
      programId,
      name,
      customer: { id: 'cust-1', name: 'Nordic Telco' },
      managerId: null,
      createdBy: 'spec',
    },
    metadata: {
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'spec', roles: ['admin'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
    },
  };
}

/** Appends `count` program creations, `parallel` at a time (each its own stream). */
async function appendPrograms(
  store: SqliteEventStore,
  count: number,
  options: { readonly name?: string; readonly parallel?: number } = {},
): Promise<void> {
  const parallel = options.parallel ?? 1;
  for (let done = 0; done < count; done += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, count - done) }, () => {
        const event = programCreated(options.name);
        return store.append(
          `program-${(event.data as { programId: string }).programId}`,
          [event],
          'no-stream',
        );
      }),
    );
  }
}

/** A client of the test server: every SSE message frame it read, in order. */
interface FeedClient {
  readonly frames: string[];
  readonly response: IncomingMessage;
  ids(): string[];
  waitFor(count: number): Promise<void>;
  close(): void;
}

function openClient(port: number, after: number): Promise<FeedClient> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/?after=${after}` }, (response) => {
      const frames: string[] = [];
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end = pending.indexOf('\n\n');
        while (end >= 0) {
          const block = pending.slice(0, end + 2);
          pending = pending.slice(end + 2);
          if (block.startsWith('id: ')) frames.push(block);
          end = pending.indexOf('\n\n');
        }
      });
      resolve({
        frames,
        response,
        ids: () => frames.map((frame) => frame.slice(4, frame.indexOf('\n'))),
        waitFor: (count) =>
          until(() => frames.length >= count, `${count} frames (have ${frames.length})`, {
            timeoutMs: 60_000,
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const sequences = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => sequenceOf(from + i));

describe('FeedLiveTail (live SSE connections share one subscription of the real SQLite store)', () => {
  let dataDir: string;
  let sqlite: SqliteEventStore;
  let counting: SubscriptionCountingStore;
  let tail: FeedLiveTail;
  let server: Server;
  let port: number;
  let streams: Set<FeedStream>;
  let ends: FeedEnd[];
  const clients: FeedClient[] = [];

  async function start(
    capacity: number,
    stallTimeoutMs = 30_000,
    batching?: TailBatching,
  ): Promise<void> {
    const store = counting.asEventStore();
    tail = new FeedLiveTail(store, capacity, batching);
    server = createServer((req, res) => {
      const after = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? 0);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const stream = new FeedStream(
        store,
        res,
        {
          after,
          filter: FeedFilter.from(everything, undefined, undefined),
          follow: true,
          heartbeatMs: 60_000,
          stallTimeoutMs,
          retryMs: 3000,
        },
        tail,
      );
      streams.add(stream);
      void stream.run().then((end) => {
        ends.push(end);
        streams.delete(stream);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }

  async function connect(after: number): Promise<FeedClient> {
    const client = await openClient(port, after);
    clients.push(client);
    return client;
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-feed-tail-'));
    sqlite = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    counting = new SubscriptionCountingStore(sqlite);
    streams = new Set();
    ends = [];
  });

  afterEach(async () => {
    for (const stream of streams) stream.stop();
    await tail.stop();
    for (const client of clients.splice(0)) client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await until(() => streams.size === 0, 'the feeds to end', { timeoutMs: 60_000 });
    await sqlite.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts again after its subscription fails, with a fresh ring, when asked by the next connection at the head', async () => {
    await start(16);
    await appendPrograms(sqlite, 3);
    await tail.start();
    expect(tail.canJoin(3)).toBe(true);

    counting.breakOpenSubscriptions();
    await appendPrograms(sqlite, 1);
    await until(() => !tail.canJoin(3), 'the tail to end on the lost connection', {
      timeoutMs: 60_000,
    });

    await appendPrograms(sqlite, 2);
    await tail.start();
    // It follows again from the head it found (6), not from the entries before the failure.
    expect(tail.canJoin(3)).toBe(false);
    expect(tail.canJoin(6)).toBe(true);
    const delivered: number[] = [];
    expect(
      tail.join(
        {
          deliver: (batch) => delivered.push(...batch.entries.map((entry) => entry.position)) > 0,
          ended: () => {},
        },
        6,
      ),
    ).toBe('joined');
    await appendPrograms(sqlite, 2);
    await until(() => delivered.length === 2, 'the restarted tail to deliver', {
      timeoutMs: 60_000,
    });
    expect(delivered).toEqual([7, 8]);
  });

  /** A follower that records each batch it is handed, as positions. */
  function batchRecorder(): {
    batches: number[][];
    deliver(batch: TailBatch): boolean;
    ended(): void;
  } {
    const batches: number[][] = [];
    return {
      batches,
      deliver: (batch) => batches.push(batch.entries.map((entry) => entry.position)) > 0,
      ended: () => {},
    };
  }

  it('holds the entries that arrive within its window and hands them to each follower as one batch', async () => {
    // A window no spec outlasts: only the size bound (3) can hand the batch out.
    await start(16, 30_000, { windowMs: 3_600_000, maxEntries: 3 });
    await tail.start();
    const first = batchRecorder();
    const second = batchRecorder();
    expect(tail.join(first, 0)).toBe('joined');
    expect(tail.join(second, 0)).toBe('joined');

    await appendPrograms(sqlite, 2);
    await until(() => tail.heldCount === 2, 'the tail to read both events', { timeoutMs: 60_000 });
    expect(first.batches).toEqual([]);
    // Not in the ring either while held: a connection joining now gets them with the batch.
    expect(tail.canJoin(0)).toBe(true);

    await appendPrograms(sqlite, 1);
    await until(() => first.batches.length === 1, 'the full batch', { timeoutMs: 60_000 });
    expect(first.batches).toEqual([[1, 2, 3]]);
    expect(second.batches).toEqual([[1, 2, 3]]);
    expect(tail.heldCount).toBe(0);
  });

  it('hands a batch out once its window has passed, however short it is', async () => {
    await start(16, 30_000, { windowMs: 20, maxEntries: 64 });
    await tail.start();
    const follower = batchRecorder();
    expect(tail.join(follower, 0)).toBe('joined');
    await appendPrograms(sqlite, 1);
    await until(() => follower.batches.length === 1, 'the batch of one', { timeoutMs: 60_000 });
    expect(follower.batches).toEqual([[1]]);
  });

  it('gives two live clients the same frames while the store serves one live subscription', async () => {
    await appendPrograms(sqlite, 20);
    await start(64);
    const first = await connect(0);
    const second = await connect(0);
    await Promise.all([first.waitFor(20), second.waitFor(20)]);

    // The first live event moves both connections from their own catch-up onto the tail.
    await appendPrograms(sqlite, 1);
    await until(() => tail.followerCount === 2, 'both connections on the tail', {
      timeoutMs: 60_000,
    });
    expect(counting.open).toBe(1);
    const callsOnTail = counting.calls;

    await appendPrograms(sqlite, 50);
    await Promise.all([first.waitFor(71), second.waitFor(71)]);
    expect(first.ids()).toEqual(sequences(1, 71));
    expect(second.frames).toEqual(first.frames);
    // Fifty live events later: still the tail's one subscription, none opened per connection.
    expect(counting.calls).toBe(callsOnTail);
    expect(counting.open).toBe(1);
  }, 120_000);

  it('hands a catching-up connection over to the tail with no gap and no repeat while the log grows', async () => {
    await appendPrograms(sqlite, 300, { parallel: 10 });
    await start(16);
    await tail.start();
    const writing = appendPrograms(sqlite, 300);
    const client = await connect(0);
    await writing;
    await client.waitFor(600);
    expect(client.ids()).toEqual(sequences(1, 600));
    await until(() => tail.followerCount === 1, 'the connection on the tail', {
      timeoutMs: 60_000,
    });
    expect(counting.open).toBe(1);
    await appendPrograms(sqlite, 5);
    await client.waitFor(605);
    expect(client.ids()).toEqual(sequences(1, 605));
  }, 120_000);

  it('drops a client whose socket fills off the tail, then resumes it on its own subscription from its last position', async () => {
    await start(16);
    await tail.start();
    const slow = await connect(0);
    await appendPrograms(sqlite, 1);
    await slow.waitFor(1);
    await until(() => tail.followerCount === 1, 'the connection on the tail', {
      timeoutMs: 60_000,
    });
    const callsOnTail = counting.calls;

    // ~2 KB per frame, far more than the sockets buffer: the server's write() says full.
    slow.response.pause();
    const total = 4001;
    await appendPrograms(sqlite, total - 1, { name: 'n'.repeat(2000), parallel: 50 });
    await until(() => tail.followerCount === 0, 'the slow connection to leave the tail', {
      timeoutMs: 60_000,
    });
    expect(slow.frames.length).toBeLessThan(total);

    slow.response.resume();
    await slow.waitFor(total);
    expect(slow.ids()).toEqual(sequences(1, total));
    // The ring (16 positions) moved on while it waited: it caught up with a subscription of its own…
    expect(counting.calls).toBeGreaterThan(callsOnTail);
    // …and went back onto the tail once level with it.
    await appendPrograms(sqlite, 1);
    await slow.waitFor(total + 1);
    await until(() => tail.followerCount === 1, 'the connection back on the tail', {
      timeoutMs: 60_000,
    });
    expect(counting.open).toBe(1);
    expect(ends).toEqual([]);
  }, 180_000);
});
