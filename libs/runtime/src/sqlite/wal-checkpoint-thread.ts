import { extname, join } from 'node:path';
import {
  type HostedWorker,
  startHostedWorker,
  stopHostedWorker,
  whenWorkerEnds,
} from '../threads/hosted-worker';
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
  /** The thread ended on its own: checkpoints fall back to the writers' own bound. */
  readonly onExit?: (reason: string) => void;
}

/** What the thread has done since it started. */
export interface WalCheckpointStats {
  /** Checkpoints that copied frames, per file. */
  readonly checkpoints: Readonly<Record<string, number>>;
  readonly failures: number;
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
  private readonly checkpoints: Record<string, number> = {};
  private failures = 0;

  constructor(private readonly options: WalCheckpointThreadOptions) {}

  /** Starts the thread; resolves once it has opened every file, rejects if it cannot. */
  start(): Promise<void> {
    const data: WalCheckpointThreadData = {
      files: this.options.files,
      intervalMs: this.options.intervalMs ?? 250,
    };
    const hosted = startHostedWorker(WORKER_ENTRY, data);
    this.hosted = hosted;
    return new Promise((resolve, reject) => {
      let started = false;
      hosted.worker.on('message', (message: FromWalCheckpointThread) => {
        switch (message.kind) {
          case 'started':
            started = true;
            return resolve();
          case 'start-failed':
            return reject(new Error(`the WAL checkpoint thread did not start: ${message.message}`));
          case 'checkpointed':
            this.checkpoints[message.file] = (this.checkpoints[message.file] ?? 0) + 1;
            return undefined;
          case 'checkpoint-failed':
            this.failures += 1;
            return this.options.onFailure?.(message.file, message.message);
          case 'stopped':
            return undefined;
        }
      });
      whenWorkerEnds(hosted.worker, (reason) => {
        if (this.stopping) return;
        if (!started) return reject(new Error(`the WAL checkpoint thread ended: ${reason}`));
        this.options.onExit?.(reason);
      });
    });
  }

  stats(): WalCheckpointStats {
    return { checkpoints: { ...this.checkpoints }, failures: this.failures };
  }

  /** Checkpoints once more, closes its connections and ends the thread. */
  async stop(): Promise<void> {
    const hosted = this.hosted;
    if (!hosted) return;
    if (this.stopping) return hosted.exited;
    this.stopping = true;
    await stopHostedWorker(hosted, { kind: 'stop' } satisfies ToWalCheckpointThread, 10_000);
  }
}
