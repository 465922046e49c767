/** What whole-log and per-stream verification can find, each located as precisely as it can be. */
export type VerificationProblemKind =
  /** The event's content (body, actor, any hashed field) no longer matches its stored hash. */
  | 'content-altered'
  /** prevHash is not the hash of the stream's previous event. */
  | 'chain-broken'
  /** Revisions are missing before this event (events deleted from the middle of a stream). */
  | 'revision-gap'
  /** A revision at or below one already seen (events reordered or duplicated). */
  | 'revision-out-of-order'
  /** Positions are missing ($all is dense on SQLite: rows were deleted). */
  | 'position-gap'
  /** The checkpoint's signature does not verify with the public key. */
  | 'checkpoint-signature'
  /** The tree over the first `size` events is not the one the checkpoint signed. */
  | 'checkpoint-root-mismatch'
  /** The event at leaf size − 1 is not at the position the checkpoint recorded. */
  | 'checkpoint-position-mismatch'
  /** The checkpoint covers more events than the log holds (events at its end were removed). */
  | 'checkpoint-beyond-log'
  /**
   * A stored tree tile (the export's cache of a block's tree nodes) is not the tree of the log's
   * events, or is stored for a block the log does not complete: the cache was altered.
   */
  | 'tree-tile-mismatch';

export interface VerificationProblem {
  readonly kind: VerificationProblemKind;
  /** The event's position, or for a range of events the first position suspected. */
  readonly position?: number;
  /** The last position of a suspected range (checkpoint problems locate a window). */
  readonly toPosition?: number;
  readonly streamId?: string;
  readonly revision?: number;
  /** The checkpoint concerned (its size). */
  readonly checkpointSize?: number;
  readonly detail: string;
}

export interface VerificationProgress {
  readonly checkedEvents: number;
  /** Position of the last event checked. */
  readonly position: number;
  /** The log's head when verification started (for a percentage). */
  readonly headPosition: number;
}

export interface LogVerification {
  readonly valid: boolean;
  readonly checkedEvents: number;
  /** Checkpoints checked (signature, root and position). */
  readonly checkpoints: number;
  /** Events after the latest checkpoint: chained, but not yet signed by any checkpoint. */
  readonly unsignedEvents: number;
  /** The tree root over every event read (hex). */
  readonly rootHash: string;
  readonly problems: readonly VerificationProblem[];
}

export interface StreamVerification {
  readonly valid: boolean;
  readonly streamId: string;
  readonly checkedEvents: number;
  readonly problems: readonly VerificationProblem[];
}
