import type { KeyObject } from 'node:crypto';
import {
  backoffDelay,
  logHashSource,
  pause,
  storedEvents,
  type BackoffOptions,
  type CheckpointStore,
  type EventStore,
  treeTileWriter,
  type LogHashSubscription,
  type StoredCheckpoint,
} from '@ledger/event-store';
import { eventLeafDigest, MerkleFrontier } from './merkle-tree';
import { signCheckpoint } from './signed-checkpoint';
import { backfillTreeTiles } from './tree-tile-backfill';
import { TreeTileBuilder } from './tree-tile-builder';

export interface LogCheckpointerOptions {
  /** The log to follow; its STORED events are read (hashes are over stored bytes). */
  readonly eventStore: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Ed25519 private key. */
  readonly signingKey: KeyObject;
  /** Sign once this many events are unsigned (CHECKPOINT_EVERY_EVENTS). */
  readonly everyEvents: number;
  /** …or once any event has waited this long unsigned (CHECKPOINT_EVERY_SECONDS). */
  readonly everySeconds: number;
  /**
   * Once caught up, how long the writer lets commits gather before it reads them (default
   * 100 ms): it signs every `everyEvents` events or `everySeconds` seconds, so reading each group
   * commit as it lands bought nothing and cost the command path a query per commit (SQLite: see
   * LogHashSource).
   */
  readonly gatherMs?: number;
  /** The checkpoint's timestamp (ISO 8601 UTC). Default: the system clock. */
  readonly clock?: () => string;
  /** Waits between attempts after a store error. Default: 250 ms doubling up to 30 s. */
  readonly retry?: BackoffOptions;
  readonly onRetry?: (retry: CheckpointerRetry) => void;
  readonly onCheckpoint?: (checkpoint: StoredCheckpoint) => void;
  /** After the start's tile backfill (backfillTreeTiles): the tiles it stored, or why it stopped. */
  readonly onTileBackfill?: (result: TileBackfillResult) => void;
}

export type TileBackfillResult = { readonly stored: number } | { readonly error: string };

/** Why the writer waits before it resumes (a store it needs did not answer), for logs. */
export interface CheckpointerRetry {
  readonly reason: string;
  readonly attempts: number;
  readonly retryInMs: number;
}

/**
 * The writer's notary (P10): follows $all from its latest checkpoint, folds each stored event
 * hash into the Merkle frontier, and records a signed checkpoint at most every `everyEvents`
 * events or `everySeconds` seconds. It runs beside the projector and the reactor, off the
 * command path: an append never waits for it, and a checkpoint commits to events already durable.
 *
 * It resumes from the frontier stored with the latest checkpoint (checked against its signed
 * root first), so a restart re-reads only the events after it. It also makes the tree's tiles
 * (TreeTileBuilder) and gives the ones completed since the last checkpoint to the store with the
 * next one (a store that keeps them writes them in the checkpoint's transaction); after a
 * restart, tiles start at the next block boundary, and a backfill at each start makes those of
 * signed blocks that have none (backfillTreeTiles). Held between two checkpoints: the tiles of
 * everyEvents leaves, 64 bytes a leaf (64 KiB at the default 1000). A store error is waited out with
 * backoff and resumed from the latest stored checkpoint; a stored frontier that does not fold to
 * its root (the table was tampered with) stops it (`failed`): it will not sign on top of that.
 */
export class LogCheckpointer {
  readonly failed: Promise<Error>;
  private reportFailure: (error: Error) => void = () => undefined;
  private failure: Error | undefined;
  private frontier = new MerkleFrontier();
  private tiles = new TreeTileBuilder(0);
  private lastPosition = 0;
  private signedSize = 0;
  private recording: Promise<unknown> = Promise.resolve();
  private subscription: LogHashSubscription | undefined;
  private loop: Promise<void> | undefined;
  private backfill: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly stopped = new AbortController();
  private readonly clock: () => string;

  constructor(private readonly options: LogCheckpointerOptions) {
    if (!Number.isSafeInteger(options.everyEvents) || options.everyEvents < 1)
      throw new RangeError(`everyEvents must be a positive integer, got ${options.everyEvents}`);
    if (!(options.everySeconds > 0))
      throw new RangeError(`everySeconds must be positive, got ${options.everySeconds}`);
    this.clock = options.clock ?? (() => new Date().toISOString());
    this.failed = new Promise((resolve) => (this.reportFailure = resolve));
  }

  /** Resumes from the latest checkpoint, then follows the log in the background. */
  async start(): Promise<void> {
    await this.resume();
    this.timer = setInterval(() => {
      void this.checkpointNow().catch(() => undefined);
    }, this.options.everySeconds * 1000);
    this.timer.unref();
    // The checkpoint it resumed from (read once, by resume): the backfill fills blocks below it.
    const signed = { size: this.signedSize, lastPosition: this.lastPosition };
    this.loop = this.follow();
    this.backfill = this.backfillTiles(signed);
  }

  /** Stops following, then signs what it has read and not yet signed. */
  async stop(): Promise<void> {
    this.stopped.abort();
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.close();
    await this.loop;
    await this.backfill;
    await this.checkpointNow().catch(() => undefined);
  }

  /** Signs and stores a checkpoint of every event read so far, unless they are all signed. */
  checkpointNow(): Promise<StoredCheckpoint | undefined> {
    const next = this.recording.then(() => this.record());
    this.recording = next.catch(() => undefined);
    return next;
  }

  private async record(): Promise<StoredCheckpoint | undefined> {
    const size = this.frontier.size;
    if (size <= this.signedSize) return undefined;
    const signed = signCheckpoint(
      {
        size,
        lastPosition: this.lastPosition,
        rootHash: this.frontier.root().toString('hex'),
        timestamp: this.clock(),
      },
      this.options.signingKey,
    );
    const checkpoint: StoredCheckpoint = { ...signed, frontier: this.frontier.hashes() };
    // Taken with the size: every pending tile ends at or before it. Dropped once stored.
    const tiles = this.tiles.pending;
    await this.options.checkpoints.append(checkpoint, tiles);
    this.tiles.drop(tiles.length);
    this.signedSize = Math.max(this.signedSize, size);
    this.options.onCheckpoint?.(checkpoint);
    return checkpoint;
  }

  private async resume(): Promise<void> {
    const latest = await this.options.checkpoints.latest();
    if (!latest) {
      this.frontier = new MerkleFrontier();
      this.tiles = new TreeTileBuilder(0);
      this.lastPosition = 0;
      this.signedSize = 0;
      return;
    }
    const frontier = MerkleFrontier.restore(latest.size, latest.frontier);
    if (frontier.root().toString('hex') !== latest.rootHash) {
      const error = new Error(
        `the frontier stored with checkpoint ${latest.size} does not fold to its signed root: ` +
          'the checkpoints table was altered; run the log verification',
      );
      this.failure = error;
      this.reportFailure(error);
      throw error;
    }
    this.frontier = frontier;
    this.tiles = new TreeTileBuilder(frontier.size);
    this.lastPosition = latest.lastPosition;
    this.signedSize = latest.size;
  }

  /**
   * In the background after the start: the tiles of complete, signed blocks that have none (a
   * log checkpointed before tiles existed, the block a restart resumed in, deleted rows). A cache
   * not made is only slower exports, so a failure is reported, not retried.
   */
  private async backfillTiles(signed: { size: number; lastPosition: number }): Promise<void> {
    const tiles = treeTileWriter(this.options.checkpoints);
    if (!tiles || signed.size === 0) return;
    try {
      const stored = await backfillTreeTiles({
        eventStore: this.options.eventStore,
        tiles,
        signed,
        signal: this.stopped.signal,
      });
      this.options.onTileBackfill?.({ stored });
    } catch (error) {
      this.options.onTileBackfill?.({
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * The log as (position, hash): from the adapter's own hash column where it has one (SQLite:
   * no bodies read or parsed, which cost the command path ~25 % of its CPU when this writer runs
   * in the api's process), otherwise from the stored events themselves.
   */
  private followHashes(after: number): LogHashSubscription {
    const hashes = logHashSource(this.options.eventStore);
    return hashes
      ? hashes.subscribeToLogHashes({ after, gatherMs: this.options.gatherMs ?? 100 })
      : storedEvents(this.options.eventStore).subscribeToAll({ after });
  }

  private async follow(): Promise<void> {
    let attempts = 0;
    while (!this.stopped.signal.aborted) {
      try {
        this.subscription = this.followHashes(this.lastPosition);
        for await (const event of this.subscription) {
          attempts = 0;
          this.frontier.appendLeafDigest(eventLeafDigest(event.hash), this.tiles);
          this.lastPosition = event.position;
          if (this.frontier.size - this.signedSize >= this.options.everyEvents)
            await this.checkpointNow();
        }
        if (this.stopped.signal.aborted) return;
        throw new Error('the subscription to $all ended');
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        attempts += 1;
        const retryInMs = backoffDelay(attempts, this.options.retry);
        const reason = error instanceof Error ? error.message : String(error);
        this.options.onRetry?.({ reason, attempts, retryInMs });
        await this.subscription?.close().catch(() => undefined);
        await pause(retryInMs, this.stopped.signal);
        // A tampered frontier stops it for good; a store still away is waited out again.
        await this.recording;
        await this.resume().catch(() => undefined);
        if (this.failure) return;
      }
    }
  }
}
