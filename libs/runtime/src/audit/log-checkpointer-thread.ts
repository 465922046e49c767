import type { KeyObject } from 'node:crypto';
import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { StoredCheckpoint } from '@ledger/event-store';
import { startWorkerThread } from '../threads/start-worker-thread';
import type {
  FromCheckpointerThread,
  LogCheckpointerThreadData,
  ToCheckpointerThread,
} from './log-checkpointer-thread.messages';

export interface LogCheckpointerThreadOptions {
  /** The SQLite event log's file. */
  readonly path: string;
  readonly signingKey: KeyObject;
  readonly everyEvents: number;
  readonly everySeconds: number;
  /** As LogCheckpointer's (default 100 ms). */
  readonly gatherMs?: number;
  /** How often the thread looks for new commits (default 100 ms). */
  readonly pollIntervalMs?: number;
  /** How long stop() waits for the last checkpoint before it ends the thread (default 10 s). */
  readonly stopTimeoutMs?: number;
  readonly onRetry?: (retry: { reason: string; attempts: number; retryInMs: number }) => void;
  readonly onCheckpoint?: (checkpoint: StoredCheckpoint) => void;
}

const WORKER_ENTRY = join(__dirname, `log-checkpointer-thread.worker${extname(__filename)}`);

/**
 * The log checkpointer (LogCheckpointer, P10) in a worker thread of its own, for the embedded
 * default, where it would otherwise share the api's event loop with the commands: it read every
 * event's hash, folded two SHA-256 a leaf and signed, ~12 µs of the event loop an event against
 * ~45 µs a command (checkpoint-cost, docs/BENCHMARKS.md). In its thread it reads the log's file
 * through its own connections and polls for commits, as a writer in another process would; its
 * checkpoint transactions queue behind the log's writer lock like any writer's. Same start/stop/
 * failed as LogCheckpointer: start() resolves once it has resumed from the latest checkpoint (and
 * rejects as it would, e.g. on a tampered frontier); `failed` resolves if it stops for good or
 * the thread dies.
 */
export class LogCheckpointerThread {
  readonly failed: Promise<Error>;
  private reportFailure: (error: Error) => void = () => undefined;
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: LogCheckpointerThreadOptions) {
    this.failed = new Promise((resolve) => (this.reportFailure = resolve));
  }

  start(): Promise<void> {
    const data: LogCheckpointerThreadData = {
      path: this.options.path,
      signingKey: this.options.signingKey,
      everyEvents: this.options.everyEvents,
      everySeconds: this.options.everySeconds,
      gatherMs: this.options.gatherMs,
      pollIntervalMs: this.options.pollIntervalMs ?? 100,
    };
    const worker = startWorkerThread(WORKER_ENTRY, { workerData: data });
    // The host's shutdown stops it; an unstopped thread must not keep the process alive.
    worker.unref();
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        reject(error);
        this.reportFailure(error);
      };
      worker.on('message', (message: FromCheckpointerThread) => {
        switch (message.kind) {
          case 'started':
            return resolve();
          case 'start-failed':
            return fail(new Error(message.message));
          case 'checkpoint':
            return this.options.onCheckpoint?.(message.checkpoint);
          case 'retry':
            return this.options.onRetry?.(message);
          case 'failed':
            return this.reportFailure(new Error(message.message));
          case 'stopped':
            return undefined;
        }
      });
      worker.once('error', (error) => fail(error));
      worker.once('exit', (code) => {
        if (!this.stopping) fail(new Error(`the checkpointer thread ended (exit code ${code})`));
      });
    });
  }

  /** Stops it after it signs what it has read, as LogCheckpointer.stop(); then the thread ends. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.stopping) return this.exited;
    this.stopping = true;
    worker.postMessage({ kind: 'stop' } satisfies ToCheckpointerThread);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), this.options.stopTimeoutMs ?? 10_000);
    });
    if ((await Promise.race([this.exited, timedOut])) === 'timed-out') await worker.terminate();
    clearTimeout(timer);
    await this.exited;
  }
}
