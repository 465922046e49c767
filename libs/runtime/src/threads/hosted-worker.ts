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
function startHostedWorker(entryFile: string, workerData: unknown): HostedWorker {
  const worker = startWorkerThread(entryFile, { workerData });
  worker.unref();
  return { worker, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
}

/** Calls `onEnd` once the thread ends, with why: its uncaught error's message or its exit code. */
function whenWorkerEnds(worker: Worker, onEnd: (reason: string) => void): void {
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
  stopMessage: StopMessage,
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

/** What the host sends a hosted worker to end it, once it has finished its work. */
export type StopMessage = { readonly kind: 'stop' };

/** What a hosted worker says first: that it started, or why it could not. */
export type StartMessage =
  { readonly kind: 'started' } | { readonly kind: 'start-failed'; readonly message: string };

export interface LaunchHandlers<M> {
  /** Every message after the start messages. */
  onMessage(message: M): void;
  /** The thread ended after it had started (its host decides whether it was asked to). */
  onEnd(reason: string): void;
  /** The error `started` rejects with: it said it could not start, or ended before it said. */
  startFailure(reason: string, said: boolean): Error;
}

/**
 * Starts a hosted worker (startHostedWorker) whose first message is a StartMessage: `started`
 * resolves when it says it started, and rejects when it says it could not or ends first.
 */
export function launchHostedWorker<M extends { readonly kind: string }>(
  entryFile: string,
  workerData: unknown,
  handlers: LaunchHandlers<M>,
): { hosted: HostedWorker; started: Promise<void> } {
  const hosted = startHostedWorker(entryFile, workerData);
  const started = new Promise<void>((resolve, reject) => {
    let running = false;
    hosted.worker.on('message', (message: M | StartMessage) => {
      const start = message as StartMessage;
      if (start.kind === 'started') {
        running = true;
        return resolve();
      }
      if (start.kind === 'start-failed') return reject(handlers.startFailure(start.message, true));
      handlers.onMessage(message as M);
    });
    whenWorkerEnds(hosted.worker, (reason) => {
      if (!running) return reject(handlers.startFailure(reason, false));
      handlers.onEnd(reason);
    });
  });
  return { hosted, started };
}
