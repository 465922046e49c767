/**
 * The worker of WalCheckpointThread: a connection of its own to each file, and every
 * `intervalMs` a PASSIVE checkpoint of each one's WAL (SQLite copies the committed frames into
 * the database file and syncs it, without waiting for or blocking readers and writers). Imports
 * nothing of ours, so the thread costs little more than a bare one.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type {
  FromWalCheckpointThread,
  ToWalCheckpointThread,
  WalCheckpointThreadData,
} from './wal-checkpoint-thread.messages';

/** `PRAGMA wal_checkpoint`'s row: frames in the WAL, and how many of them are in the file. */
interface CheckpointResult {
  readonly log: number;
  readonly checkpointed: number;
}

const port = parentPort;
if (port === null) throw new Error('wal-checkpoint-thread.worker runs in a worker thread');
const { files, intervalMs } = workerData as WalCheckpointThreadData;
const send = (message: FromWalCheckpointThread): void => port.postMessage(message);

let connections: { file: string; db: Database.Database; copied: number }[] = [];
try {
  connections = files.map((file) => {
    // Never creates a file: its owner made it, in WAL mode. A small page cache: a checkpoint
    // copies frames from the WAL file, not through this connection's cache.
    const db = new Database(file, { fileMustExist: true });
    db.pragma('cache_size = -512');
    return { file, db, copied: -1 };
  });
  send({ kind: 'started' });
} catch (error) {
  for (const { db } of connections) db.close();
  send({ kind: 'start-failed', message: (error as Error).message });
  process.exit(1);
}

function checkpointAll(): void {
  for (const connection of connections) {
    try {
      const [result] = connection.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
      // Told only when it copied frames not told before: -1 is a file not in WAL mode, 0 a WAL
      // just restarted, an unchanged count a checkpoint with nothing new.
      if (result === undefined || result.checkpointed === connection.copied) continue;
      connection.copied = result.checkpointed;
      if (result.log > 0) send({ kind: 'checkpointed', file: connection.file });
    } catch (error) {
      send({ kind: 'checkpoint-failed', file: connection.file, message: (error as Error).message });
    }
  }
}

const timer = setInterval(checkpointAll, intervalMs);

port.on('message', (message: ToWalCheckpointThread) => {
  if (message.kind !== 'stop') return;
  clearInterval(timer);
  checkpointAll();
  for (const { db } of connections) db.close();
  send({ kind: 'stopped' });
  port.close();
});
