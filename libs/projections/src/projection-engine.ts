import {
  backoffDelay,
  pause,
  type AllSubscription,
  type BackoffOptions,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import type { ReadDocument, ReadStore } from '@ledger/read-store';
import { documentIdsOf, type Projection } from './projection';
import {
  PositionWaitTimeoutError,
  ProjectionEngineStoppedError,
  ProjectionEngineStoreError,
  ProjectionFailedError,
} from './projection.errors';

export interface ProjectionEngineOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  /**
   * Upper bound on the events of one batch (catch-up read size, live batch). Default 5000:
   * each batch loads, parses, folds and writes back every document it touches, so a catch-up
   * over a long log costs about the number of batches × the documents a batch touches. Measured
   * on the first 60,000 events of the rebuild benchmark's history: 8,200 events/s at 2000,
   * 14,000 at 5000 (peak RSS 257 MB), 16,700 at 10,000 (292 MB).
   */
  readonly batchSize?: number;
  /**
   * Test seam for crash tests: runs after a projection's documents of a batch were written and
   * before its checkpoint is saved. Throwing here fails the engine like a crash would.
   */
  readonly afterDocuments?: (projection: string, position: number) => void | Promise<void>;
  /** Called after each batch is written: how far the log is applied, how many events it held. */
  readonly onBatch?: (batch: { readonly upTo: number; readonly events: number }) => void;
  /**
   * Waits between attempts to resume after a store error (exponential, jittered). Default: from
   * 250 ms doubling up to 30 s. Tests pass small values.
   */
  readonly retry?: BackoffOptions;
  /** Called when a store error makes the engine wait and resume (for logs). */
  readonly onRetry?: (degraded: EngineDegradation) => void;
}

/** Why the engine is waiting to resume (a store it needs did not answer). */
export interface EngineDegradation {
  /** The store error, as a message. */
  readonly reason: string;
  /** When the current outage began (ISO 8601). */
  readonly since: string;
  /** Failed attempts since then. */
  readonly attempts: number;
  /** The wait before the next attempt (ms). */
  readonly retryInMs: number;
}

/** How a rebuild is going (`ProjectionEngine.rebuild`'s onProgress). */
export interface RebuildProgress {
  readonly readModel: string;
  /** replaying: folding the log into the fresh collection; swapping: caught up, swapping in. */
  readonly phase: 'replaying' | 'swapping' | 'swapped';
  /** The log position replayed so far, and the log's head when the rebuild last looked. */
  readonly position: number;
  readonly head: number;
  /** Events of the handled types folded so far. */
  readonly events: number;
}

export interface RebuildResult {
  readonly readModel: string;
  /** The position the swapped-in collection reflects (its checkpoint). */
  readonly position: number;
  readonly events: number;
  readonly documents: number;
  readonly elapsedMs: number;
}

interface ExclusiveTask {
  readonly run: () => Promise<void>;
}

/**
 * `retrying`: a store error interrupted the loop; it waits (backoff) and resumes from its
 * checkpoints. `failed`: a projection itself failed (a bug, a poison event); only a restart
 * after a fix resumes it.
 */
export type ProjectionEngineState =
  'idle' | 'catching-up' | 'live' | 'retrying' | 'stopping' | 'stopped' | 'failed';

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

interface Plan {
  readonly projection: Projection;
  readonly upserts: ReadDocument[];
  readonly deletes: string[];
}

const WAIT = Symbol('wait');
const nextMacrotask = (): Promise<typeof WAIT> =>
  new Promise((resolve) => setImmediate(() => resolve(WAIT)));

/**
 * Runs a set of projections from their checkpoints into one read store (STYLE.md 8, P5).
 *
 * One loop, one batch at a time:
 * - catch-up: `readAll` after the lowest checkpoint, `batchSize` events, filtered by the union
 *   of handled types. A full batch covers the log up to its last event; a short one covers it up
 *   to the head read just before it (positions become visible in increasing order), so
 *   checkpoints also move past events no projection handles.
 * - live: once a read comes back short, `subscribeToAll` (unfiltered, so every position moves
 *   the checkpoints and `waitForPosition` works for any appended event) from the checkpoint;
 *   the subscription hands over from its own catch-up with no gap. A batch is the events it
 *   delivers without waiting (up to `batchSize`).
 * - a batch: per projection, events above its checkpoint of the types it handles are grouped by
 *   document; the documents are loaded (`getMany`) and each group folded in position order,
 *   skipping events at or below the document's stored position (P5). All projections are
 *   folded before anything is written, so a throwing projection writes nothing of the batch.
 *   Then, per projection: changed documents (`upsertMany`, `deleteMany`), THEN its checkpoint.
 * - a store error (reading the log, the subscription failing or ending unasked, writing the read
 *   store) is an outage, not a verdict: the engine closes its subscription, reports `retrying`
 *   with the reason (`degraded`), waits with exponential backoff and jitter, and resumes from
 *   its checkpoints (catch-up, then live again), for as long as it takes. Waiters keep waiting
 *   (and time out as usual). Nothing is skipped; the position guard makes a re-applied prefix
 *   harmless.
 * - a projection's own failure (it throws: a bug or a poison event) stops the engine: `state`
 *   is 'failed', `failed` resolves with the error, waiters are rejected. Retrying would fail the
 *   same way; a restart after a fix resumes from the checkpoints.
 */
export class ProjectionEngine {
  /** Resolves with the error that stopped the engine; never resolves while it runs well. */
  readonly failed: Promise<Error>;

  private readonly projections: readonly Projection[];
  private readonly handledBy = new Map<Projection, ReadonlySet<string>>();
  private readonly handledTypes: string[];
  private readonly batchSize: number;
  private readonly checkpoints = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private currentState: ProjectionEngineState = 'idle';
  private failure: Error | undefined;
  private stopRequested = false;
  private loop: Promise<void> | undefined;
  private subscription: AllSubscription | undefined;
  private reportFailure: (error: Error) => void = () => undefined;
  private degradation: EngineDegradation | undefined;
  private readonly stopSignal = new AbortController();
  private readonly exclusiveTasks: ExclusiveTask[] = [];
  private wakeForExclusive: (() => void) | undefined;

  constructor(private readonly options: ProjectionEngineOptions) {
    this.projections = [...options.projections];
    this.batchSize = options.batchSize ?? 5000;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
    }
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
      this.handledBy.set(projection, new Set(projection.handles));
      for (const type of projection.handles) types.add(type);
    }
    this.handledTypes = [...types];
    this.failed = new Promise((resolve) => {
      this.reportFailure = resolve;
    });
  }

  get state(): ProjectionEngineState {
    return this.currentState;
  }

  /** The error that stopped the engine, if it failed. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Why the engine is waiting to resume, while a store it needs is away (else undefined). */
  get degraded(): EngineDegradation | undefined {
    return this.degradation;
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

  /** Loads the checkpoints and starts the loop (catch-up, then live); resolves once it runs. */
  async start(): Promise<void> {
    if (this.currentState !== 'idle')
      throw new Error(`cannot start: engine is ${this.currentState}`);
    this.currentState = 'catching-up';
    try {
      await this.loadCheckpoints();
    } catch (error) {
      this.fail(error);
      throw error;
    }
    this.loop = this.run();
  }

  /**
   * Catch-up only: applies the log from the saved checkpoints up to its head, then returns the
   * position reached and goes back to idle (it may be called again). For rebuilds and tools;
   * a service calls `start()` instead.
   */
  async replayToHead(): Promise<number> {
    if (this.currentState !== 'idle') {
      throw new Error(`cannot replay: engine is ${this.currentState}`);
    }
    this.currentState = 'catching-up';
    try {
      await this.loadCheckpoints();
      await this.catchUp();
    } catch (error) {
      this.fail(error);
      throw error;
    }
    this.currentState = 'idle';
    return this.reached();
  }

  /**
   * Rebuilds one read model from position 0 into a fresh collection and swaps it in once caught
   * up, while this engine keeps serving (and, if started, following) the live one:
   * 1. a shadow of the projection (`<name>.rebuild` into `<collection>_rebuild`) replays the
   *    log from 0 up to the head, alongside the live loop; queries keep reading the live one;
   * 2. between two live batches (the live loop waits), the shadow replays what arrived
   *    meanwhile, the shadow collection replaces the live one (`renameCollection`, atomic for
   *    readers), and the live checkpoint moves to the shadow's. The live loop then continues
   *    from there into the swapped-in collection.
   * The swap happens in the process that writes the read model (single writer), so no batch
   * of the old collection can land on the new one. A crash before the swap leaves the live
   * read model untouched (the next rebuild drops the leftovers); a crash between the rename
   * and the checkpoint leaves a checkpoint at or below the documents' positions, which P5 makes
   * harmless. Throws for an unknown name; a failed rebuild leaves the live read model as it was.
   */
  async rebuild(
    name: string,
    onProgress: (progress: RebuildProgress) => void = () => undefined,
  ): Promise<RebuildResult> {
    const live = this.projections.find((projection) => projection.name === name);
    if (!live) throw new Error(`unknown read model "${name}"`);
    if (this.failure) throw this.failure;
    const started = Date.now();
    const shadow: Projection = {
      ...live,
      name: `${live.name}.rebuild`,
      collection: `${live.collection}_rebuild`,
    };
    const { eventStore, readStore } = this.options;
    await readStore.dropCollection(shadow.collection);
    await readStore.saveCheckpoint(shadow.name, 0);
    let events = 0;
    let head = await eventStore.headPosition();
    let phase: RebuildProgress['phase'] = 'replaying';
    const replay = new ProjectionEngine({
      eventStore,
      readStore,
      projections: [shadow],
      batchSize: this.batchSize,
      onBatch: (batch) => {
        events += batch.events;
        head = Math.max(head, batch.upTo);
        onProgress({ readModel: name, phase, position: batch.upTo, head, events });
      },
    });
    onProgress({ readModel: name, phase, position: 0, head, events });
    await replay.replayToHead();
    phase = 'swapping';
    let position = 0;
    await this.exclusive(async () => {
      position = await replay.replayToHead();
      head = Math.max(head, position);
      onProgress({ readModel: name, phase, position, head, events });
      const documents = await readStore.count(shadow.collection);
      if (documents === 0) await readStore.dropCollection(live.collection);
      else await readStore.renameCollection(shadow.collection, live.collection);
      await readStore.saveCheckpoint(live.name, position);
      this.checkpoints.set(live.name, position);
    });
    const documents = await readStore.count(live.collection);
    onProgress({ readModel: name, phase: 'swapped', position, head, events });
    return { readModel: name, position, events, documents, elapsedMs: Date.now() - started };
  }

  /**
   * Runs `task` while the loop is between two batches (now, when the loop is not running).
   * Work that must not interleave with a batch (a swap) goes through here.
   */
  private exclusive(task: () => Promise<void>): Promise<void> {
    const running = ['catching-up', 'live', 'retrying', 'stopping'].includes(this.currentState);
    if (!running) return task();
    return new Promise<void>((resolve, reject) => {
      this.exclusiveTasks.push({
        run: () =>
          task().then(resolve, (error: unknown) => {
            reject(error instanceof Error ? error : new Error(String(error)));
          }),
      });
      this.wakeForExclusive?.();
    });
  }

  /** Runs the queued exclusive tasks (the loop calls this between batches). */
  private async runExclusiveTasks(): Promise<void> {
    for (let task = this.exclusiveTasks.shift(); task; task = this.exclusiveTasks.shift()) {
      await task.run();
    }
  }

  private async loadCheckpoints(): Promise<void> {
    for (const projection of this.projections) {
      for (const fields of projection.indexes ?? []) {
        await this.store('ensureIndex', () =>
          this.options.readStore.ensureIndex(projection.collection, fields),
        );
      }
      const saved = await this.store('getCheckpoint', () =>
        this.options.readStore.getCheckpoint(projection.name),
      );
      this.checkpoints.set(projection.name, saved ?? 0);
    }
  }

  /** Finishes the batch in flight, then stops; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.currentState === 'idle') {
      this.finish();
      return;
    }
    if (['catching-up', 'live', 'retrying'].includes(this.currentState)) {
      this.currentState = 'stopping';
    }
    this.stopSignal.abort();
    await this.subscription?.close();
    await this.loop;
  }

  /**
   * Resolves when every projection's checkpoint is at or past `position` (read-your-writes);
   * rejects with PositionWaitTimeoutError after `timeoutMs`, or with the engine's error when it
   * fails or stops first.
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
    if (this.currentState !== 'idle' && this.reached() >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (this.currentState === 'stopped') return Promise.reject(new ProjectionEngineStoppedError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new PositionWaitTimeoutError(position, timeoutMs, this.reached()));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private reached(): number {
    let lowest = Number.MAX_SAFE_INTEGER;
    for (const position of this.checkpoints.values()) lowest = Math.min(lowest, position);
    return lowest;
  }

  private async run(): Promise<void> {
    let attempts = 0;
    while (!this.stopRequested) {
      try {
        if (this.degradation) {
          // Back from a pause: resume only once both stores answer (a batch with nothing to
          // write would otherwise look like a recovery while the read store is still away).
          const { eventStore, readStore } = this.options;
          await this.store('event store ping', () => eventStore.ping());
          await this.store('read store ping', () => readStore.ping());
        }
        this.currentState = 'catching-up';
        await this.catchUp();
        if (this.stopRequested) break;
        this.currentState = 'live';
        await this.followLive();
      } catch (error) {
        if (!(error instanceof ProjectionEngineStoreError)) {
          this.fail(error);
          return;
        }
        if (this.stopRequested) break;
        attempts = this.degradation ? attempts + 1 : 1;
        const retryInMs = backoffDelay(attempts, this.options.retry);
        this.degradation = {
          reason: error.message,
          since: this.degradation?.since ?? new Date().toISOString(),
          attempts,
          retryInMs,
        };
        this.currentState = 'retrying';
        this.options.onRetry?.(this.degradation);
        await pause(retryInMs, this.stopSignal.signal);
      }
    }
    this.finish();
  }

  private async catchUp(): Promise<void> {
    const { eventStore } = this.options;
    while (!this.stopRequested) {
      // Catch-up over a local store can run on microtasks alone; let HTTP and timers in
      // between two batches so a process catching up keeps answering (health, queries).
      await nextMacrotask();
      await this.runExclusiveTasks();
      const after = this.reached();
      // Read before the batch: everything at or below it is visible to the read that follows.
      const head = await this.store('headPosition', () => eventStore.headPosition());
      const events = await this.store('readAll', () =>
        eventStore.readAll({
          after,
          maxCount: this.batchSize,
          filter: { eventTypes: this.handledTypes },
        }),
      );
      const last = events[events.length - 1]?.position ?? after;
      const full = events.length === this.batchSize;
      await this.applyBatch(events, full ? last : Math.max(head, last));
      if (!full) return;
    }
  }

  private async followLive(): Promise<void> {
    const subscription = this.options.eventStore.subscribeToAll({ after: this.reached() });
    this.subscription = subscription;
    const events = subscription[Symbol.asyncIterator]();
    // A subscription that fails (server restart, leader change, dropped connection) is a store
    // error like any other: the run loop resubscribes from the checkpoint after a pause.
    const iterator = {
      next: (): Promise<IteratorResult<RecordedEvent>> =>
        events.next().catch((cause: unknown) => {
          throw new ProjectionEngineStoreError('subscribeToAll', cause);
        }),
    };
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    try {
      while (!this.stopRequested) {
        await this.runExclusiveTasks();
        pending ??= iterator.next();
        const woken = new Promise<typeof WAIT>((resolve) => {
          this.wakeForExclusive = () => resolve(WAIT);
        });
        const first = await Promise.race([pending, woken]);
        this.wakeForExclusive = undefined;
        if (first === WAIT) continue;
        pending = undefined;
        if (first.done) break;
        const batch = [first.value];
        let ended = false;
        // Take what the subscription hands out without waiting; a step that would wait is kept
        // for the next batch.
        while (batch.length < this.batchSize) {
          pending = iterator.next();
          pending.catch(() => undefined);
          const step = await Promise.race([pending, nextMacrotask()]);
          if (step === WAIT) break;
          pending = undefined;
          if (step.done) {
            ended = true;
            break;
          }
          batch.push(step.value);
        }
        await this.applyBatch(batch, batch[batch.length - 1]?.position ?? this.reached());
        if (ended) break;
      }
      if (!this.stopRequested) {
        throw new ProjectionEngineStoreError('subscribeToAll', new Error('the subscription ended'));
      }
    } finally {
      await subscription.close();
      this.subscription = undefined;
    }
  }

  /** Applies `events` (position order) and moves every checkpoint to `upTo`. */
  private async applyBatch(events: readonly RecordedEvent[], upTo: number): Promise<void> {
    const plans: Plan[] = [];
    for (const projection of this.projections) {
      const checkpoint = this.checkpoints.get(projection.name) ?? 0;
      if (checkpoint >= upTo) continue;
      plans.push(await this.fold(projection, checkpoint, events));
    }
    const { readStore } = this.options;
    for (const { projection, upserts, deletes } of plans) {
      if (upserts.length > 0) {
        await this.store('upsertMany', () => readStore.upsertMany(projection.collection, upserts));
      }
      if (deletes.length > 0) {
        await this.store('deleteMany', () => readStore.deleteMany(projection.collection, deletes));
      }
      await this.options.afterDocuments?.(projection.name, upTo);
      await this.store('saveCheckpoint', () => readStore.saveCheckpoint(projection.name, upTo));
      this.checkpoints.set(projection.name, upTo);
    }
    // A batch went through: whatever outage there was is over.
    this.degradation = undefined;
    this.options.onBatch?.({ upTo, events: events.length });
    this.settleWaiters();
  }

  /** The pure part: what `projection` makes of the batch, nothing written yet. */
  private async fold(
    projection: Projection,
    checkpoint: number,
    events: readonly RecordedEvent[],
  ): Promise<Plan> {
    const handles = this.handledBy.get(projection) ?? new Set<string>();
    const groups = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (event.position <= checkpoint || !handles.has(event.type)) continue;
      for (const id of this.call(projection, event, () => documentIdsOf(projection, event))) {
        const group = groups.get(id);
        if (group) group.push(event);
        else groups.set(id, [event]);
      }
    }
    const plan: Plan = { projection, upserts: [], deletes: [] };
    if (groups.size === 0) return plan;
    const loaded = await this.store('getMany', () =>
      this.options.readStore.getMany(projection.collection, [...groups.keys()]),
    );
    const stored = new Map(loaded.map((document) => [document._id, document]));
    for (const [id, group] of groups) {
      const before = stored.get(id) ?? null;
      let document = before;
      for (const event of group) {
        // P5: the document already reflects this event (delivered again after a crash).
        if (document && event.position <= document.position) continue;
        const next = this.call(projection, event, () => projection.apply(document, event));
        if (next === document) continue;
        document = next === null ? null : { ...next, _id: id, position: event.position };
      }
      if (document === before) continue;
      if (document) plan.upserts.push(document);
      else if (before) plan.deletes.push(id);
    }
    return plan;
  }

  private call<T>(projection: Projection, event: RecordedEvent, body: () => T): T {
    try {
      return body();
    } catch (cause) {
      throw new ProjectionFailedError(
        projection.name,
        event.position,
        event.type,
        event.streamId,
        cause,
      );
    }
  }

  private async store<T>(operation: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (cause) {
      throw new ProjectionEngineStoreError(operation, cause);
    }
  }

  private settleWaiters(): void {
    const reached = this.reached();
    for (const waiter of this.waiters) {
      if (waiter.position <= reached) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private rejectWaiters(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }

  private finish(): void {
    if (this.currentState === 'failed') return;
    this.currentState = 'stopped';
    this.rejectWaiters(new ProjectionEngineStoppedError());
    void this.runExclusiveTasks();
  }

  private fail(error: unknown): void {
    const reason = error instanceof Error ? error : new Error(String(error));
    this.degradation = undefined;
    this.failure ??= reason;
    this.currentState = 'failed';
    this.rejectWaiters(reason);
    this.reportFailure(reason);
    for (let task = this.exclusiveTasks.shift(); task; task = this.exclusiveTasks.shift()) {
      void task.run().catch(() => undefined);
    }
  }
}
