import type { TreeTile } from './tree-tiles.port';

/**
 * Where the log's signed checkpoints live: beside the log, never inside its events, so the log
 * and its positions stay exactly what the writers appended. libs/audit makes and checks them;
 * this port only keeps them.
 */

/** Injection token for the CheckpointStore port. */
export const CHECKPOINT_STORE = Symbol('CheckpointStore');

/** A signed tree head as kept (libs/audit's SignedCheckpoint plus the frontier to resume from). */
export interface StoredCheckpoint {
  /** Events of $all covered (tree size); unique: one checkpoint per size. */
  readonly size: number;
  /** Global position of the last event covered (the size ↔ position mapping). */
  readonly lastPosition: number;
  /** RFC 9162 tree root over the first `size` event hashes, hex. */
  readonly rootHash: string;
  readonly timestamp: string;
  readonly keyId: string;
  /** Ed25519 signature, base64. */
  readonly signature: string;
  /**
   * The compact Merkle frontier at `size` (hex subtree roots, largest first): lets the writer
   * resume without re-reading the log. Derived data, not signed: a reader checks it folds to
   * `rootHash` before trusting it.
   */
  readonly frontier: readonly string[];
}

export interface CheckpointListOptions {
  /** Exclusive lower bound on size. Default: from the first checkpoint. */
  readonly afterSize?: number;
  /** Upper bound on the page size (bounded reads keep memory flat). */
  readonly maxCount: number;
}

export interface CheckpointStore {
  /**
   * Stores a checkpoint; one of the same size already stored is kept and this one dropped.
   * `tiles`: the tree tiles completed since the last checkpoint, kept in the same transaction by
   * a store that keeps them (see TreeTileReader), ignored by one that does not.
   */
  append(
    checkpoint: StoredCheckpoint,
    tiles?: readonly TreeTile[],
  ): Promise<{ readonly stored: boolean }>;
  /** The checkpoint of the largest size, if any. */
  latest(): Promise<StoredCheckpoint | undefined>;
  /** A page of checkpoints in increasing size. */
  list(options: CheckpointListOptions): Promise<StoredCheckpoint[]>;
  /** The smallest checkpoint whose size is at least `size` (the one a proof for leaf size − 1 uses). */
  atOrAfter(size: number): Promise<StoredCheckpoint | undefined>;
  close(): Promise<void>;
}
