import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteCheckpointStore, SqliteEventStore, type TreeTile } from '@ledger/event-store';
import { LogVerifier } from './log-verifier';
import { backfillTreeTiles } from './tree-tile-backfill';
import { writeTiledLog } from './tiled-log.spec-fixtures';

/**
 * Missing tree tiles made again from the log, on a REAL SQLite file: writeTiledLog's log (tiles
 * of blocks 0 and 1), then rows of tree_tiles deleted (as a log from before tiles existed has none).
 */
const key = generateKeyPairSync('ed25519');
let dir: string;
let path: string;
let store: SqliteEventStore;
let checkpoints: SqliteCheckpointStore;
let original: TreeTile[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-tile-backfill-'));
  path = join(dir, 'events.sqlite');
  store = await SqliteEventStore.open({ path });
  checkpoints = await SqliteCheckpointStore.open({ path });
  await writeTiledLog(store, checkpoints, key.privateKey);
  original = await checkpoints.readTreeTiles(0, 100);
});
afterEach(async () => {
  await checkpoints.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function sql(statement: string, ...parameters: unknown[]): void {
  const db = new Database(path);
  db.prepare(statement).run(...parameters);
  db.close();
}

const backfill = async (signed?: { size: number; lastPosition: number }) =>
  backfillTreeTiles({
    eventStore: store,
    tiles: checkpoints,
    signed: signed ?? ((await checkpoints.latest()) as { size: number; lastPosition: number }),
  });

describe('backfillTreeTiles (real SQLite file)', () => {
  it('makes again, byte for byte, the tiles of signed blocks that have none; the log verifies', async () => {
    expect(original.map((tile) => tile.block)).toEqual([0, 1]);
    sql('DELETE FROM tree_tiles');

    expect(await backfill()).toBe(2);
    expect(await checkpoints.readTreeTiles(0, 100)).toEqual(original);
    expect(await backfill()).toBe(0);
    const verdict = await new LogVerifier({
      eventStore: store,
      checkpoints,
      publicKey: key.publicKey,
      densePositions: true,
    }).verifyLog();
    expect(verdict).toMatchObject({ valid: true, problems: [] });
  });

  it('fills only the blocks without a tile, and leaves a kept tile as it is', async () => {
    sql('DELETE FROM tree_tiles WHERE block = 0');
    expect(await backfill()).toBe(1);
    expect(await checkpoints.readTreeTiles(0, 100)).toEqual(original);
  });

  it('makes no tile for a block whose positions are not the dense ones (an event deleted)', async () => {
    sql('DELETE FROM tree_tiles');
    sql('DELETE FROM events WHERE position = 300');
    expect(await backfill()).toBe(1);
    expect((await checkpoints.readTreeTiles(0, 100)).map((tile) => tile.block)).toEqual([0]);
  });

  it('fills nothing on a log whose positions are not 1, 2, 3… (the last position is not the size)', async () => {
    sql('DELETE FROM tree_tiles');
    expect(await backfill({ size: 600, lastPosition: 612 })).toBe(0);
    expect(await checkpoints.readTreeTiles(0, 100)).toEqual([]);
  });
});
