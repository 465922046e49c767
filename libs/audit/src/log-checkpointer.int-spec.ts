import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  SqliteCheckpointStore,
  SqliteEventStore,
  type StoredCheckpoint,
} from '@ledger/event-store';
import { storedLog } from './event-log-leaves';
import { LogCheckpointer, type TileBackfillResult } from './log-checkpointer';
import { eventLeafDigest, MerkleFrontier } from './merkle-tree';
import { TreeTileBuilder } from './tree-tile-builder';
import { LogVerifier } from './log-verifier';
import { itemRecorded, until } from '@ledger/testing';

const key = generateKeyPairSync('ed25519');

const event = (n: number) => itemRecorded({ n });

/** Polls until `ready` (no timing threshold: the deadline only keeps a broken run from hanging). */
describe('LogCheckpointer (real SQLite file)', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;
  let checkpoints: SqliteCheckpointStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-checkpointer-'));
    path = join(dir, 'events.sqlite');
    store = await SqliteEventStore.open({ path, pollIntervalMs: 20 });
    checkpoints = await SqliteCheckpointStore.open({ path });
  });
  afterEach(async () => {
    await checkpoints.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const checkpointer = (everyEvents: number, everySeconds = 3600): LogCheckpointer =>
    new LogCheckpointer({
      eventStore: store,
      checkpoints,
      signingKey: key.privateKey,
      everyEvents,
      everySeconds,
    });
  const sizes = async (): Promise<number[]> =>
    (await checkpoints.list({ maxCount: 100 })).map((c) => c.size);
  const appendEach = async (from: number, to: number): Promise<void> => {
    for (let n = from; n < to; n += 1) await store.append(`item-${n % 3}`, [event(n)], 'any');
  };

  it('resumes after a restart from the stored frontier, and the log verifies end to end', async () => {
    const first = checkpointer(5);
    await first.start();
    await appendEach(0, 12);
    await until(async () => (await sizes()).length >= 2, 'two checkpoints');
    await first.stop(); // signs the 2 left over
    expect(await sizes()).toEqual([5, 10, 12]);

    await appendEach(12, 20);
    const second = checkpointer(5);
    await second.start();
    await until(async () => (await sizes()).includes(17), 'a checkpoint of size 17');
    await second.stop();
    expect(await sizes()).toEqual([5, 10, 12, 17, 20]);
    const verdict = await new LogVerifier({
      eventStore: store,
      checkpoints,
      publicKey: key.publicKey,
      densePositions: true,
    }).verifyLog();
    expect(verdict).toMatchObject({
      valid: true,
      checkedEvents: 20,
      checkpoints: 5,
      unsignedEvents: 0,
    });
  });

  it('signs a quiet log after everySeconds, not only every everyEvents', async () => {
    const running = checkpointer(1000, 1);
    await running.start();
    await appendEach(0, 3);
    await until(async () => (await sizes()).length > 0, 'a checkpoint');
    const latest = (await checkpoints.latest()) as StoredCheckpoint;
    await running.stop();
    expect(latest).toMatchObject({ size: 3, lastPosition: 3 });
  });

  it('will not sign on top of a checkpoint whose stored frontier does not fold to its root', async () => {
    const first = checkpointer(2);
    await first.start();
    await appendEach(0, 4);
    await until(async () => (await sizes()).includes(4), 'a checkpoint of size 4');
    await first.stop();
    const db = new Database(path);
    db.prepare('UPDATE checkpoints SET frontier = ? WHERE size = 4').run(
      JSON.stringify(['ab'.repeat(32)]),
    );
    db.close();
    await expect(checkpointer(2).start()).rejects.toThrow(/does not fold to its signed root/);
  });

  it('stores the tree tiles completed with each checkpoint; restarted mid-block, from the next block', async () => {
    const appendBatches = async (from: number, to: number): Promise<void> => {
      for (let n = from; n < to; n += 10)
        await store.append(
          `item-${n % 3}`,
          Array.from({ length: 10 }, (_, i) => event(n + i)),
          'any',
        );
    };
    const blocks = async (): Promise<number[]> =>
      (await checkpoints.readTreeTiles(0, 100)).map((tile) => tile.block);
    const first = checkpointer(300);
    await first.start();
    await appendBatches(0, 600);
    await until(async () => (await sizes()).includes(600), 'a checkpoint of size 600');
    await first.stop();
    // Blocks [0, 256) and [256, 512); [512, 768) is not complete.
    expect(await blocks()).toEqual([0, 1]);

    await appendBatches(600, 1300);
    const second = checkpointer(300);
    await second.start();
    await until(async () => (await sizes()).includes(1200), 'a checkpoint of size 1200');
    await second.stop();
    // Resumed at 600, mid-block 2: block 2 has no tile, 3 and 4 (up to 1280) have theirs.
    expect(await blocks()).toEqual([0, 1, 3, 4]);
    const builder = new TreeTileBuilder(0);
    const frontier = new MerkleFrontier();
    for await (const stored of storedLog(store))
      frontier.appendLeafDigest(eventLeafDigest(stored.hash), builder);
    expect(await checkpoints.readTreeTiles(0, 100)).toEqual(
      builder.pending.filter((tile) => tile.block !== 2),
    );

    // The next start fills in block 2 (signed, complete, no tile): every tile is the tree's.
    const backfills: TileBackfillResult[] = [];
    const third = new LogCheckpointer({
      eventStore: store,
      checkpoints,
      signingKey: key.privateKey,
      everyEvents: 300,
      everySeconds: 3600,
      onTileBackfill: (result) => backfills.push(result),
    });
    await third.start();
    await until(() => backfills.length > 0, 'the tile backfill');
    await third.stop();
    expect(backfills).toEqual([{ stored: 1 }]);
    expect(await checkpoints.readTreeTiles(0, 100)).toEqual(builder.pending);
  });
});
