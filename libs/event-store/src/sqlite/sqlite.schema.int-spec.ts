import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { batchOf } from '../contract/contract-fixtures';
import { verifyChain } from '../hash-chain';
import type { StoredCheckpoint } from '../checkpoints/checkpoint-store.port';
import { TREE_TILE_BYTES } from '../checkpoints/tree-tiles.port';
import { SqliteCheckpointStore } from './sqlite.checkpoint-store';
import { SqliteEventStore } from './sqlite.event-store';
import { SqliteEventWriter } from './sqlite.event-writer';
import { migrate, SCHEMA_VERSION } from './sqlite.schema';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function indexesOf(db: Database.Database): string[] {
  return db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name",
    )
    .pluck()
    .all();
}

describe('event log migrations', () => {
  it('3 drops the unused type and category indexes of a version-2 file, keeping its events and chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-schema-'));
    tempDirs.push(dir);
    const path = join(dir, 'events.sqlite');

    // The file as the released version 2 left it, with events written by the store's writer.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    migrate(old, 2);
    expect(old.pragma('user_version', { simple: true })).toBe(2);
    expect(indexesOf(old)).toEqual([
      'events_category_position',
      'events_id',
      'events_stream_revision',
      'events_type_position',
    ]);
    const written = new SqliteEventWriter(old, () => '2026-01-01T00:00:00.000Z').write([
      { streamId: 'old-1', events: batchOf('Before', 3), expectedRevision: 'no-stream' },
    ]);
    expect(written.eventsWritten).toBe(3);
    old.close();

    const store = await SqliteEventStore.open({ path });
    try {
      const after = new Database(path, { readonly: true });
      try {
        expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(indexesOf(after)).toEqual(['events_id', 'events_stream_revision']);
      } finally {
        after.close();
      }
      await store.append('old-1', batchOf('After', 2), 2);
      const stream = await store.readStream('old-1');
      expect(stream.map((event) => event.type)).toEqual([
        'Before',
        'Before',
        'Before',
        'After',
        'After',
      ]);
      expect(verifyChain(stream).ok).toBe(true);
      // Filtered $all pages never used the dropped indexes: they still answer.
      const byType = await store.readAll({ maxCount: 10, filter: { eventTypes: ['After'] } });
      expect(byType.map((event) => event.revision)).toEqual([3, 4]);
      const byCategory = await store.readAll({
        maxCount: 10,
        filter: { streamCategories: ['old'] },
      });
      expect(byCategory).toHaveLength(5);
    } finally {
      await store.close();
    }
  });

  it('4 adds the tree tiles table to a version-3 file, keeping its checkpoints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-schema-'));
    tempDirs.push(dir);
    const path = join(dir, 'events.sqlite');
    // The file as the released version 3 left it, with a checkpoint.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    migrate(old, 3);
    old
      .prepare(
        `INSERT INTO checkpoints (size, last_position, root_hash, timestamp, key_id, signature, frontier)
         VALUES (3, 3, 'r', 't', 'k', 's', '[]')`,
      )
      .run();
    old.close();

    const checkpoints = await SqliteCheckpointStore.open({ path });
    try {
      expect(await checkpoints.latest()).toMatchObject({ size: 3, rootHash: 'r' });
      expect(await checkpoints.readTreeTiles(0, 10)).toEqual([]);
      const tile = { block: 0, nodes: Buffer.alloc(TREE_TILE_BYTES, 7) };
      await checkpoints.append(
        { ...((await checkpoints.latest()) as StoredCheckpoint), size: 256 },
        [tile],
      );
      expect(await checkpoints.readTreeTiles(0, 10)).toEqual([tile]);
      const after = new Database(path, { readonly: true });
      try {
        expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      } finally {
        after.close();
      }
    } finally {
      await checkpoints.close();
    }
  });
});
