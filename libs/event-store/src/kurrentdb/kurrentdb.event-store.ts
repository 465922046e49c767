import {
  BACKWARDS,
  END,
  FORWARDS,
  AppendRecordSizeExceededError,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type Direction,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { ProposedEvent, RecordedEvent } from '../event-envelope';
import { assertStorableEvents, MAX_EVENT_BYTES } from '../event-limits';
import {
  DuplicateEventIdError,
  EventTooLargeError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import { backoffDelay, pause } from '../retry-backoff';
import {
  matchesFilter,
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import { EMPTY_STREAM_HEAD, sealEvents, type StreamHead } from '../hash-chain';
import {
  fromResolvedEvent,
  isForeignToLedger,
  numberToPosition,
  positionToNumber,
  satisfiesExpectation,
  serverFilterFor,
  streamStateFor,
  toEventData,
  type DecodedEvent,
} from './kurrentdb.mapping';
import { isCheckpointStream } from './kurrentdb.checkpoint-stream';
import { isPublicEventsStream } from './kurrentdb.public-events-stream';
import { KurrentDbAllSubscription } from './kurrentdb.subscription';

/** The part of the client this store uses (narrow, so a test can hand in a fake). */
export type KurrentDbClient = Pick<
  KurrentDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

export interface KurrentDbEventStoreOptions {
  /**
   * How many of a stream's newest events every append reads (in the same request that finds the
   * head) to recognise a retried batch. Default 16.
   */
  readonly idempotencyWindow?: number;
  /** Attempts of an `any` / `stream-exists` append that keeps losing the head to other writers. */
  readonly maxAppendAttempts?: number;
  /** Gives `recordedAt`. Default: the system clock. */
  readonly clock?: () => Date;
  /** `ping()` rejects when KurrentDB has not answered within this many ms. Default 5000. */
  readonly pingTimeoutMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A stream nobody writes: reading it is the cheapest request that proves the server answers. */
const PING_STREAM = 'delivery-ledger-ping';
/** Page size of the backwards scan in headPosition (system events are skipped server-side). */
const HEAD_PAGE = 16;

/**
 * The event log on KurrentDB (production). One KurrentDB stream per stream id; $all is the global
 * log and its commit position is our `position`.
 *
 * Append (P2, P4): the hash chain needs the true head, and KurrentDB has no transaction to read it
 * in, so an append reads the stream's newest events backwards, checks the caller's expectation
 * against that head, seals with the shared `sealEvents`, and appends with `streamState` = exactly
 * that head (or NO_STREAM). If anyone appended in between, KurrentDB refuses; the adapter re-reads,
 * then either fails with WrongExpectedRevisionError (the caller named a revision or `no-stream`)
 * or re-seals on the new head and tries again (`any` / `stream-exists`), a bounded number of times.
 *
 * Idempotent re-appends (port contract), found before anything is written:
 * - the same backwards read that finds the head returns the newest `idempotencyWindow` events;
 *   if one of the batch's ids is among them, the batch is either the whole earlier append (its
 *   events are read back and that append's result returned, nothing written) or a partial reuse
 *   (DuplicateEventIdError). Each stored event records which append wrote it (`append` in its
 *   metadata), which is what tells a whole append from a slice of one.
 * - a retry that repeats its original expectation is found at any depth at no extra cost in the
 *   normal case: when the stream has moved past `expectedRevision` (or exists although
 *   `no-stream` was expected), the events just after the expected revision are read and compared
 *   before the conflict is reported. That is the check KurrentDB itself makes.
 * - KurrentDB's own dedup: if an identical batch lands between our read and our append, KurrentDB
 *   acknowledges ours without writing it (the ids at head+1.. match); the events read back after
 *   every append are then the earlier ones, and they are what is returned.
 * Limits: an id stored deeper than the window, re-sent with a different expectation, is not seen
 * and KurrentDB stores it a second time (it dedupes only at the expected position); an id stored
 * in another stream is never seen (KurrentDB has no index by event id). The SQLite adapter has
 * neither limit.
 *
 * Costs: an append is one backwards read of up to `idempotencyWindow` events, one append, and one
 * forwards read of the events just written (the append reply carries one position for the whole
 * batch; the read gives each event its own, and proves what KurrentDB stored).
 *
 * Server: KurrentDB (or EventStoreDB >= 22.6, where stream reads started to carry positions).
 * Reading $all needs an operations or admin user on a secure server.
 */
export class KurrentDbEventStore implements EventStore {
  readonly #client: KurrentDbClient;
  readonly #idempotencyWindow: number;
  readonly #maxAppendAttempts: number;
  readonly #clock: () => Date;
  readonly #pingTimeoutMs: number;
  readonly #subscriptions = new Set<KurrentDbAllSubscription>();
  #closed = false;

  /** A store on the KurrentDB named by the connection string (`kurrentdb://host:2113?tls=false`). */
  static connect(
    connectionString: string,
    options?: KurrentDbEventStoreOptions,
  ): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  constructor(client: KurrentDbClient, options: KurrentDbEventStoreOptions = {}) {
    this.#client = client;
    this.#idempotencyWindow = positiveInteger('idempotencyWindow', options.idempotencyWindow ?? 16);
    this.#maxAppendAttempts = positiveInteger('maxAppendAttempts', options.maxAppendAttempts ?? 10);
    this.#clock = options.clock ?? (() => new Date());
    this.#pingTimeoutMs = positiveInteger('pingTimeoutMs', options.pingTimeoutMs ?? 5000);
  }

  async append(
    streamId: string,
    events: readonly ProposedEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    this.#assertOpen();
    assertAppendable(streamId, events, expectedRevision);
    assertStorableEvents(streamId, events);
    if (events.length === 0) return this.#appendNothing(streamId, expectedRevision);
    let head: StreamHead = EMPTY_STREAM_HEAD;
    // The head KurrentDB last reported in a conflict: a read showing less is stale (KurrentDB
    // decides conflicts on versions reads may not show yet), never a head to seal on.
    let knownHead = -1;
    for (let attempt = 1; attempt <= this.#maxAppendAttempts; attempt += 1) {
      const tail = await this.#readDecoded(streamId, BACKWARDS, END, this.#idempotencyWindow, true);
      const newest = tail[0]?.event;
      head = newest ? { revision: newest.revision, hash: newest.hash } : EMPTY_STREAM_HEAD;
      if (head.revision < knownHead) {
        await pause(backoffDelay(attempt, { initialMs: 10, maxMs: 500 }));
        continue;
      }

      const earlier = await this.#findEarlierAppend(streamId, events, expectedRevision, tail);
      if (earlier) return earlier;
      if (!satisfiesExpectation(expectedRevision, head.revision)) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, head.revision);
      }

      const sealed = sealEvents(streamId, head, events, this.#clock().toISOString());
      const batch = { firstRevision: head.revision + 1, size: sealed.length };
      try {
        const written = await this.#client.appendToStream(
          streamId,
          sealed.map((event) => toEventData(event, batch)),
          { streamState: streamStateFor(head.revision) },
        );
        // Only with throwOnAppendFailure=false in the connection string; same as the error.
        if (!written.success) continue;
      } catch (error) {
        if (
          error instanceof MaxAppendSizeExceededError ||
          error instanceof AppendRecordSizeExceededError
        ) {
          // The server's bound is lower than ours (a smaller maxAppendSize): still a 413.
          throw new EventTooLargeError(streamId, events[0]?.id ?? '', -1, MAX_EVENT_BYTES);
        }
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Someone appended since our read. KurrentDB's answer carries the head it decided on:
        // the next pass waits (jittered, growing) until a read shows at least that, then
        // recognises a concurrent copy of this very batch, or fails an exact expectation with
        // the revision now there, or (any / stream-exists) re-seals on the new head.
        knownHead = Math.max(knownHead, actualRevisionOf(error) ?? head.revision + 1);
        await pause(backoffDelay(attempt, { initialMs: 10, maxMs: 500 }));
        continue;
      }
      return this.#readBackAppend(streamId, events, batch.firstRevision);
    }
    throw new WrongExpectedRevisionError(
      streamId,
      expectedRevision,
      Math.max(head.revision, knownHead),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const direction = options.direction ?? 'forwards';
    if (options.fromRevision !== undefined)
      nonNegativeInteger('fromRevision', options.fromRevision);
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (nonNegativeInteger('maxCount', maxCount) === 0) return [];
    const from: ReadRevision =
      options.fromRevision !== undefined
        ? BigInt(options.fromRevision)
        : direction === 'forwards'
          ? START
          : END;
    const decoded = await this.#readDecoded(
      streamId,
      direction === 'forwards' ? FORWARDS : BACKWARDS,
      from,
      maxCount,
    );
    return decoded.map((item) => item.event);
  }

  async readAll({ after, maxCount, filter }: ReadAllOptions): Promise<RecordedEvent[]> {
    this.#assertOpen();
    if (after !== undefined) nonNegativeInteger('after', after);
    if (nonNegativeInteger('maxCount', maxCount) === 0) return [];
    if (filter?.eventTypes?.length === 0 || filter?.streamCategories?.length === 0) return [];
    const serverFilter = serverFilterFor(filter);
    const out: RecordedEvent[] = [];
    let cursor = after;
    for (;;) {
      // KurrentDB reads from a position inclusively: the event at `cursor` comes back first.
      const requested = maxCount - out.length + (cursor === undefined ? 0 : 1);
      let received = 0;
      let last = cursor;
      for await (const resolved of this.#client.readAll({
        direction: FORWARDS,
        fromPosition: cursor === undefined ? START : numberToPosition(cursor),
        maxCount: requested,
        filter: serverFilter,
      })) {
        received += 1;
        const position = positionOf(resolved);
        last = position;
        if (cursor !== undefined && position <= cursor) continue;
        if (isForeignToLedger(resolved)) continue;
        const { event } = fromResolvedEvent(resolved);
        if (!matchesFilter(event, filter)) continue;
        out.push(event);
        if (out.length === maxCount) return out;
      }
      // A filtered read of $all pages on server-side until it has `requested` events or reaches
      // the end, so a short answer means the end of the log.
      if (received < requested || last === cursor) return out;
      cursor = last;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.#assertOpen();
    const { after, filter } = options;
    if (after !== undefined) nonNegativeInteger('after', after);
    // Subscription positions are exclusive in KurrentDB: events strictly after `after`.
    const source = this.#client.subscribeToAll({
      fromPosition: after === undefined ? START : numberToPosition(after),
      filter: serverFilterFor(filter),
    });
    const subscription = new KurrentDbAllSubscription(source, {
      after,
      clientFilter: filter,
      onClose: (closed) => this.#subscriptions.delete(closed),
    });
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.#assertOpen();
    let cursor: number | undefined;
    for (;;) {
      const fromPosition: ReadPosition = cursor === undefined ? END : numberToPosition(cursor);
      let received = 0;
      let last = cursor;
      for await (const resolved of this.#client.readAll({
        direction: BACKWARDS,
        fromPosition,
        maxCount: HEAD_PAGE,
        filter: excludeSystemEvents(),
      })) {
        received += 1;
        const position = positionOf(resolved);
        last = position;
        if (cursor !== undefined && position >= cursor) continue;
        // `$`-typed events are filtered out by KurrentDB; events of `$`-streams are skipped here.
        if (!isForeignToLedger(resolved)) return position;
      }
      if (received < HEAD_PAGE || last === undefined || last === cursor) return 0;
      cursor = last;
    }
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.#pingTimeoutMs} ms`)),
        this.#pingTimeoutMs,
      );
    });
    try {
      await Promise.race([this.#probe(), timeout]);
    } catch (error) {
      // The client's errors are terse (`UnavailableError`): say what did not answer.
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`KurrentDB is not available: ${reason}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    await this.#client.dispose();
  }

  /** An empty batch writes nothing: it checks the expectation and answers the head. */
  async #appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [newest] = await this.#readDecoded(streamId, BACKWARDS, END, 1, true);
    const revision = newest?.event.revision ?? -1;
    if (!satisfiesExpectation(expected, revision)) {
      throw new WrongExpectedRevisionError(streamId, expected, revision);
    }
    return { nextExpectedRevision: revision, position: newest?.event.position ?? 0, events: [] };
  }

  /**
   * The earlier append this batch repeats, if it is one (see the class comment); throws
   * DuplicateEventIdError when some of its ids are stored but not as that whole append.
   */
  async #findEarlierAppend(
    streamId: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    tail: readonly DecodedEvent[],
  ): Promise<AppendResult | undefined> {
    const ids = events.map((event) => normaliseId(event.id));
    const wanted = new Set(ids);
    const isOurs = (stored: DecodedEvent): boolean => wanted.has(normaliseId(stored.event.id));
    let found = tail.filter(isOurs);
    if (found.length === 0) {
      // Where the caller's expectation says the batch went, when the tail does not reach there.
      const expectedStart =
        expected === 'no-stream' ? 0 : typeof expected === 'number' ? expected + 1 : undefined;
      const oldestInTail = tail.at(-1)?.event.revision ?? 0;
      if (expectedStart !== undefined && expectedStart >= 0 && expectedStart < oldestInTail) {
        const there = await this.#readDecoded(
          streamId,
          FORWARDS,
          BigInt(expectedStart),
          events.length,
          true,
        );
        found = there.filter(isOurs);
      }
    }
    const firstFound = found[0];
    if (firstFound === undefined) return undefined;

    const start = found.find((stored) => normaliseId(stored.event.id) === ids[0]);
    if (start === undefined) {
      // The batch's first event has left the tail while later ones are in it (a batch longer
      // than the window, or a few appends since): every stored event records where its append
      // began, so read the whole append from there.
      const { firstRevision, size } = firstFound.append;
      if (size === ids.length && firstRevision < firstFound.event.revision) {
        const run = await this.#readDecoded(
          streamId,
          FORWARDS,
          BigInt(firstRevision),
          events.length,
          true,
        );
        if (isWholeAppend(run, ids, firstRevision)) return toAppendResult(run);
      }
      const reused = events.find(
        (event) => normaliseId(event.id) === normaliseId(firstFound.event.id),
      );
      throw new DuplicateEventIdError(streamId, reused?.id ?? firstFound.event.id);
    }
    const run = await this.#readDecoded(
      streamId,
      FORWARDS,
      BigInt(start.event.revision),
      events.length,
      true,
    );
    if (!isWholeAppend(run, ids, start.event.revision)) {
      throw new DuplicateEventIdError(streamId, events[0]?.id ?? start.event.id);
    }
    return toAppendResult(run);
  }

  /**
   * The events KurrentDB holds where this append put them. They are ours, or (KurrentDB's own
   * dedup) an identical batch that a concurrent writer stored first: either way the stored
   * events are the result.
   */
  async #readBackAppend(
    streamId: string,
    events: readonly ProposedEvent[],
    firstRevision: number,
  ): Promise<AppendResult> {
    const ids = events.map((event) => normaliseId(event.id));
    const run = await this.#readDecoded(
      streamId,
      FORWARDS,
      BigInt(firstRevision),
      events.length,
      true,
    );
    if (isWholeAppend(run, ids, firstRevision)) return toAppendResult(run);
    if (
      run.length === ids.length &&
      run.every((stored, i) => normaliseId(stored.event.id) === ids[i])
    ) {
      // KurrentDB deduplicated against events written by a different (larger) append.
      throw new DuplicateEventIdError(streamId, events[0]?.id ?? '');
    }
    throw new Error(
      `KurrentDB acknowledged an append to ${streamId} at revision ${firstRevision}, ` +
        'but the stream holds other events there',
    );
  }

  /** Reads at most one event of a stream nobody writes: an answer, any answer, is enough. */
  async #probe(): Promise<void> {
    try {
      for await (const _ of this.#client.readStream(PING_STREAM, { maxCount: 1 })) break;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }

  /** One read of a stream, decoded; an absent stream reads as empty. */
  async #readDecoded(
    streamId: string,
    direction: Direction,
    fromRevision: ReadRevision,
    maxCount: number,
    /**
     * From the leader: an append's own reads (head, retry detection, read-back). A follower may
     * lag the acknowledged append and answer a stale head or nothing where the append went.
     */
    fromLeader = false,
  ): Promise<DecodedEvent[]> {
    const out: DecodedEvent[] = [];
    try {
      for await (const resolved of this.#client.readStream(streamId, {
        direction,
        fromRevision,
        maxCount,
        ...(fromLeader ? { requiresLeader: true } : {}),
      })) {
        out.push(fromResolvedEvent(resolved));
      }
    } catch (error) {
      // The client throws StreamNotFoundError from the iteration, not from readStream().
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the KurrentDB event store is closed');
  }
}

/** KurrentDB hands event ids back in lower case, whatever case they were written in. */
function normaliseId(id: string): string {
  return id.toLowerCase();
}

/** `run` is exactly the append of these ids that started at `firstRevision`. */
function isWholeAppend(
  run: readonly DecodedEvent[],
  ids: readonly string[],
  firstRevision: number,
): boolean {
  return (
    run.length === ids.length &&
    run.every(
      (stored, i) =>
        stored.event.revision === firstRevision + i &&
        normaliseId(stored.event.id) === ids[i] &&
        stored.append.firstRevision === firstRevision &&
        stored.append.size === ids.length,
    )
  );
}

function toAppendResult(run: readonly DecodedEvent[]): AppendResult {
  const last = run.at(-1)?.event;
  if (last === undefined) throw new Error('an append result needs at least one event');
  return {
    nextExpectedRevision: last.revision,
    position: last.position,
    events: run.map((stored) => stored.event),
  };
}

/** The stream revision KurrentDB reported in a WrongExpectedVersionError (-1: no stream). */
function actualRevisionOf(error: WrongExpectedVersionError): number | undefined {
  const actual: unknown = error.actualState;
  if (typeof actual === 'bigint') return Number(actual);
  if (actual === NO_STREAM) return -1;
  return undefined;
}

function positionOf(resolved: AllStreamResolvedEvent): number {
  // `position` is typed as always present on $all events; the optional chain guards old servers.
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error('KurrentDB returned an $all event without a position');
  return positionToNumber(commit);
}

function assertAppendable(
  streamId: string,
  events: readonly ProposedEvent[],
  expected: ExpectedRevision,
): void {
  if (streamId.length === 0) throw new TypeError('stream id must not be empty');
  // $-streams are KurrentDB's own; reads of $all leave them out, so events there would vanish.
  if (streamId.startsWith('$')) {
    throw new TypeError(`stream id ${streamId}: ids starting with '$' are reserved by KurrentDB`);
  }
  // The signed checkpoints' stream: reads leave it out, and a checkpoint must not be forgeable here.
  if (isCheckpointStream(streamId)) {
    throw new TypeError(`stream id ${streamId}: reserved for the log's signed checkpoints`);
  }
  // The republished public contract: reads leave it out, and it holds CloudEvents, not log events.
  if (isPublicEventsStream(streamId)) {
    throw new TypeError(`stream id ${streamId}: reserved for the log's republished public events`);
  }
  if (typeof expected === 'number') nonNegativeInteger('expected revision', expected);
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) {
      throw new TypeError(`event id ${event.id} is not a UUID (KurrentDB stores ids as UUIDs)`);
    }
    const id = normaliseId(event.id);
    if (seen.has(id)) throw new DuplicateEventIdError(streamId, event.id);
    seen.add(id);
  }
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
