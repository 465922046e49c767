import type {
  EngineDegradation,
  ProjectionEngineState,
  RebuildProgress,
  RebuildResult,
} from '@ledger/projections';

/** What the worker is started with (workerData). */
export interface ProjectorWorkerData {
  /** The folder of events.sqlite and read.sqlite (DATA_DIR). */
  readonly dataDir: string;
}

/** The engine's state as the worker last saw it. */
export interface ProjectorWorkerStatus {
  readonly type: 'status';
  readonly state: ProjectionEngineState;
  /** Each read model's saved checkpoint (its documents are committed up to it). */
  readonly positions: Readonly<Record<string, number>>;
  readonly degraded?: EngineDegradation;
}

/** Worker → main thread. */
export type FromProjectorWorker =
  | ProjectorWorkerStatus
  /** start() went through: the checkpoints are loaded and the loop runs. */
  | { readonly type: 'started'; readonly positions: Readonly<Record<string, number>> }
  /** A projection failed (a bug, a poison event): the engine stopped, as on the main thread. */
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string }
  | { readonly type: 'log'; readonly level: 'log' | 'warn' | 'error'; readonly message: string }
  | { readonly type: 'rebuild-progress'; readonly id: number; readonly progress: RebuildProgress }
  | { readonly type: 'rebuild-done'; readonly id: number; readonly result: RebuildResult }
  | { readonly type: 'rebuild-failed'; readonly id: number; readonly message: string }
  /** stop() finished: documents flushed, stores closed; the thread ends next. */
  | { readonly type: 'stopped' };

/** Main thread → worker. */
export type ToProjectorWorker =
  /** The main thread committed events: caught-up subscriptions read now. */
  | { readonly type: 'committed' }
  | { readonly type: 'rebuild'; readonly id: number; readonly name: string }
  | { readonly type: 'stop' };
