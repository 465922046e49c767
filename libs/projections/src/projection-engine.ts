import {
  CheckpointedConsumer,
  type BackoffOptions,
  type ConsumerDegradation,
  type ConsumerHandler,
  type ConsumerState,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { planBatch, withDerivedFigures, type BatchPlan } from './batch-planner';
import { ExclusiveSection } from './exclusive-section';
import { PendingDocuments, type PendingWrites } from './pending-documents';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projection';
import { rebuildProjection, type RebuildProgress, type RebuildResult } from './projection-rebuild';
import { ProjectionEngineStoppedError, ProjectionEngineStoreError } from './projection.errors';

export type { RebuildProgress, RebuildResult } from './projection-rebuild';

/**
 * The engine's default batch size. Since catch-up holds the documents it touches across pages
 * (flushEveryPages), a page's size no longer sets how often a document is written, only how
 * long a page's events stay alive: every projection folds the whole page, so a page of 5,000
 * parsed events outlived the young generation and was promoted, and the old generation grew
 * by a page's worth of garbage each time. Measured on the 200,000-event rebuild (whole-process
 * A/B pairs, medians, shared machine): 1000-event pages peak at 250 MB RSS instead of 329 MB,
 * for 0.94× the CPU time of 5000-event pages.
 */
export const DEFAULT_PROJECTION_BATCH_SIZE = 1000;

export interface ProjectionEngineOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  /**
   * Upper bound on the events of one batch (catch-up read size, live batch). Default
   * DEFAULT_PROJECTION_BATCH_SIZE (1000); see there why.
   */
  readonly batchSize?: number;
  /**
   * During catch-up, how many full pages are folded in memory before their documents and
   * checkpoints are written (one write per touched document per flush, not per page). Live
   * batches, the last page of a catch-up and a stop always flush. Default 200 (200,000 events
   * at the default batch size); 1 writes every page, as the engine did before.
   */
  readonly flushEveryPages?: number;
  /**
   * Bounds the memory of a deferred flush: once this many documents are held, the page that
   * reached it is flushed. Default 16,000: the 200,000-event rebuild (13,327 final documents)
   * then writes each document once (14,496 writes; 22,035 at 8,000, 71,057 page by page), for
   * 0.86× the CPU time of 8,000 and the same peak RSS (250 MB; whole-process A/B pairs,
   * medians, 1000-event pages): with short-lived pages, what is held is not what peaks.
   */
  readonly maxPendingDocuments?: number;
  /**
   * Test seam for crash tests: runs after a projection's documents of a batch were written and
   * before the checkpoints are saved. Throwing here fails the engine like a crash would.
   */
  readonly afterDocuments?: (projection: string, position: number) => void | Promise<void>;
  /**
   * Called after each flush (a live batch, or the catch-up pages held since the last one): how
   * far the log is written, how many events were read since the last call.
   */
  readonly onBatch?: (batch: { readonly upTo: number; readonly events: number }) => void;
  /**
   * Waits between attempts to resume after a store error (exponential, jittered). Default: from
   * 250 ms doubling up to 30 s. Tests pass small values.
   */
  readonly retry?: BackoffOptions;
  /** Called when a store error makes the engine wait and resume (for logs). */
  readonly onRetry?: (degraded: EngineDegradation) => void;
}

const NO_PROJECTIONS: readonly Projection[] = [];

/** Why the engine is waiting to resume (a store it needs did not answer). */
export type EngineDegradation = ConsumerDegradation;

/**
 * `retrying`: a store error interrupted the loop; it waits (backoff) and resumes from its
 * checkpoints. `failed`: a projection itself failed (a bug, a poison event); only a restart
 * after a fix resumes it.
 */
export type ProjectionEngineState = ConsumerState;

/**
 * Runs a set of projections from their checkpoints into one read store (STYLE.md 8, P5), as the
 * handler of one CheckpointedConsumer (catch-up by `readAll` filtered by the union of handled
 * types, then live on an unfiltered subscription, so every position moves the checkpoints and
 * `waitForPosition` works for any appended event; outages waited out with backoff).
 *
 * A batch: every projection above its checkpoint is folded first (`planBatch`), so a throwing
 * projection writes nothing of the batch; then, per projection, its changed documents
 * (`upsertMany`, `deleteMany`), THEN its checkpoint. Its parts: `batch-planner` (the fold),
 * `position-waiters` (read-your-writes), `projection-rebuild` (shadow replay and swap, run in
 * the `exclusive-section` between two batches).
 *
 * A store error (reading the log, the subscription failing or ending unasked, the read store)
 * is an outage: `retrying` with the reason (`degraded`), then resumed from the checkpoints.
 * Waiters keep waiting (and time out as usual). A projection's own failure (it throws: a bug or
 * a poison event) stops the engine: `state` is 'failed', `failed` resolves with the error,
 * waiters are rejected. A restart after a fix resumes from the checkpoints.
 */
export class ProjectionEngine {
  /** Resolves with the error that stopped the engine; never resolves while it runs well. */
  readonly failed: Promise<Error>;

  private readonly projections: readonly Projection[];
  private readonly batchSize: number;
  private readonly flushEveryPages: number;
  private readonly maxPendingDocuments: number;
  /** Saved checkpoints: the read store holds every projection's documents up to these. */
  private readonly checkpoints = new Map<string, number>();
  /** How far each projection is folded (in memory or written); at or past its checkpoint. */
  private readonly applied = new Map<string, number>();
  /** The projections that handle each event type (a batch is split by it in one pass). */
  private readonly projectionsByType = new Map<string, Projection[]>();
  /** Folded since the last flush, not written yet (see PendingDocuments). */
  private readonly pending = new PendingDocuments();
  /**
   * Collections known to hold no document: empty, with no checkpoint, when the engine loaded
   * its checkpoints, and not written since (the engine is their only writer, and every flush
   * forgets them all before it writes). Loads from them are answered without the store: a fresh
   * rebuild otherwise asks the store, page after page, for every new document it touches.
   */
  private readonly emptyCollections = new Set<string>();
  private pendingPages = 0;
  private pendingEvents = 0;
  private readonly waiters = new PositionWaiters();
  private readonly exclusiveSection = new ExclusiveSection();
  private readonly consumer: CheckpointedConsumer;
  private failure: Error | undefined;
  private started = false;
  private reportFailure: (error: Error) => void = () => undefined;

  constructor(private readonly options: ProjectionEngineOptions) {
    this.projections = [...options.projections];
    this.batchSize = options.batchSize ?? DEFAULT_PROJECTION_BATCH_SIZE;
    this.flushEveryPages = options.flushEveryPages ?? 200;
    this.maxPendingDocuments = options.maxPendingDocuments ?? 16_000;
    const names = new Set<string>();
    const collections = new Set<string>();
    const types = new Set<string>();
    for (const projection of this.projections) {
      if (names.has(projection.name)) {
        throw new Error(`two projections are named "${projection.name}"`);
      }
      if (collections.has(projection.collection)) {
        throw new Error(`two projections write collection "${projection.collection}"`);
      }
      names.add(projection.name);
      collections.add(projection.collection);
      for (const type of projection.handles) {
        types.add(type);
        const handling = this.projectionsByType.get(type);
        // A type listed twice still hands each event to the projection once.
        if (!handling) this.projectionsByType.set(type, [projection]);
        else if (!handling.includes(projection)) handling.push(projection);
      }
    }
    const handler: ConsumerHandler = {
      checkpoint: () => this.lowest(this.applied),
      eventTypes: [...types],
      handle: (events, upTo) => this.applyBatch(events, upTo),
      ping: () => this.storeCall('read store ping', () => options.readStore.ping()),
      betweenBatches: () => this.runExclusive(),
    };
    this.consumer = new CheckpointedConsumer({
      eventStore: options.eventStore,
      handler,
      batchSize: this.batchSize,
      isOutage: (error) => error instanceof ProjectionEngineStoreError,
      storeError: (operation, cause) => new ProjectionEngineStoreError(operation, cause),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      onEnd: (failure) => (failure ? this.fail(failure) : this.finish()),
    });
    this.failed = new Promise((resolve) => {
      this.reportFailure = resolve;
    });
  }

  get state(): ProjectionEngineState {
    return this.failure ? 'failed' : this.consumer.state;
  }

  /** The error that stopped the engine, if it failed. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Why the engine is waiting to resume, while a store it needs is away (else undefined). */
  get degraded(): EngineDegradation | undefined {
    return this.consumer.degraded;
  }

  /** The names of the read models this engine runs. */
  readModels(): readonly string[] {
    return this.projections.map((projection) => projection.name);
  }

  /** The collection a read model is served from. */
  collectionOf(name: string): string | undefined {
    return this.projections.find((projection) => projection.name === name)?.collection;
  }

  /** Each projection's checkpoint: the log is applied up to and including it. */
  positions(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.checkpoints);
  }

  /**
   * One read model's checkpoint (undefined for a name it does not run): what every query asks
   * to state the position it serves, without building `positions()` each time (2.4 % of a kept
   * project-list answer's server time, profiled under load).
   */
  position(name: string): number | undefined {
    return this.checkpoints.get(name);
  }

  /** Loads the checkpoints and starts the loop (catch-up, then live); resolves once it runs. */
  async start(): Promise<void> {
    if (this.started || this.state !== 'idle') {
      throw new Error(`cannot start: engine is ${this.state}`);
    }
    this.started = true;
    try {
      await this.loadCheckpoints();
    } catch (error) {
      this.fail(error);
      throw error;
    }
    this.consumer.start();
  }

  /**
   * Catch-up only: applies the log from the saved checkpoints up to its head, then returns the
   * position reached and goes back to idle (it may be called again). For rebuilds and tools;
   * a service calls `start()` instead.
   */
  async replayToHead(): Promise<number> {
    if (this.state !== 'idle') throw new Error(`cannot replay: engine is ${this.state}`);
    try {
      await this.loadCheckpoints();
      await this.consumer.catchUpToHead();
      await this.flush();
    } catch (error) {
      this.fail(error);
      throw error;
    }
    return this.reached();
  }

  /**
   * Rebuilds one read model from position 0 into a fresh collection and swaps it in between two
   * live batches once caught up, while this engine keeps serving the live one (see
   * `rebuildProjection`). Throws for an unknown name; a failed rebuild leaves the live read
   * model as it was.
   */
  async rebuild(
    name: string,
    onProgress: (progress: RebuildProgress) => void = () => undefined,
  ): Promise<RebuildResult> {
    const live = this.projections.find((projection) => projection.name === name);
    if (!live) throw new Error(`unknown read model "${name}"`);
    if (this.failure) throw this.failure;
    const { eventStore, readStore } = this.options;
    return rebuildProjection(
      live,
      {
        eventStore,
        readStore,
        replay: (shadow, onBatch) =>
          new ProjectionEngine({
            eventStore,
            readStore,
            projections: [shadow],
            batchSize: this.batchSize,
            onBatch,
          }),
        exclusive: (task) =>
          this.exclusiveSection.run(task, this.consumer.running, () => this.consumer.wake()),
        swapped: (position) => {
          this.checkpoints.set(live.name, position);
          this.applied.set(live.name, position);
        },
      },
      onProgress,
    );
  }

  /**
   * Finishes the batch in flight, writes what catch-up still held in memory, then stops;
   * resolves when the loop has ended.
   */
  async stop(): Promise<void> {
    await this.consumer.stop();
    if (!this.failure) await this.flush();
  }

  /**
   * Resolves when every projection's checkpoint is at or past `position` (read-your-writes);
   * rejects with PositionWaitTimeoutError after `timeoutMs`, or with the engine's error when it
   * fails or stops first.
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
    if (this.state !== 'idle' && this.reached() >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (this.state === 'stopped') return Promise.reject(new ProjectionEngineStoppedError());
    return this.waiters.wait(position, timeoutMs, () => this.reached());
  }

  private async loadCheckpoints(): Promise<void> {
    const { readStore } = this.options;
    for (const projection of this.projections) {
      for (const fields of projection.indexes ?? []) {
        await this.storeCall('ensureIndex', () =>
          readStore.ensureIndex(projection.collection, fields),
        );
      }
      for (const omit of projection.jsonViews ?? []) {
        await this.storeCall('ensureJsonView', () =>
          readStore.ensureJsonView(projection.collection, omit),
        );
      }
      const saved = await this.storeCall('getCheckpoint', () =>
        readStore.getCheckpoint(projection.name),
      );
      this.checkpoints.set(projection.name, saved ?? 0);
      this.applied.set(projection.name, saved ?? 0);
      // Without a checkpoint a collection may still hold documents (written before a crash
      // that came before their checkpoint): only one that counts none is known empty.
      const empty =
        saved === null &&
        (await this.storeCall('count', () => readStore.count(projection.collection))) === 0;
      if (empty) this.emptyCollections.add(projection.collection);
      else this.emptyCollections.delete(projection.collection);
    }
    this.discardPending();
  }

  /** The position every read model is written up to (what readers can see). */
  private reached(): number {
    return this.lowest(this.checkpoints);
  }

  private lowest(positions: ReadonlyMap<string, number>): number {
    let lowest = Number.MAX_SAFE_INTEGER;
    for (const position of positions.values()) lowest = Math.min(lowest, position);
    return lowest;
  }

  /** A rebuild's swap sees the collections as written: flush what catch-up holds first. */
  private async runExclusive(): Promise<void> {
    if (!this.exclusiveSection.pending) return;
    await this.flush();
    await this.exclusiveSection.runQueued();
  }

  /**
   * Folds `events` (position order) into the pending documents and moves every projection to
   * `upTo`; writes them (flush) unless this is a full catch-up page and the pending pages and
   * documents are within their bounds. A failure drops what was pending: the consumer resumes
   * from the saved checkpoints, and the position guard makes the re-delivered prefix harmless.
   */
  private async applyBatch(events: readonly RecordedEvent[], upTo: number): Promise<void> {
    try {
      const { readStore } = this.options;
      const load = this.pending.loaderOver((collection, ids) =>
        this.emptyCollections.has(collection)
          ? Promise.resolve([])
          : this.storeCall('getMany', () => readStore.getMany(collection, ids)),
      );
      const handled = this.eventsByProjection(events);
      const plans: BatchPlan[] = [];
      for (const projection of this.projections) {
        const applied = this.applied.get(projection.name) ?? 0;
        if (applied >= upTo) continue;
        plans.push(await planBatch(projection, applied, handled.get(projection) ?? [], load));
      }
      // Recorded only once every projection folded: a throwing one leaves nothing half-applied.
      for (const { projection, upserts, deletes } of plans) {
        this.pending.record(projection.collection, upserts, deletes);
        this.applied.set(projection.name, upTo);
      }
      this.pendingPages += 1;
      this.pendingEvents += events.length;
      const holdOn =
        this.consumer.state === 'catching-up' &&
        events.length === this.batchSize &&
        this.pendingPages < this.flushEveryPages &&
        this.pending.size < this.maxPendingDocuments;
      if (!holdOn) await this.flush();
    } catch (error) {
      this.discardPending();
      throw error;
    }
  }

  /**
   * Each projection's share of `events` (position order kept), split in one pass: one look-up
   * per event instead of every projection testing every event's type (with 11 read models
   * that test was most of the planner's own time).
   */
  private eventsByProjection(
    events: readonly RecordedEvent[],
  ): ReadonlyMap<Projection, RecordedEvent[]> {
    const handled = new Map<Projection, RecordedEvent[]>();
    for (const event of events) {
      for (const projection of this.projectionsByType.get(event.type) ?? NO_PROJECTIONS) {
        const share = handled.get(projection);
        if (share) share.push(event);
        else handled.set(projection, [event]);
      }
    }
    return handled;
  }

  /**
   * Writes the pending documents, projection by projection, then every projection's checkpoint
   * in one call (P5: documents first); settles the waiters the new checkpoints satisfy.
   */
  private async flush(): Promise<void> {
    const { readStore } = this.options;
    // Whatever this flush writes (even if it fails part-way) may land in any collection.
    this.emptyCollections.clear();
    // Every projection's writes first, derived figures included: a derivation that throws
    // writes nothing of this flush.
    const writes: (PendingWrites & { projection: Projection; applied: number })[] = [];
    for (const projection of this.projections) {
      const applied = this.applied.get(projection.name) ?? 0;
      if (applied <= (this.checkpoints.get(projection.name) ?? 0)) continue;
      const { upserts, deletes } = this.pending.writesOf(projection.collection);
      writes.push({
        projection,
        applied,
        upserts: withDerivedFigures(projection, upserts),
        deletes,
      });
    }
    for (const { projection, applied, upserts, deletes } of writes) {
      if (upserts.length > 0) {
        await this.storeCall('upsertMany', () =>
          readStore.upsertMany(projection.collection, upserts),
        );
      }
      if (deletes.length > 0) {
        await this.storeCall('deleteMany', () =>
          readStore.deleteMany(projection.collection, deletes),
        );
      }
      await this.options.afterDocuments?.(projection.name, applied);
    }
    // Then every checkpoint in one call (one commit on SQLite): a live batch moves all eleven
    // read models, and eleven commits of a checkpoint each cost more than its documents.
    const saved = writes.map(({ projection, applied }) => ({
      name: projection.name,
      position: applied,
    }));
    if (saved.length > 0) {
      await this.storeCall('saveCheckpoints', () => readStore.saveCheckpoints(saved));
      for (const { name, position } of saved) this.checkpoints.set(name, position);
    }
    const events = this.pendingEvents;
    this.forgetPending();
    if (saved.length > 0 || events > 0) this.options.onBatch?.({ upTo: this.reached(), events });
    this.waiters.settle(this.reached());
  }

  /** Forgets what was folded but not written: back to the saved checkpoints. */
  private discardPending(): void {
    this.forgetPending();
    for (const [name, checkpoint] of this.checkpoints) this.applied.set(name, checkpoint);
  }

  /** Empties the pending documents and their page and event counts. */
  private forgetPending(): void {
    this.pending.clear();
    this.pendingPages = 0;
    this.pendingEvents = 0;
  }

  private async storeCall<T>(operation: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (cause) {
      throw new ProjectionEngineStoreError(operation, cause);
    }
  }

  private finish(): void {
    if (this.failure) return;
    this.waiters.rejectAll(new ProjectionEngineStoppedError());
    void this.exclusiveSection.runQueued();
  }

  private fail(error: unknown): void {
    const reason = error instanceof Error ? error : new Error(String(error));
    this.failure ??= reason;
    this.waiters.rejectAll(reason);
    this.reportFailure(reason);
    this.exclusiveSection.drain();
  }
}
