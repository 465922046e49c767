import type { EventStore } from './event-store.port';
import { adapterCapability } from './adapter-capability';

/** An event of the log reduced to what the Merkle tree over the log needs. */
export interface LogHash {
  readonly position: number;
  /** The event's stored hash (hex), as the append computed it. */
  readonly hash: string;
}

/** A catch-up-then-live subscription to the log's hashes, in position order. */
export interface LogHashSubscription extends AsyncIterable<LogHash> {
  close(): Promise<void>;
}

/**
 * What an adapter that keeps each event's hash in a column of its own can offer the signed-
 * checkpoint writer: $all reduced to (position, hash), read without the bodies and never parsed.
 * The writer follows every event of the log on the command process (embedded default); reading
 * and parsing whole events only to take their hash cost the command path about a quarter of its
 * CPU on an append-bound load (docs/BENCHMARKS.md, checkpoint-cost). SQLite offers it; KurrentDB
 * does not (its client hands over whole events), and the writer there takes the hash from them.
 */
export interface LogHashSource {
  subscribeToLogHashes(options?: {
    readonly after?: number;
    /**
     * Once caught up, how long to wait after a commit before reading (default 0): a follower
     * that signs every N events or T seconds gains nothing from reading each group commit on its
     * own, and one read per commit cost the command path ~3.6 µs per event in queries.
     */
    readonly gatherMs?: number;
  }): LogHashSubscription;
}

/**
 * The same column read once over a bounded range, for a caller that wants a range rather than a
 * subscription that reads ahead (the tile backfill: a block of 256 at a time). SQLite offers it.
 */
export interface LogHashReader {
  /** At most `maxCount` (position, hash) strictly after `after`, in position order. */
  readLogHashes(after: number, maxCount: number): Promise<LogHash[]>;
}

/** The log-hash reader of the store under any upcasting decorator, if its adapter has one. */
export function logHashReader(store: EventStore): LogHashReader | undefined {
  return adapterCapability<LogHashReader>(store, 'readLogHashes');
}

/** The log-hash source of the store under any upcasting decorator, if its adapter has one. */
export function logHashSource(store: EventStore): LogHashSource | undefined {
  return adapterCapability<LogHashSource>(store, 'subscribeToLogHashes');
}
