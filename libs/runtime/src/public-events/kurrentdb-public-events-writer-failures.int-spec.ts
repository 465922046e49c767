import { setTimeout as sleep } from 'node:timers/promises';
import {
  AccessDeniedError,
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import { positionOfSequence } from '@ledger/contracts';
import type { SqliteEventStore } from '@ledger/event-store';
import type { SqliteReadStore } from '@ledger/read-store';
import { PublicEventsHealthIndicator } from '../health/public-events.health';
import { KurrentDbPublicEventsWriter } from './kurrentdb-public-events-writer';
import {
  createPrograms as createProgramsIn,
  openTemporaryStores,
  type TemporaryStores,
} from './public-events.spec-fixtures';
import { until } from '@ledger/testing';

interface StoredPublicEvent {
  readonly id: string;
  readonly revision: bigint;
  readonly data: { readonly sequence: string };
}

/**
 * The one stream of a KurrentDB server the writer uses, in memory: appends check the expected
 * revision as the server does and fail with the client's own error classes; `failNext` makes the
 * next appends fail as told. No KurrentDB server runs here (ARCHITECTURE.md).
 */
class SimulatedPublicEventsStream {
  readonly events: StoredPublicEvent[] = [];
  appends = 0;
  conflicts = 0;
  readonly failNext: Error[] = [];
  failReads: Error | undefined;

  client(): KurrentDBClient {
    const client = {
      appendToStream: (
        streamName: string,
        proposed: readonly { id: string; data: { sequence: string } }[],
        options: { streamState: AppendStreamState },
      ) => this.append(streamName, proposed, options.streamState),
      readStream: (streamName: string) => this.readLast(streamName),
      dispose: () => Promise.resolve(),
    };
    // Only the three calls the writer makes; the rest of the client is not used.
    return client as unknown as KurrentDBClient;
  }

  sequences(): number[] {
    return this.events.map((event) => positionOfSequence(event.data.sequence));
  }

  private append(
    streamName: string,
    proposed: readonly { id: string; data: { sequence: string } }[],
    expected: AppendStreamState,
  ): Promise<{ success: true; nextExpectedRevision: bigint }> {
    this.appends += 1;
    const failure = this.failNext.shift();
    if (failure) return Promise.reject(failure);
    const current = this.events.length === 0 ? NO_STREAM : BigInt(this.events.length - 1);
    if (expected !== current) {
      this.conflicts += 1;
      return Promise.reject(
        new WrongExpectedVersionError(undefined, { streamName, expected, current }),
      );
    }
    for (const event of proposed) {
      this.events.push({ id: event.id, revision: BigInt(this.events.length), data: event.data });
    }
    return Promise.resolve({ success: true, nextExpectedRevision: BigInt(this.events.length - 1) });
  }

  private async *readLast(streamName: string): AsyncGenerator<{ event: StoredPublicEvent }> {
    await Promise.resolve();
    if (this.failReads) throw this.failReads;
    const last = this.events[this.events.length - 1];
    if (!last) throw new StreamNotFoundError(undefined, streamName);
    yield { event: last };
  }
}

describe('KurrentDbPublicEventsWriter failures (SQLite log, simulated KurrentDB stream)', () => {
  let stores: TemporaryStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let stream: SimulatedPublicEventsStream;
  const writers: KurrentDbPublicEventsWriter[] = [];

  beforeEach(async () => {
    stores = await openTemporaryStores('ledger-public-events-failures-');
    ({ events, reads } = stores);
    stream = new SimulatedPublicEventsStream();
  });
  afterEach(async () => {
    await Promise.all(writers.splice(0).map((writer) => writer.close()));
    await stores.close();
  });

  const createPrograms = (ids: readonly string[]) => createProgramsIn(events, ids);

  /** A writer with its own checkpoints (a second writer process has its own read store). */
  const writer = (failures: Error[] = [], retries: string[] = []) => {
    const saved = new Map<string, number>();
    const created = new KurrentDbPublicEventsWriter({
      eventStore: events,
      client: stream.client(),
      checkpoints:
        writers.length === 0
          ? reads
          : {
              getCheckpoint: (name) => Promise.resolve(saved.get(name) ?? null),
              saveCheckpoint: (name, position) => Promise.resolve(void saved.set(name, position)),
            },
      retry: { initialMs: 5, maxMs: 20 },
      onRetry: ({ reason }) => retries.push(reason),
      onFailure: (error) => failures.push(error),
    });
    writers.push(created);
    return created;
  };

  it('another writer appended: a version conflict re-reads the head and continues, each event once, in order', async () => {
    await createPrograms(['pg1', 'pg2', 'pg3']);
    const log = await events.readAll({ maxCount: 10 });
    const [e1, e2, e3] = log;
    const first = writer();
    const second = writer();

    await first.handle([e1!], e1!.position);
    // The second one starts behind (its checkpoint is 0): it continues after the stream's last.
    await second.handle([e1!, e2!, e3!], e3!.position);
    expect(stream.sequences()).toEqual([e1!.position, e2!.position, e3!.position]);
    // The first one still thinks the stream ends at e1: its append conflicts, and it re-reads.
    await first.handle([e2!, e3!], e3!.position);
    expect(stream.conflicts).toBe(1);
    expect(stream.sequences()).toEqual([e1!.position, e2!.position, e3!.position]);
    expect(first.checkpoint()).toBe(e3!.position);

    await createPrograms(['pg4']);
    const [e4] = await events.readAll({ after: e3!.position, maxCount: 10 });
    await first.handle([e4!], e4!.position);
    expect(stream.sequences()).toEqual(log.map((event) => event.position).concat(e4!.position));
    expect(new Set(stream.events.map((event) => event.id)).size).toBe(4);
  });

  it('access denied stops the writer: reported once, shown as its error, no retry for ever', async () => {
    await createPrograms(['pg1']);
    stream.failNext.push(new AccessDeniedError());
    const failures: Error[] = [];
    const retries: string[] = [];
    const running = writer(failures, retries);
    running.start();
    await until(() => running.error !== undefined, 'the writer to stop');
    await sleep(100);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(AccessDeniedError);
    expect(running.error).toBe(failures[0]);
    expect(running.running).toBe(false);
    expect(stream.appends).toBe(1);
    expect(retries).toEqual([]);
    expect(stream.events).toEqual([]);
    expect(new PublicEventsHealthIndicator(running).check()).toMatchObject({
      status: 'down',
      message: expect.stringMatching(/^public-events writer stopped/) as unknown,
    });
  });

  it('a permanent failure while reading the head at start stops it too', async () => {
    await createPrograms(['pg1']);
    stream.failReads = new AccessDeniedError();
    const failures: Error[] = [];
    const running = writer(failures);
    running.start();
    await until(() => running.error !== undefined, 'the writer to stop');
    await sleep(50);
    expect(failures).toHaveLength(1);
    expect(stream.appends).toBe(0);
  });

  it('an outage is waited out with backoff, then every event lands once', async () => {
    await createPrograms(['pg1', 'pg2']);
    stream.failNext.push(new UnavailableError(), new UnavailableError());
    const failures: Error[] = [];
    const retries: string[] = [];
    const running = writer(failures, retries);
    running.start();
    await until(() => stream.events.length === 2, 'the events after the outage');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(failures).toEqual([]);
    expect(running.error).toBeUndefined();
    await createPrograms(['pg3']);
    await until(() => stream.events.length === 3, 'the live event');
    expect(new Set(stream.events.map((event) => event.id)).size).toBe(3);
    expect(new PublicEventsHealthIndicator(running).check()).toMatchObject({ status: 'up' });
    expect(new PublicEventsHealthIndicator(null).check()).toBeUndefined();
  });
});
