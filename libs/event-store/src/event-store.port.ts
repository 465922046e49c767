import type { ProposedEvent, RecordedEvent } from './event-envelope';
import type { ExpectedRevision } from './expected-revision';

/** Injection token for the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event of this append. */
  readonly position: number;
  /** The events as stored (with revision, position, recordedAt and hashes). */
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start revision. Forwards defaults to 0, backwards to the head. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

/** Narrows a read of $all. A filter never changes positions, it only hides events. */
export interface AllFilter {
  readonly eventTypes?: readonly string[];
  /** Stream categories: the part of the stream id before the first '-' (`program-123` → `program`). */
  readonly streamCategories?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the start of the log. */
  readonly after?: number;
  /** Upper bound on the batch size (bounded reads keep memory flat). */
  readonly maxCount: number;
  readonly filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events strictly after this position. Default: from the start. */
  readonly after?: number;
  readonly filter?: AllFilter;
}

/**
 * A catch-up-then-live subscription to $all. Iterating pulls events one by one; the store reads
 * ahead only a bounded batch, so a slow consumer slows the reads (backpressure). Every event is
 * delivered once, in position order, with no gap between the catch-up and live phases.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; pending `next()` calls resolve with `done`. */
  close(): Promise<void>;
}

/**
 * The event log. Adapters (sqlite, kurrentdb) implement exactly this and pass the shared
 * contract suite in `contract/`. The envelope and hash chain are built by `sealEvents`
 * (shared code), never by an adapter on its own.
 */
export interface EventStore {
  /**
   * Appends atomically: all events or none. Fails with WrongExpectedRevisionError when the
   * stream is not at `expectedRevision`. Re-appending a batch whose ids were all stored, in
   * order, by one earlier append to the same stream returns that append's result and writes
   * nothing (idempotent retries). Any other reuse of an id is a DuplicateEventIdError.
   */
  append(
    streamId: string,
    events: readonly ProposedEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;

  /** Reads a stream; an absent stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads one bounded batch of $all in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;

  /** Position of the last event in the log, or 0 when the log is empty. */
  headPosition(): Promise<number>;

  /** Resolves when the store answers; rejects with the reason otherwise (health checks). */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/** `program-123` → `program`. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

export function matchesFilter(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamCategories && !filter.streamCategories.includes(streamCategory(event.streamId)))
    return false;
  return true;
}
