/**
 * The worker thread's side of ProjectorWorker: the projection engine over every read model
 * (READ_MODELS), on its own connections to the embedded stores of DATA_DIR (events.sqlite read
 * only by it, read.sqlite written only by it), exactly as ProjectorModule runs it on the main
 * thread. It reports its state after every flush (so the main thread's read-your-writes waits
 * move with the committed checkpoints), runs rebuilds when asked, and stops on request after
 * flushing.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { commitNotifications } from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import { openEventStore } from '../../event-store/open-event-store';
import { openReadStore } from '../../read-store/open-read-store';
import type {
  FromProjectorWorker,
  ProjectorWorkerData,
  ToProjectorWorker,
} from './projector-worker.messages';

/** How often the state is looked at between batches (retrying → live shows without a batch). */
const STATUS_CHECK_MS = 500;

async function runProjectorWorker(port: MessagePort, data: ProjectorWorkerData): Promise<void> {
  const post = (message: FromProjectorWorker): void => port.postMessage(message);
  const eventStore = await openEventStore({
    EVENT_STORE: 'sqlite',
    KURRENTDB_URL: undefined,
    DATA_DIR: data.dataDir,
  });
  const readStore = await openReadStore({ READ_STORE: 'embedded', DATA_DIR: data.dataDir });
  const waker = commitNotifications(eventStore);
  let lastReported = '';
  const report = (): void => {
    const degraded = engine.degraded;
    const status: FromProjectorWorker = {
      type: 'status',
      state: engine.state,
      positions: engine.positions(),
      ...(degraded ? { degraded } : {}),
    };
    lastReported = `${status.state}|${degraded?.reason ?? ''}|${degraded?.attempts ?? 0}`;
    post(status);
  };
  const engine: ProjectionEngine = new ProjectionEngine({
    eventStore,
    readStore,
    projections: READ_MODELS,
    // After each flush: the checkpoints just committed are what the main thread may serve.
    onBatch: report,
    onRetry: ({ reason, attempts, retryInMs }) => {
      post({
        type: 'log',
        level: 'warn',
        message: `projection engine waits ${retryInMs} ms (attempt ${attempts}): ${reason}`,
      });
      report();
    },
  });
  const watch = setInterval(() => {
    const degraded = engine.degraded;
    const now = `${engine.state}|${degraded?.reason ?? ''}|${degraded?.attempts ?? 0}`;
    if (now !== lastReported) report();
  }, STATUS_CHECK_MS);
  watch.unref();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      clearInterval(watch);
      await engine.stop().catch(() => undefined);
      await eventStore.close();
      await readStore.close();
      post({ type: 'stopped' });
      port.close();
    })());
  port.on('message', (message: ToProjectorWorker) => {
    switch (message.type) {
      case 'committed':
        waker?.wakeSubscriptions();
        return;
      case 'rebuild':
        engine
          .rebuild(message.name, (progress) =>
            post({ type: 'rebuild-progress', id: message.id, progress }),
          )
          .then(
            (result) => {
              post({ type: 'rebuild-done', id: message.id, result });
              report();
            },
            (error: unknown) =>
              post({
                type: 'rebuild-failed',
                id: message.id,
                message: error instanceof Error ? error.message : String(error),
              }),
          );
        return;
      case 'stop':
        void stop();
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown message ${JSON.stringify(unknown)}`);
      }
    }
  });
  void engine.failed.then((error) => {
    post({
      type: 'failed',
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    });
    void stop();
  });
  await engine.start();
  post({ type: 'started', positions: engine.positions() });
  report();
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  runProjectorWorker(port, workerData as ProjectorWorkerData).catch((error: unknown) => {
    // Opening a store or loading the checkpoints failed: the main thread decides (it restarts).
    const failure = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: 'log',
      level: 'error',
      message: `projector worker could not start: ${failure.stack ?? failure.message}`,
    } satisfies FromProjectorWorker);
    process.exitCode = 1;
    port.close();
  });
}
