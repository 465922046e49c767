/**
 * A stream folded up to a revision: what the command path would get by reading and folding the
 * stream from its start, kept so that the next command reads only the events after `revision`.
 * A cached fold is a fact about a prefix of an append-only stream, so it never becomes wrong,
 * only old: the reader brings it up to date by reading what follows, and the append's expected
 * revision still decides whether a command ran on the newest state.
 */
export interface FoldedStream {
  /** The definition that folded it: a look-up with another definition does not use it. */
  readonly foldedBy: object;
  readonly state: unknown;
  /** Revision of the last event folded in (-1: the stream did not exist). */
  readonly revision: number;
  /** Global position of that event (0 when none). */
  readonly position: number;
  /**
   * Ids of the events in the folded prefix that carry an Idempotency-Key: the first event of a
   * keyed command has an id derived from (caller, key), so a key absent from here was never
   * used on this stream up to `revision`. Only ever grows (shared by an entry and its
   * successors), so it may also hold ids past `revision`: a hit only sends the caller to read
   * the whole stream, which is authoritative.
   */
  readonly keyedEventIds: Set<string>;
}

/**
 * The command path's folded states, one per stream, least recently used evicted beyond
 * `capacity` (0 turns the cache off). Only a cache: losing it (a restart, an eviction, a
 * conflict) costs a full re-read, never a fact.
 */
export class FoldedStateCache {
  private readonly entries = new Map<string, FoldedStream>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new Error(`folded-state cache capacity must be a whole number ≥ 0, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stream's cached fold by that definition, marked as just used. */
  get(streamId: string, foldedBy: object): FoldedStream | undefined {
    const entry = this.entries.get(streamId);
    if (entry === undefined) return undefined;
    if (entry.foldedBy !== foldedBy) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  /** Keeps `entry` unless a fold of the same stream at a later revision is already kept. */
  put(streamId: string, entry: FoldedStream): void {
    if (this.capacity === 0) return;
    const kept = this.entries.get(streamId);
    if (kept !== undefined && kept.foldedBy === entry.foldedBy && kept.revision > entry.revision) {
      return;
    }
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  drop(streamId: string): void {
    this.entries.delete(streamId);
  }
}
