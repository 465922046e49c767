import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchOf } from '../contract/contract-fixtures';
import type { RecordedEvent } from '../event-envelope';
import type { AllSubscription, EventStore, ReadAllOptions } from '../event-store.port';
import { SqliteEventStore } from '../sqlite';
import {
  CheckpointedConsumer,
  type CheckpointedConsumerOptions,
  type ConsumerState,
} from './checkpointed-consumer';
import type { ConsumerHandler } from './consumer-handler';
import { SubscriptionEndedError } from './subscription-ended.error';
import { until } from '@ledger/testing';

/** A store error as an owner of the consumer would mark it (the engine's, the reactor's own). */
class StoreAway extends Error {
  override readonly name = 'StoreAway';
}

/**
 * A handler that records what it was given and keeps its checkpoint in memory; `outage` makes
 * its writes fail as a store away would, `poison` makes it fail on its own.
 */
class RecordingHandler implements ConsumerHandler {
  readonly positions: number[] = [];
  readonly batches: { readonly events: number; readonly upTo: number }[] = [];
  outage = false;
  poison: string | undefined;
  between = 0;
  private position = 0;

  constructor(readonly eventTypes?: readonly string[]) {}

  checkpoint(): number {
    return this.position;
  }

  handle(events: readonly RecordedEvent[], upTo: number): Promise<void> {
    if (this.outage) return Promise.reject(new StoreAway('handler store down'));
    for (const event of events) {
      if (event.type === this.poison) return Promise.reject(new TypeError('cannot handle poison'));
      this.positions.push(event.position);
    }
    this.batches.push({ events: events.length, upTo });
    this.position = upTo;
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return this.outage ? Promise.reject(new StoreAway('handler store down')) : Promise.resolve();
  }

  betweenBatches(): Promise<void> {
    this.between += 1;
    return Promise.resolve();
  }
}

/**
 * The real store whose first `failures` subscriptions end (done) after `after` events, though
 * nobody closed them, as a server restart ends them; it counts subscriptions and readAll calls.
 */
function endingSubscriptions(
  inner: EventStore,
  after: number,
  failures: number,
): { store: EventStore; subscriptions: () => number; reads: () => number } {
  let opened = 0;
  let reads = 0;
  const store = new Proxy(inner, {
    get(target, property, receiver): unknown {
      if (property === 'readAll') {
        return (options: ReadAllOptions): Promise<RecordedEvent[]> => {
          reads += 1;
          return target.readAll(options);
        };
      }
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
  return { store, subscriptions: () => opened, reads: () => reads };
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('CheckpointedConsumer (real SQLite event store)', () => {
  let dir: string;
  let events: SqliteEventStore;
  const consumers: CheckpointedConsumer[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-consumer-'));
    events = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const consumer = (
    handler: ConsumerHandler,
    options: Partial<CheckpointedConsumerOptions> = {},
  ): CheckpointedConsumer => {
    const created = new CheckpointedConsumer({
      eventStore: events,
      handler,
      batchSize: 50,
      isOutage: (error) => error instanceof StoreAway || error instanceof SubscriptionEndedError,
      retry: { initialMs: 5, maxMs: 40 },
      ...options,
    });
    consumers.push(created);
    return created;
  };
  /** Appends `count` events of `type` on their own stream; returns the head. */
  const append = async (stream: string, type: string, count: number): Promise<number> =>
    (await events.append(stream, batchOf(type, count), 'any')).position;

  it('catches up by filtered reads (checkpoint past unread types), then goes live on the subscription', async () => {
    await append('a-1', 'Wanted', 120);
    const head = await append('b-1', 'Ignored', 30);
    const handler = new RecordingHandler(['Wanted']);
    const states: ConsumerState[] = [];
    const running = consumer(handler);
    running.start();
    states.push(running.state);
    await until(() => handler.checkpoint() >= head);
    // Catch-up: bounded batches of the wanted type only; the short last read covers the head.
    expect(handler.positions).toEqual(range(1, 120));
    expect(handler.batches.map((batch) => batch.events)).toEqual([50, 50, 20]);
    expect(handler.batches.at(-1)?.upTo).toBe(head);
    await until(() => running.state === 'live');
    states.push(running.state);

    // Live: unfiltered, every appended event, nothing twice.
    const live = await append('b-2', 'Ignored', 5);
    await until(() => handler.checkpoint() >= live);
    expect(handler.positions).toEqual([...range(1, 120), ...range(head + 1, live)]);
    expect(states).toEqual(['catching-up', 'live']);
    expect(handler.between).toBeGreaterThanOrEqual(handler.batches.length);
    expect(running.degraded).toBeUndefined();
  });

  it('subscription mode follows one subscription from the checkpoint and never reads by batch', async () => {
    const head = await append('a-1', 'Wanted', 80);
    const counted = endingSubscriptions(events, Number.MAX_SAFE_INTEGER, 0);
    const handler = new RecordingHandler();
    const running = consumer(handler, { eventStore: counted.store, mode: 'subscription' });
    running.start();
    expect(running.state).toBe('live');
    await until(() => handler.checkpoint() >= head);
    const more = await append('a-1', 'Wanted', 3);
    await until(() => handler.checkpoint() >= more);
    expect(handler.positions).toEqual(range(1, more));
    expect(counted.subscriptions()).toBe(1);
    expect(counted.reads()).toBe(0);
  });

  it('resumes after an outage: retrying with the reason and attempts, then converges and clears it', async () => {
    const handler = new RecordingHandler();
    const retries: string[] = [];
    const running = consumer(handler, { onRetry: (degraded) => retries.push(degraded.reason) });
    running.start();
    await until(() => running.state === 'live');

    handler.outage = true;
    const during = await append('a-1', 'Wanted', 10);
    await until(() => running.state === 'retrying' && (running.degraded?.attempts ?? 0) >= 3);
    expect(running.degraded).toMatchObject({
      reason: 'handler store down',
      since: expect.any(String) as string,
    });
    expect(running.error).toBeUndefined();
    expect(handler.positions).toEqual([]);

    handler.outage = false;
    await until(() => handler.checkpoint() >= during);
    await until(() => running.state === 'live');
    expect(handler.positions).toEqual(range(1, during));
    expect(running.degraded).toBeUndefined();
    expect(retries.length).toBeGreaterThanOrEqual(3);
  });

  it.each(['catch-up-then-live', 'subscription'] as const)(
    'a subscription that ends unasked is an outage (%s): resubscribed from the checkpoint, nothing lost or doubled',
    async (mode) => {
      const flaky = endingSubscriptions(events, 3, 3);
      const handler = new RecordingHandler();
      const reasons: string[] = [];
      const running = consumer(handler, {
        eventStore: flaky.store,
        mode,
        onRetry: (degraded) => reasons.push(degraded.reason),
      });
      running.start();
      await until(() => running.state === 'live');
      // Round by round: each round's 4 events reach a subscription (it resubscribes from the
      // checkpoint, so a backlog goes through it too) that ends after 3, until 3 have ended.
      let head = 0;
      for (let round = 1; round <= 5; round += 1) {
        head = await append(`a-${round}`, 'Wanted', 4);
        await until(() => handler.checkpoint() >= head);
      }
      expect(handler.positions).toEqual(range(1, head));
      expect(flaky.subscriptions()).toBeGreaterThanOrEqual(4);
      expect(reasons).toEqual(expect.arrayContaining(['the subscription ended without close()']));
      expect(running.error).toBeUndefined();
    },
  );

  it("stops on the handler's own failure: failed, onEnd with the error, never retried", async () => {
    await append('a-1', 'Wanted', 5);
    await append('a-2', 'Poison', 1);
    const handler = new RecordingHandler();
    handler.poison = 'Poison';
    const ends: (Error | undefined)[] = [];
    const retries: string[] = [];
    const running = consumer(handler, {
      onEnd: (failure) => ends.push(failure),
      onRetry: (degraded) => retries.push(degraded.reason),
    });
    running.start();
    await until(() => running.state === 'failed');
    expect(running.error).toBeInstanceOf(TypeError);
    expect(ends).toEqual([running.error]);
    expect(retries).toEqual([]);
    expect(running.degraded).toBeUndefined();
  });

  it('stop() ends a wait between two attempts at once, and reports the end once', async () => {
    const handler = new RecordingHandler();
    handler.outage = true;
    const ends: (Error | undefined)[] = [];
    const running = consumer(handler, {
      retry: { initialMs: 60_000, maxMs: 60_000 },
      onEnd: (failure) => ends.push(failure),
    });
    running.start();
    await until(() => running.state === 'retrying');
    await running.stop();
    expect(running.state).toBe('stopped');
    await running.stop();
    expect(ends).toEqual([undefined]);
  });

  it('wake() runs betweenBatches while live waits on an idle log', async () => {
    const handler = new RecordingHandler();
    const running = consumer(handler);
    running.start();
    await until(() => running.state === 'live');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = handler.between;
    running.wake();
    await until(() => handler.between > before);
    expect(handler.positions).toEqual([]);
  });
});
