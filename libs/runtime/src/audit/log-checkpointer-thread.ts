import { extname, join } from 'node:path';
import type { LogCheckpointerOptions } from '@ledger/audit';
import { backoffDelay, pause, type BackoffOptions } from '@ledger/event-store';
import { type HostedWorker, launchHostedWorker, stopHostedWorker } from '../threads/hosted-worker';
import type {
  FromCheckpointerThread,
  LogCheckpointerThreadData,
  ToCheckpointerThread,
} from './log-checkpointer-thread.messages';

/** LogCheckpointer's schedule and callbacks, plus what the thread itself needs. */
export interface LogCheckpointerThreadOptions extends Pick<
  LogCheckpointerOptions,
  | 'signingKey'
  | 'everyEvents'
  | 'everySeconds'
  | 'gatherMs'
  | 'onRetry'
  | 'onCheckpoint'
  | 'onTileBackfill'
> {
  /** The SQLite event log's file. */
  readonly path: string;
  /** How often the thread looks for new commits (default 100 ms). */
  readonly pollIntervalMs?: number;
  /** Waits before starting an ended thread again. Default: 250 ms doubling up to 30 s. */
  readonly retry?: BackoffOptions;
  /** How long stop() waits for the last checkpoint before it ends the thread (default 10 s). */
  readonly stopTimeoutMs?: number;
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
 * rejects as it would, e.g. on a tampered frontier); a thread that ends on its own is started
 * again (restart); `failed` resolves if it stops for good.
 */
export class LogCheckpointerThread {
  readonly failed: Promise<Error>;
  private reportFailure: (error: Error) => void = () => undefined;
  private hosted: HostedWorker | undefined;
  private stopping = false;
  private readonly stopped = new AbortController();
  /** Restarts since the thread last started cleanly (the backoff's attempt). */
  private restarts = 0;

  constructor(private readonly options: LogCheckpointerThreadOptions) {
    this.failed = new Promise((resolve) => (this.reportFailure = resolve));
  }

  /** Starts the thread; resolves once it has resumed from the latest checkpoint. */
  async start(): Promise<void> {
    try {
      await this.spawn();
    } catch (error) {
      this.reportFailure(error as Error);
      throw error;
    }
  }

  /** Stops it after it signs what it has read, as LogCheckpointer.stop(); then the thread ends. */
  async stop(): Promise<void> {
    const hosted = this.hosted;
    if (!hosted) return;
    if (this.stopping) return hosted.exited;
    this.stopping = true;
    this.stopped.abort();
    await stopHostedWorker(
      hosted,
      { kind: 'stop' } satisfies ToCheckpointerThread,
      this.options.stopTimeoutMs ?? 10_000,
    );
  }

  /** One thread: resolves when it has started, rejects if it cannot (or ends before). */
  private spawn(): Promise<void> {
    const data: LogCheckpointerThreadData = {
      path: this.options.path,
      signingKey: this.options.signingKey,
      everyEvents: this.options.everyEvents,
      everySeconds: this.options.everySeconds,
      gatherMs: this.options.gatherMs,
      pollIntervalMs: this.options.pollIntervalMs ?? 100,
    };
    const { hosted, started } = launchHostedWorker<FromCheckpointerThread>(WORKER_ENTRY, data, {
      onMessage: (message) => {
        switch (message.kind) {
          case 'checkpoint':
            return this.options.onCheckpoint?.(message.checkpoint);
          case 'tile-backfill':
            return this.options.onTileBackfill?.(message.result);
          case 'retry':
            return this.options.onRetry?.(message);
          case 'failed':
            return this.reportFailure(new Error(message.message));
        }
      },
      // An uncaught error ends the thread: started again (restart).
      onEnd: (reason) => {
        if (!this.stopping) void this.restart(reason);
      },
      startFailure: (reason, said) =>
        new Error(said ? reason : `the checkpointer thread ended: ${reason}`),
    });
    this.hosted = hosted;
    return started;
  }

  /**
   * The thread ended on its own (an uncaught error, its memory, a bug): a writer that stops
   * signing is an audit gap, so it is started again after a backoff, resuming from the latest
   * checkpoint like a restarted process. One that then cannot start (a tampered frontier, an
   * unreadable file) is a failure: `failed` says why.
   */
  private async restart(reason: string): Promise<void> {
    this.restarts += 1;
    const retryInMs = backoffDelay(this.restarts, this.options.retry);
    this.options.onRetry?.({
      reason: `the checkpointer thread ended (${reason}); starting it again`,
      attempts: this.restarts,
      retryInMs,
    });
    await pause(retryInMs, this.stopped.signal);
    if (this.stopping) return;
    try {
      await this.spawn();
      this.restarts = 0;
    } catch (error) {
      if (!this.stopping) this.reportFailure(error as Error);
    }
  }
}
