import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredCheckpoint } from '../checkpoints/checkpoint-store.port';
import {
  TREE_TILE_BYTES,
  treeTileReader,
  treeTileWriter,
  type TreeTile,
} from '../checkpoints/tree-tiles.port';
import { describeCheckpointStoreContract } from '../contract/checkpoint-store.contract';
import { SqliteCheckpointStore } from './sqlite.checkpoint-store';

/** The checkpoint port's contract on the embedded default: the log's own events.sqlite file. */
describeCheckpointStoreContract(
  'sqlite (a real file)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-contract-'));
    const path = join(dir, 'events.sqlite');
    const store = await SqliteCheckpointStore.open({ path });
    return {
      store,
      reopen: () => SqliteCheckpointStore.open({ path }),
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { keepsSmallerThanNewest: true },
);

describe('SqliteCheckpointStore tree tiles', () => {
  let dir: string;
  let store: SqliteCheckpointStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'checkpoint-tiles-'));
    store = await SqliteCheckpointStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const checkpoint = (size: number): StoredCheckpoint => ({
    size,
    lastPosition: size,
    rootHash: 'ab'.repeat(32),
    timestamp: '2026-01-01T00:00:00.000Z',
    keyId: 'k',
    signature: 's',
    frontier: [],
  });
  const tile = (block: number): TreeTile => ({
    block,
    nodes: Buffer.alloc(TREE_TILE_BYTES, Math.max(block, 0)),
  });

  it('keeps the tiles given with a checkpoint and reads them back by block range', async () => {
    expect(treeTileReader(store)).toBe(store);
    await store.append(checkpoint(600), [tile(0), tile(1)]);
    await store.append(checkpoint(900), [tile(2), tile(3)]);
    // A tile already kept stays as it is.
    await store.append(checkpoint(1000), [tile(3)]);
    expect(await store.readTreeTiles(1, 3)).toEqual([tile(1), tile(2)]);
    expect((await store.readTreeTiles(0, 100)).map((kept) => kept.block)).toEqual([0, 1, 2, 3]);
    expect((await store.list({ maxCount: 10 })).map((kept) => kept.size)).toEqual([600, 900, 1000]);
  });

  it('stores tiles without a checkpoint (a backfill) and lists the blocks it keeps', async () => {
    expect(treeTileWriter(store)).toBe(store);
    await store.append(checkpoint(600), [tile(0)]);
    await store.storeTreeTiles([tile(1), tile(4)]);
    // A block already kept stays as it is.
    await store.storeTreeTiles([{ block: 0, nodes: Buffer.alloc(TREE_TILE_BYTES, 9) }]);
    expect(await store.treeTileBlocks(0, 100)).toEqual([0, 1, 4]);
    expect(await store.treeTileBlocks(1, 4)).toEqual([1]);
    expect(await store.readTreeTiles(0, 1)).toEqual([tile(0)]);
  });

  it('writes the tiles and the checkpoint in one transaction: a refused tile stores neither', async () => {
    // The table's CHECK refuses a negative block, after the first tile went in.
    const refused = tile(-1);
    // (A SqliteError from the native module: matched by its message, not by toThrow's realm.)
    await expect(store.append(checkpoint(600), [tile(0), refused])).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/CHECK constraint failed/),
    );
    expect(await store.latest()).toBeUndefined();
    expect(await store.readTreeTiles(0, 100)).toEqual([]);
  });
});
