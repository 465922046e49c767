import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { backoffDelay, type BackoffOptions } from '@ledger/event-store';
import {
  PositionWaiters,
  ProjectionEngineStoppedError,
  type EngineDegradation,
  type Projection,
  type ProjectionEngineState,
  type RebuildProgress,
  type RebuildResult,
} from '@ledger/projections';
import type { ProjectionRunner } from '../projection-runner';
import type {
  FromProjectorWorker,
  ProjectorWorkerData,
  ToProjectorWorker,
} from './projector-worker.messages';

/**
 * The worker's script, built beside this file. Absent when this file runs from its TypeScript
 * source (ts-jest): a worker thread cannot load .ts, so the engine stays on the main thread
 * there unless a test passes `spawn`.
 */
export const PROJECTOR_WORKER_SCRIPT = join(__dirname, 'projector-worker.main.js');

/** Whether a worker can be started from the built script (see PROJECTOR_WORKER_SCRIPT). */
export function projectorWorkerScriptBuilt(): boolean {
  return existsSync(PROJECTOR_WORKER_SCRIPT);
}

export interface ProjectorWorkerLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectorWorkerOptions {
  /** DATA_DIR: the worker opens events.sqlite and read.sqlite there. */
  readonly dataDir: string;
  /** The read models the worker runs (READ_MODELS): their names and collections. */
  readonly projections: readonly Projection[];
  /**
   * This process's commits (the main thread's SqliteEventStore.onCommit): each one wakes the
   * worker's subscription at once. Without it the worker finds them at its poll (250 ms).
   */
  readonly onCommit?: (listener: () => void) => () => void;
  /** Waits before restarting a worker that died (exponential, jittered). Default 250 ms → 30 s. */
  readonly restart?: BackoffOptions;
  readonly log: ProjectorWorkerLog;
  /** Starts the thread; default: a Worker on PROJECTOR_WORKER_SCRIPT. A test seam. */
  readonly spawn?: (data: ProjectorWorkerData) => Worker;
}

interface PendingRebuild {
  readonly onProgress: (progress: RebuildProgress) => void;
  readonly resolve: (result: RebuildResult) => void;
  readonly reject: (error: Error) => void;
}

/** How long stop() waits for the worker to flush and end before terminating it. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * The projection engine in a worker thread (issue 12, embedded mode), seen from the main thread
 * as the engine itself (ProjectionRunner): better-sqlite3 is synchronous, so on the main thread
 * every live flush (one upsert and one checkpoint transaction per read model) and every read of
 * new events ran on the event loop that answers requests; in the worker they run on the other
 * core. The worker reports each read model's checkpoint after each flush (documents committed
 * first, P5), so `waitForPosition` here (what `minPosition` waits on) resolves only once the
 * main thread's own read-store connection can see those documents: read-your-writes holds.
 *
 * A worker that dies (an uncaught error, out of memory) is reported (`retrying`, `degraded` with
 * the reason, on /health) and started again after a backoff; it resumes from the checkpoints,
 * and waiters keep waiting (they time out as usual). A projection's own failure stops it for
 * good (`failed`), as on the main thread: a restart would fail the same way.
 */
export class ProjectorWorker implements ProjectionRunner {
  readonly failed: Promise<Error>;

  private currentState: ProjectionEngineState = 'idle';
  private currentPositions: Record<string, number>;
  private degradation: EngineDegradation | undefined;
  private failure: Error | undefined;
  private readonly waiters = new PositionWaiters();
  private worker: Worker | undefined;
  private lastError: Error | undefined;
  private stopRequested = false;
  private stopping: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Deaths since a batch last went through (the restart backoff grows with them). */
  private crashes = 0;
  private crashedSince: string | undefined;
  private stopListening: (() => void) | undefined;
  private nextRebuildId = 1;
  private readonly rebuilds = new Map<number, PendingRebuild>();
  private reportFailure: (error: Error) => void = () => undefined;
  private settleStart: ((error?: Error) => void) | undefined;

  constructor(private readonly options: ProjectorWorkerOptions) {
    this.currentPositions = Object.fromEntries(
      options.projections.map((projection) => [projection.name, 0]),
    );
    this.failed = new Promise((resolve) => {
      this.reportFailure = resolve;
    });
  }

  get state(): ProjectionEngineState {
    return this.failure ? 'failed' : this.currentState;
  }

  get error(): Error | undefined {
    return this.failure;
  }

  get degraded(): EngineDegradation | undefined {
    return this.degradation;
  }

  readModels(): readonly string[] {
    return this.options.projections.map((projection) => projection.name);
  }

  collectionOf(name: string): string | undefined {
    return this.options.projections.find((projection) => projection.name === name)?.collection;
  }

  positions(): Readonly<Record<string, number>> {
    return { ...this.currentPositions };
  }

  /** Starts the thread; resolves once it loaded the checkpoints and runs (like engine.start). */
  async start(): Promise<void> {
    if (this.worker || this.currentState !== 'idle' || this.stopRequested) {
      throw new Error(`cannot start: engine is ${this.state}`);
    }
    await new Promise<void>((resolve, reject) => {
      this.settleStart = (error) => (error ? reject(error) : resolve());
      this.spawn();
    });
    this.stopListening = this.options.onCommit?.(() => this.post({ type: 'committed' }));
  }

  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
    if (this.state !== 'idle' && this.reached() >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (this.currentState === 'stopped') return Promise.reject(new ProjectionEngineStoppedError());
    return this.waiters.wait(position, timeoutMs, () => this.reached());
  }

  rebuild(
    name: string,
    onProgress: (progress: RebuildProgress) => void = () => undefined,
  ): Promise<RebuildResult> {
    if (!this.readModels().includes(name)) {
      return Promise.reject(new Error(`unknown read model "${name}"`));
    }
    if (this.failure) return Promise.reject(this.failure);
    if (!this.worker || this.stopRequested) {
      return Promise.reject(new Error('the projector worker is not running; try again'));
    }
    const id = this.nextRebuildId++;
    return new Promise<RebuildResult>((resolve, reject) => {
      this.rebuilds.set(id, { onProgress, resolve, reject });
      this.post({ type: 'rebuild', id, name });
    });
  }

  /** Asks the worker to finish its batch, flush and close its stores; resolves once it ended. */
  stop(): Promise<void> {
    this.stopping ??= this.stopWorker();
    return this.stopping;
  }

  private async stopWorker(): Promise<void> {
    this.stopRequested = true;
    this.stopListening?.();
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      this.post({ type: 'stop' });
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    if (!this.failure) this.currentState = 'stopped';
    this.waiters.rejectAll(new ProjectionEngineStoppedError());
    this.rejectRebuilds(new ProjectionEngineStoppedError());
  }

  private spawn(): void {
    this.lastError = undefined;
    const data: ProjectorWorkerData = { dataDir: this.options.dataDir };
    const worker = this.options.spawn
      ? this.options.spawn(data)
      : new Worker(PROJECTOR_WORKER_SCRIPT, { workerData: data });
    this.worker = worker;
    worker.on('message', (message: FromProjectorWorker) => this.receive(message));
    worker.on('error', (error) => {
      this.lastError = error;
    });
    worker.on('exit', (code) => this.exited(worker, code));
  }

  private receive(message: FromProjectorWorker): void {
    switch (message.type) {
      case 'started':
        // Its loop runs from here, catching up first (the status that follows says more).
        this.currentState = 'catching-up';
        this.currentPositions = { ...message.positions };
        this.degradation = undefined;
        if (this.crashes > 0) {
          this.options.log.log('projector worker started again; resuming from the checkpoints');
          this.crashes = 0;
          this.crashedSince = undefined;
        }
        this.settleStart?.();
        this.settleStart = undefined;
        this.waiters.settle(this.reached());
        return;
      case 'status':
        this.currentState = message.state;
        this.currentPositions = { ...message.positions };
        // Its own outage (a store away) as the engine reports it; a death is ours to report.
        if (this.crashes === 0) this.degradation = message.degraded;
        this.waiters.settle(this.reached());
        return;
      case 'failed': {
        const error = new Error(message.message);
        if (message.stack) error.stack = message.stack;
        this.failure ??= error;
        this.waiters.rejectAll(error);
        this.rejectRebuilds(error);
        this.reportFailure(error);
        this.settleStart?.(error);
        this.settleStart = undefined;
        return;
      }
      case 'log':
        this.options.log[message.level](message.message);
        return;
      case 'rebuild-progress':
        this.rebuilds.get(message.id)?.onProgress(message.progress);
        return;
      case 'rebuild-done':
        this.rebuilds.get(message.id)?.resolve(message.result);
        this.rebuilds.delete(message.id);
        return;
      case 'rebuild-failed':
        this.rebuilds.get(message.id)?.reject(new Error(message.message));
        this.rebuilds.delete(message.id);
        return;
      case 'stopped':
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown message from the projector worker: ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** The thread ended: asked to, after a projection failed, or died (then it restarts). */
  private exited(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const reason = `projector worker exited with code ${code}${
      this.lastError ? `: ${this.lastError.message}` : ''
    }`;
    if (this.settleStart) {
      // The first start died before it ran: start() fails as the engine's would (stores,
      // checkpoints). A restart that dies early counts as one more death below.
      this.settleStart(this.lastError ?? new Error(reason));
      this.settleStart = undefined;
      return;
    }
    if (this.stopRequested || this.failure) return;
    this.rejectRebuilds(new Error(reason));
    this.crashes += 1;
    this.crashedSince ??= new Date().toISOString();
    const retryInMs = backoffDelay(this.crashes, this.options.restart);
    this.degradation = {
      reason,
      since: this.crashedSince,
      attempts: this.crashes,
      retryInMs,
    };
    this.currentState = 'retrying';
    this.options.log.error(`${reason}; starting it again in ${retryInMs} ms`);
    this.restartTimer = setTimeout(() => this.restart(), retryInMs);
  }

  private restart(): void {
    if (this.stopRequested || this.failure) return;
    this.spawn();
  }

  private reached(): number {
    let lowest = Number.MAX_SAFE_INTEGER;
    for (const position of Object.values(this.currentPositions)) {
      lowest = Math.min(lowest, position);
    }
    return lowest;
  }

  private post(message: ToProjectorWorker): void {
    this.worker?.postMessage(message);
  }

  private rejectRebuilds(error: Error): void {
    for (const pending of this.rebuilds.values()) pending.reject(error);
    this.rebuilds.clear();
  }
}
