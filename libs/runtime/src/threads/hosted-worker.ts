import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from './start-worker-thread';

/** A worker thread a host starts and stops (the log checkpointer's, the WAL checkpoints'). */
export interface HostedWorker {
  readonly worker: Worker;
  /** Resolves when the thread has ended, however it ended. */
  readonly exited: Promise<void>;
}

/**
 * Starts `entryFile` with `workerData` (startWorkerThread). Unref'd: the host's shutdown stops
 * it, and a thread nobody stopped must not keep the process alive.
 */
export function startHostedWorker(entryFile: string, workerData: unknown): HostedWorker {
  const worker = startWorkerThread(entryFile, { workerData });
  worker.unref();
  return { worker, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
}

/** Calls `onEnd` once the thread ends, with why: its uncaught error's message or its exit code. */
export function whenWorkerEnds(worker: Worker, onEnd: (reason: string) => void): void {
  let uncaught: Error | undefined;
  worker.once('error', (error) => (uncaught = error));
  worker.once('exit', (code) => onEnd(uncaught?.message ?? `exit code ${code}`));
}

/**
 * Posts `stopMessage` and waits up to `timeoutMs` for the thread to finish its work and end;
 * one that has not ended by then is terminated.
 */
export async function stopHostedWorker(
  { worker, exited }: HostedWorker,
  stopMessage: unknown,
  timeoutMs: number,
): Promise<void> {
  worker.postMessage(stopMessage);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  if ((await Promise.race([exited, timedOut])) === 'timed-out') await worker.terminate();
  clearTimeout(timer);
  await exited;
}
