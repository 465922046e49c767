import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { LogCheckpointer } from '@ledger/audit';
import { SqliteCheckpointStore, SqliteEventStore } from '@ledger/event-store';
import type {
  FromCheckpointerThread,
  LogCheckpointerThreadData,
  ToCheckpointerThread,
} from './log-checkpointer-thread.messages';

/**
 * The thread of a LogCheckpointerThread: the same LogCheckpointer, over its own connections to
 * the log's file. It reports what the host would otherwise hear from the writer in its own thread
 * (started or why not, each checkpoint, each retry, a failure), stops on the host's word and
 * then ends: its port closed, nothing keeps the thread alive.
 */
async function run(port: MessagePort, data: LogCheckpointerThreadData): Promise<void> {
  const post = (message: FromCheckpointerThread) => port.postMessage(message);
  let eventStore: SqliteEventStore | undefined;
  let checkpoints: SqliteCheckpointStore | undefined;
  const close = async (): Promise<void> => {
    await checkpoints?.close();
    await eventStore?.close();
    port.close();
  };
  try {
    eventStore = await SqliteEventStore.open({
      path: data.path,
      pollIntervalMs: data.pollIntervalMs,
    });
    checkpoints = await SqliteCheckpointStore.open({ path: data.path });
    const checkpointer = new LogCheckpointer({
      eventStore,
      checkpoints,
      signingKey: data.signingKey,
      everyEvents: data.everyEvents,
      everySeconds: data.everySeconds,
      gatherMs: data.gatherMs,
      onRetry: (retry) => post({ kind: 'retry', ...retry }),
      onCheckpoint: (checkpoint) => post({ kind: 'checkpoint', checkpoint }),
      onTileBackfill: (result) => post({ kind: 'tile-backfill', result }),
    });
    void checkpointer.failed.then((error) => post({ kind: 'failed', message: error.message }));
    await checkpointer.start();
    post({ kind: 'started' });
    // Listened to only now: a stop sent while it was starting waits in the port until here.
    port.on('message', (message: ToCheckpointerThread) => {
      if (message.kind !== 'stop') return;
      void checkpointer
        .stop()
        .finally(() => post({ kind: 'stopped' }))
        .finally(close);
    });
  } catch (error) {
    post({ kind: 'start-failed', message: error instanceof Error ? error.message : String(error) });
    await close();
  }
}

if (parentPort) void run(parentPort, workerData as LogCheckpointerThreadData);
