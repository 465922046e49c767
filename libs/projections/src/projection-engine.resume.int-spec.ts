import {
  SqliteEventStore,
  type AllSubscription,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import { SqliteReadStore, type ReadDocument, type ReadStore } from '@ledger/read-store';
import { seed, sqliteEngineSpec } from './projection-engine.spec-fixtures';
import { until } from '@ledger/testing';

/**
 * Issue 13, item 1 and 3: a store that goes away (KurrentDB restart, MongoDB outage, a dropped
 * subscription) interrupts the engine; it must wait, resume from its checkpoints and converge,
 * reporting `retrying` with the reason meanwhile. The stores are the real SQLite ones; the outage
 * is injected by a switch in front of them (every call fails while it is off), as the network
 * would fail them.
 */

/** The real read store behind a switch: while `down`, every call rejects. */
function switchable(inner: ReadStore): { store: ReadStore; down: { value: boolean } } {
  const down = { value: false };
  const store = new Proxy(inner, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]): unknown => {
        if (down.value && property !== 'close') {
          return Promise.reject(new Error('connection refused (read store down)'));
        }
        return method.apply(target, args);
      };
    },
  });
  return { store, down };
}

/** A read store whose `n`th upsertMany writes half its documents and fails (a torn write). */
function tornAtUpsert(inner: ReadStore, n: number): ReadStore {
  let calls = 0;
  return new Proxy(inner, {
    get(target, property, receiver): unknown {
      if (property === 'upsertMany') {
        return async (collection: string, documents: readonly ReadDocument[]): Promise<void> => {
          calls += 1;
          if (calls !== n) return target.upsertMany(collection, documents);
          await target.upsertMany(collection, documents.slice(0, Math.ceil(documents.length / 2)));
          throw new Error('connection reset in the middle of upsertMany');
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/**
 * The real event store whose first `failures` subscriptions misbehave after `after` events:
 * `error` throws from next() as the KurrentDB client does when the server goes away, `end`
 * simply ends (done) though nobody closed it.
 */
function flakySubscriptions(
  inner: EventStore,
  mode: 'error' | 'end',
  after: number,
  failures: number,
): { store: EventStore; subscriptions: () => number } {
  let opened = 0;
  const store = new Proxy(inner, {
    get(target, property, receiver): unknown {
      if (property === 'subscribeToAll') {
        return (options: Parameters<EventStore['subscribeToAll']>[0]): AllSubscription => {
          opened += 1;
          const real = target.subscribeToAll(options);
          if (opened > failures) return real;
          let delivered = 0;
          return {
            close: () => real.close(),
            [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
              const events = real[Symbol.asyncIterator]();
              return {
                next: async (): Promise<IteratorResult<RecordedEvent>> => {
                  if (delivered >= after) {
                    await real.close();
                    if (mode === 'error') throw new Error('14 UNAVAILABLE: Connection dropped');
                    return { done: true, value: undefined };
                  }
                  const step = await events.next();
                  if (!step.done) delivered += 1;
                  return step;
                },
              };
            },
          };
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { store, subscriptions: () => opened };
}

describe('ProjectionEngine resumes after store errors (real SQLite stores, injected outages)', () => {
  const fastRetry = { initialMs: 5, maxMs: 40 };
  const {
    stores,
    engine,
    expectReferenceDocuments: expectConverged,
  } = sqliteEngineSpec({ retry: fastRetry });
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  beforeEach(() => {
    ({ events, reads } = stores());
  });

  it('a read-store outage while live: retrying with the reason, then resumes and converges', async () => {
    const { store, down } = switchable(reads);
    const retries: string[] = [];
    const running = engine({ readStore: store, onRetry: (d) => retries.push(d.reason) });
    await running.start();
    await running.waitForPosition(await seed(events, 300), 5000);
    expect(running.state).toBe('live');

    down.value = true;
    const during = await seed(events, 200, 2);
    await until(() => running.state === 'retrying' && (running.degraded?.attempts ?? 0) >= 3);
    expect(running.degraded).toMatchObject({
      reason: expect.stringMatching(/read store down/) as string,
      since: expect.any(String) as string,
    });
    expect(running.error).toBeUndefined();
    await expect(running.waitForPosition(during, 50)).rejects.toThrow(/did not reach/);

    down.value = false;
    await running.waitForPosition(during, 5000);
    const after = await seed(events, 100, 3);
    await running.waitForPosition(after, 5000);
    expect(running.state).toBe('live');
    expect(running.degraded).toBeUndefined();
    expect(retries.length).toBeGreaterThanOrEqual(3);
    await expectConverged();
  });

  it('a read store down at catch-up and a torn write: the same engine resumes from its checkpoints', async () => {
    const head = await seed(events, 3000);
    const running = engine({ readStore: tornAtUpsert(reads, 10) });
    await running.start();
    await running.waitForPosition(head, 10_000);
    expect(running.error).toBeUndefined();
    await expectConverged();
  });

  it.each(['error', 'end'] as const)(
    'a subscription that %ss unasked is resubscribed from the checkpoint, nothing lost or doubled',
    async (mode) => {
      const flaky = flakySubscriptions(events, mode, 7, 3);
      const running = engine({ eventStore: flaky.store });
      await running.start();
      // A flaky subscription only fails once it has delivered 7 events, and the engine catches up
      // through readAll before it subscribes again: a round seeded while it catches up reaches no
      // subscription. So rounds go on (bounded) until all three flaky ones have failed and a
      // fourth, real one is open, instead of counting on how fast the engine resubscribes.
      let head = 0;
      for (let round = 1; round <= 20 && flaky.subscriptions() < 4; round += 1) {
        head = await seed(events, 40, round);
        await running.waitForPosition(head, 10_000);
      }
      await until(() => flaky.subscriptions() >= 4, 'four subscriptions');
      head = await seed(events, 40, 21);
      await running.waitForPosition(head, 10_000);
      expect(flaky.subscriptions()).toBeGreaterThanOrEqual(4);
      expect(running.state).toBe('live');
      expect(running.error).toBeUndefined();
      await expectConverged();
    },
  );

  it('stop() ends a wait between two attempts at once', async () => {
    const { store, down } = switchable(reads);
    const running = engine({ readStore: store, retry: { initialMs: 60_000, maxMs: 60_000 } });
    await running.start();
    down.value = true;
    await seed(events, 10);
    await until(() => running.state === 'retrying');
    await running.stop();
    expect(running.state).toBe('stopped');
  });
});
