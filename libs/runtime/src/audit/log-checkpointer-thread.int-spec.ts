import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { LogVerifier } from '@ledger/audit';
import {
  SqliteCheckpointStore,
  SqliteEventStore,
  type StoredCheckpoint,
} from '@ledger/event-store';
import { itemRecorded, until } from '@ledger/testing';
import { LogCheckpointerThread } from './log-checkpointer-thread';

const key = generateKeyPairSync('ed25519');

const event = (n: number) => itemRecorded({ n });

/**
 * The checkpointer in its own thread over a real SQLite file, the events appended by this
 * thread's own connection (as the api's commands are): what it signs, how it resumes and how it
 * refuses are LogCheckpointer's (libs/audit), seen from the host through the thread's messages.
 */
describe('LogCheckpointerThread (real SQLite file, a worker thread)', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;
  let checkpoints: SqliteCheckpointStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-checkpointer-thread-'));
    path = join(dir, 'events.sqlite');
    store = await SqliteEventStore.open({ path });
    checkpoints = await SqliteCheckpointStore.open({ path });
  });
  afterEach(async () => {
    await checkpoints.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sizes = async (): Promise<number[]> =>
    (await checkpoints.list({ maxCount: 100 })).map((c) => c.size);
  const appendEach = async (from: number, to: number): Promise<void> => {
    for (let n = from; n < to; n += 1) await store.append(`item-${n % 3}`, [event(n)], 'any');
  };
  const verifyLog = () =>
    new LogVerifier({
      eventStore: store,
      checkpoints,
      publicKey: key.publicKey,
      densePositions: true,
    }).verifyLog();
  const thread = (
    everyEvents: number,
    onCheckpoint?: (checkpoint: StoredCheckpoint) => void,
  ): LogCheckpointerThread =>
    new LogCheckpointerThread({
      path,
      signingKey: key.privateKey,
      everyEvents,
      everySeconds: 1,
      onCheckpoint,
    });

  it('signs what another connection appended, tells the host, resumes after a restart, and the log verifies', async () => {
    await appendEach(0, 12);
    const told: number[] = [];
    const first = thread(5, (checkpoint) => told.push(checkpoint.size));
    await first.start();
    // 5 and 10 at the count, 12 within everySeconds.
    await until(async () => (await sizes()).includes(12), 'a checkpoint of size 12');
    await first.stop();
    expect(await sizes()).toEqual([5, 10, 12]);
    expect(told).toEqual([5, 10, 12]);

    await appendEach(12, 20);
    const second = thread(5);
    await second.start();
    await until(async () => (await sizes()).includes(20), 'a checkpoint of size 20');
    await second.stop();
    expect(await sizes()).toEqual([5, 10, 12, 17, 20]);
    const verdict = await verifyLog();
    expect(verdict).toMatchObject({ valid: true, checkedEvents: 20, checkpoints: 5 });
  });

  it('follows commits made while it runs (it polls the file) and signs them within everySeconds', async () => {
    const running = thread(1000);
    await running.start();
    await appendEach(0, 7);
    await until(async () => (await sizes()).includes(7), 'a checkpoint of size 7');
    await running.stop();
    expect(await checkpoints.latest()).toMatchObject({ size: 7, lastPosition: 7 });
  });

  it('a thread that ends on its own is started again, resumes from the latest checkpoint and signs on', async () => {
    const retries: string[] = [];
    const running = new LogCheckpointerThread({
      path,
      signingKey: key.privateKey,
      everyEvents: 1000,
      everySeconds: 1,
      retry: { initialMs: 20, maxMs: 20 },
      onRetry: ({ reason }) => retries.push(reason),
    });
    await running.start();
    await appendEach(0, 3);
    await until(async () => (await sizes()).includes(3), 'a checkpoint of size 3');

    // The thread dies (as an uncaught error or its memory would end it).
    await (running as unknown as { hosted: { worker: Worker } }).hosted.worker.terminate();
    await appendEach(3, 6);
    await until(
      async () => (await sizes()).includes(6),
      'a checkpoint of size 6 after the restart',
    );
    await running.stop();

    expect(retries).toEqual([
      expect.stringMatching(/thread ended \(exit code 1\); starting it again/),
    ]);
    expect(await sizes()).toEqual([3, 6]);
    const verdict = await verifyLog();
    expect(verdict).toMatchObject({ valid: true, checkedEvents: 6, checkpoints: 2 });
  });

  it('refuses to start on a checkpoint whose stored frontier does not fold to its root, and reports it failed', async () => {
    await appendEach(0, 4);
    const first = thread(2);
    await first.start();
    await until(async () => (await sizes()).includes(4), 'a checkpoint of size 4');
    await first.stop();
    const db = new Database(path);
    db.prepare('UPDATE checkpoints SET frontier = ? WHERE size = 4').run(
      JSON.stringify(['ab'.repeat(32)]),
    );
    db.close();

    const refused = thread(2);
    await expect(refused.start()).rejects.toThrow(/does not fold to its signed root/);
    await expect(refused.failed).resolves.toThrow(/does not fold to its signed root/);
    await refused.stop();
  });

  it('rejects its start when the log file cannot be opened', async () => {
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, '');
    const unopenable = new LogCheckpointerThread({
      path: join(notAFolder, 'events.sqlite'),
      signingKey: key.privateKey,
      everyEvents: 10,
      everySeconds: 1,
    });
    // The thread's own error, naming what it could not make.
    await expect(unopenable.start()).rejects.toThrow(/EEXIST.*a-file/);
    await expect(unopenable.failed).resolves.toThrow(/EEXIST.*a-file/);
  });

  it('stops as a no-op when never started, and when stopped twice', async () => {
    const idle = thread(10);
    await idle.stop();
    await idle.start();
    await idle.stop();
    await idle.stop();
  });
});
