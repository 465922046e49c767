import { extname, join } from 'node:path';
import { backoffDelay, pause, type BackoffOptions } from '@ledger/event-store';
import { type HostedWorker, launchHostedWorker, stopHostedWorker } from '../threads/hosted-worker';
import type {
  FromWalCheckpointThread,
  ToWalCheckpointThread,
  WalCheckpointThreadData,
} from './wal-checkpoint-thread.messages';

export interface WalCheckpointThreadOptions {
  /** The SQLite files (WAL mode, already created) whose WAL it checkpoints. */
  readonly files: readonly string[];
  /**
   * How often (default 250 ms). Each checkpoint copies what was committed since the last and
   * syncs the file: at 1 s the bursts lengthened the commands' tail (http-commands p99 52-57 ms
   * against 38-52 at 250 ms, same rate: docs/BENCHMARKS.md).
   */
  readonly intervalMs?: number;
  /** A checkpoint failed (the next one tries again; the writers' own bound still holds). */
  readonly onFailure?: (file: string, message: string) => void;
  /**
   * The thread ended on its own, or could not start again: it is started again in
   * `restartInMs`; meanwhile the writers' own bound holds.
   */
  readonly onExit?: (reason: string, restartInMs: number) => void;
  /** Waits before starting an ended thread again. Default: 250 ms doubling up to 30 s. */
  readonly retry?: BackoffOptions;
}

/** What the thread has done since it was first started, and whether it runs now. */
export interface WalCheckpointStats {
  /** `running`; `restarting` after it ended on its own; `stopped` by its host, or never started. */
  readonly state: 'running' | 'restarting' | 'stopped';
  /** Why it last ended on its own, or could not start again. */
  readonly lastExit?: string;
  /** Checkpoints that copied frames, per file. */
  readonly checkpoints: Readonly<Record<string, number>>;
  /** Checkpoints that failed (each tried again at the next interval). */
  readonly failures: number;
  /** Times it was started again after it ended on its own. */
  readonly restarts: number;
}

/**
 * The WAL page count at which a writer of a file this thread serves still checkpoints itself
 * (its `walAutocheckpointPages`): ~40 MB of WAL, a bound for when the thread falls behind or ends.
 */
export const WRITER_WAL_BOUND_PAGES = 10_000;

const WORKER_ENTRY = join(__dirname, `wal-checkpoint-thread.worker${extname(__filename)}`);

/**
 * Checkpoints the WAL of the embedded default's SQLite files from a worker thread. By default a
 * writer's COMMIT checkpoints the WAL itself once it holds 1,000 pages: it copies them into the
 * database file and fsyncs it, on the event loop that serves the commands (the log is
 * synchronous=FULL, the read store NORMAL: both sync the file at a checkpoint). Measured with
 * http-commands (docs/BENCHMARKS.md, "the noon round"): 4 pairs, this thread against the writers
 * checkpointing inline, 1.17-1.31x the commands a second (median 1.24x). Here the writers keep
 * a bound (WRITER_WAL_BOUND_PAGES) and this thread checkpoints each file every
 * `intervalMs` through its own connection (PASSIVE: SQLite lets readers and writers go on
 * meanwhile). Durability does not change: a COMMIT of the log is on disk (its WAL fsync'd)
 * before it is acknowledged, with or without a checkpoint.
 */
export class WalCheckpointThread {
  private hosted: HostedWorker | undefined;
  private stopping = false;
  private readonly stopped = new AbortController();
  private state: WalCheckpointStats['state'] = 'stopped';
  private lastExit: string | undefined;
  private restarts = 0;
  /** Restarts since it last started cleanly (the backoff's attempt). */
  private failedStarts = 0;
  private readonly checkpoints: Record<string, number> = {};
  private failures = 0;

  constructor(private readonly options: WalCheckpointThreadOptions) {}

  /** Starts the thread; resolves once it has opened every file, rejects if it cannot. */
  async start(): Promise<void> {
    await this.spawn();
    this.state = 'running';
  }

  private spawn(): Promise<void> {
    const data: WalCheckpointThreadData = {
      files: this.options.files,
      intervalMs: this.options.intervalMs ?? 250,
    };
    const { hosted, started } = launchHostedWorker<FromWalCheckpointThread>(WORKER_ENTRY, data, {
      onMessage: (message) => {
        switch (message.kind) {
          case 'checkpointed':
            this.checkpoints[message.file] = (this.checkpoints[message.file] ?? 0) + 1;
            return;
          case 'checkpoint-failed':
            this.failures += 1;
            return this.options.onFailure?.(message.file, message.message);
        }
      },
      onEnd: (reason) => {
        if (!this.stopping) void this.restart(reason);
      },
      startFailure: (reason, said) =>
        new Error(
          said
            ? `the WAL checkpoint thread did not start: ${reason}`
            : `the WAL checkpoint thread ended: ${reason}`,
        ),
    });
    this.hosted = hosted;
    return started;
  }

  stats(): WalCheckpointStats {
    return {
      state: this.state,
      ...(this.lastExit !== undefined ? { lastExit: this.lastExit } : {}),
      checkpoints: { ...this.checkpoints },
      failures: this.failures,
      restarts: this.restarts,
    };
  }

  /**
   * It ended on its own (an uncaught error, its memory, a bug): started again after a backoff,
   * as the log checkpointer's thread is. Until then, and if it can no longer start, the writers
   * checkpoint themselves at their bound.
   */
  private async restart(reason: string): Promise<void> {
    this.state = 'restarting';
    this.lastExit = reason;
    this.failedStarts += 1;
    const retryInMs = backoffDelay(this.failedStarts, this.options.retry);
    this.options.onExit?.(reason, retryInMs);
    await pause(retryInMs, this.stopped.signal);
    if (this.stopping) return;
    try {
      await this.spawn();
      this.restarts += 1;
      this.failedStarts = 0;
      this.state = 'running';
    } catch (error) {
      if (this.stopping) return;
      // Could not open the files again (moved, unreadable): tried again after a longer wait.
      void this.restart((error as Error).message);
    }
  }

  /** Checkpoints once more, closes its connections and ends the thread. */
  async stop(): Promise<void> {
    const hosted = this.hosted;
    if (!hosted) return;
    if (this.stopping) return hosted.exited;
    this.stopping = true;
    this.stopped.abort();
    this.state = 'stopped';
    await stopHostedWorker(hosted, { kind: 'stop' } satisfies ToWalCheckpointThread, 10_000);
  }
}
