import { PassThrough } from 'node:stream';
import {
  ANY,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult as ClientAppendResult,
  type AppendToStreamOptions,
  type EventData,
  type Filter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';

/**
 * The store's own logic (head resolution, retries, idempotency, paging, subscription close) over
 * an in-memory stand-in for the client that follows KurrentDB's documented behaviour: exact
 * expectations, dedup only at the expected position, StreamNotFoundError thrown while iterating,
 * inclusive read positions and exclusive subscription positions, system events in $all, a
 * subscription whose unsubscribe() does not end its stream. It is NOT KurrentDB: the contract
 * suite against a real server is kurrentdb.event-store.int-spec.ts.
 */
export interface StoredRecord {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly revision: bigint;
  readonly position: bigint;
}

interface FakeSubscription {
  readonly after: bigint;
  readonly filter: Filter | undefined;
  readonly out: PassThrough;
}

export class FakeKurrentDb {
  readonly log: StoredRecord[] = [];
  readonly appendCalls: string[] = [];
  disposed = false;
  /** Runs once, just before the next append is applied: another writer getting in first. */
  beforeNextAppend: (() => Promise<void>) | undefined;
  #position = 1_000n;
  readonly #subscriptions = new Set<FakeSubscription>();

  stream(streamId: string): StoredRecord[] {
    return this.log.filter((record) => record.streamId === streamId);
  }

  /** KurrentDB writes its own events into $all too ($stats, $settings...). */
  writeSystemEvent(): void {
    this.#write('$stats-127.0.0.1:2113', [{ id: crypto.randomUUID(), type: '$statsCollected' }]);
  }

  /** Another client writing plain JSON to a stream (no envelope). */
  writeRaw(streamId: string, type: string): void {
    this.#write(streamId, [{ id: crypto.randomUUID(), type }]);
  }

  #write(
    streamId: string,
    events: readonly { id: string; type: string; data?: unknown; metadata?: unknown }[],
  ): StoredRecord[] {
    const base = this.stream(streamId).length;
    const written = events.map((event, index) => {
      this.#position += 137n + BigInt(index);
      return {
        streamId,
        id: event.id.toLowerCase(),
        type: event.type,
        data: JSON.stringify(event.data ?? {}),
        metadata: JSON.stringify(event.metadata ?? {}),
        revision: BigInt(base + index),
        position: this.#position,
      };
    });
    this.log.push(...written);
    for (const subscription of this.#subscriptions) {
      for (const record of written) {
        if (matches(record, subscription.filter)) subscription.out.write(resolved(record));
      }
    }
    return written;
  }

  async appendToStream(
    streamName: string,
    eventOrEvents: EventData | EventData[],
    options: AppendToStreamOptions = {},
  ): Promise<ClientAppendResult> {
    await Promise.resolve();
    this.appendCalls.push(streamName);
    const hook = this.beforeNextAppend;
    this.beforeNextAppend = undefined;
    await hook?.();
    const events = Array.isArray(eventOrEvents) ? eventOrEvents : [eventOrEvents];
    const stream = this.stream(streamName);
    const current = stream.length - 1;
    const state = options.streamState ?? ANY;
    const expected =
      state === NO_STREAM ? -1 : typeof state === 'bigint' ? Number(state) : undefined;
    // KurrentDB's idempotency: the ids right after the expected revision are this batch.
    if (expected !== undefined && current > expected) {
      const there = stream.slice(expected + 1, expected + 1 + events.length);
      if (
        there.length === events.length &&
        there.every((record, i) => record.id === events[i]!.id.toLowerCase())
      ) {
        const last = there[there.length - 1]!;
        return {
          success: true,
          nextExpectedRevision: last.revision,
          position: { commit: last.position, prepare: last.position },
        };
      }
    }
    if (
      (state === STREAM_EXISTS && current < 0) ||
      (expected !== undefined && expected !== current)
    ) {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected: state,
        current: current < 0 ? NO_STREAM : BigInt(current),
      });
    }
    const written = this.#write(streamName, events);
    const last = written[written.length - 1]!;
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    };
  }

  async *readStream(
    streamName: string,
    options: ReadStreamOptions = {},
  ): AsyncIterableIterator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const stream = this.stream(streamName);
    if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? END : START);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const picked = backwards
      ? stream
          .filter((record) => from === END || from === START || record.revision <= from)
          .reverse()
      : stream.filter((record) => from === START || (from !== END && record.revision >= from));
    for (const record of picked.slice(0, max)) yield resolved(record);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? END : START);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const picked = backwards
      ? this.log
          .filter((record) => from === END || (from !== START && record.position < from.commit))
          .reverse()
      : this.log.filter(
          (record) => from === START || (from !== END && record.position >= from.commit),
        );
    for (const record of picked.filter((r) => matches(r, options.filter)).slice(0, max)) {
      yield resolved(record);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllStreamSubscription {
    const from = options.fromPosition ?? START;
    const after = from === START ? -1n : from === END ? this.#position : from.commit;
    const subscription: FakeSubscription = {
      after,
      filter: options.filter,
      out: new PassThrough({ objectMode: true }),
    };
    for (const record of this.log) {
      if (record.position > after && matches(record, options.filter)) {
        subscription.out.write(resolved(record));
      }
    }
    this.#subscriptions.add(subscription);
    // Like the real client: unsubscribe cancels the call but does not end the Readable.
    const unsubscribe = async (): Promise<void> => {
      await Promise.resolve();
      this.#subscriptions.delete(subscription);
    };
    return Object.assign(subscription.out, { unsubscribe });
  }

  async dispose(): Promise<void> {
    await Promise.resolve();
    this.disposed = true;
  }
}

function matches(record: StoredRecord, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'eventType' ? record.type : record.streamId;
  return 'regex' in filter
    ? new RegExp(filter.regex).test(subject)
    : filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

function resolved(record: StoredRecord): AllStreamResolvedEvent {
  const position = { commit: record.position, prepare: record.position };
  return {
    event: {
      streamId: record.streamId,
      id: record.id,
      isJson: true,
      revision: record.revision,
      type: record.type,
      created: new Date(0),
      data: JSON.parse(record.data) as Record<string, unknown>,
      metadata: JSON.parse(record.metadata) as Record<string, unknown>,
      position,
    },
    commitPosition: record.position,
  };
}
