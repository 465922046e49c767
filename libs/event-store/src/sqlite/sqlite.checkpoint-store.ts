import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  CheckpointListOptions,
  CheckpointStore,
  StoredCheckpoint,
} from '../checkpoints/checkpoint-store.port';
import type { TreeTile, TreeTileReader, TreeTileWriter } from '../checkpoints/tree-tiles.port';
import { migrate } from './sqlite.schema';

interface CheckpointRow {
  readonly size: number;
  readonly last_position: number;
  readonly root_hash: string;
  readonly timestamp: string;
  readonly key_id: string;
  readonly signature: string;
  readonly frontier: string;
}

const COLUMNS = 'size, last_position, root_hash, timestamp, key_id, signature, frontier';

export interface SqliteCheckpointStoreOptions {
  /** The event log's file (events.sqlite): checkpoints live in its `checkpoints` table. */
  readonly path: string;
  readonly busyTimeoutMs?: number;
}

/**
 * Signed checkpoints in the event log's own SQLite file, table `checkpoints` (schema migration
 * 2), through a connection of their own: the events table, its rows and positions are never
 * touched, and the checkpointer's writes queue behind the log's writer lock like any writer's.
 * It keeps the tree tiles given with a checkpoint (table `tree_tiles`, migration 4) in the
 * checkpoint's own transaction: no commit, so no fsync, of their own.
 */
export class SqliteCheckpointStore implements CheckpointStore, TreeTileReader, TreeTileWriter {
  private readonly insert: Database.Statement<[CheckpointRow]>;
  private readonly insertTile: Database.Statement<[number, Buffer]>;
  private readonly selectTiles: Database.Statement<[number, number], TreeTile>;
  private readonly selectTileBlocks: Database.Statement<[number, number], number>;
  private readonly insertTiles: (tiles: readonly TreeTile[]) => void;
  private readonly insertWithTiles: (
    row: CheckpointRow,
    tiles: readonly TreeTile[],
  ) => Database.RunResult;
  private readonly selectLatest: Database.Statement<[], CheckpointRow>;
  private readonly selectPage: Database.Statement<[number, number], CheckpointRow>;
  private readonly selectAtOrAfter: Database.Statement<[number], CheckpointRow>;

  private constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO checkpoints (${COLUMNS}) VALUES
       (@size, @last_position, @root_hash, @timestamp, @key_id, @signature, @frontier)
       ON CONFLICT (size) DO NOTHING`,
    );
    // A tile is the same whichever checkpointer wrote it: a second copy is dropped.
    this.insertTile = db.prepare(
      'INSERT INTO tree_tiles (block, nodes) VALUES (?, ?) ON CONFLICT (block) DO NOTHING',
    );
    this.selectTiles = db.prepare(
      'SELECT block, nodes FROM tree_tiles WHERE block >= ? AND block < ? ORDER BY block',
    );
    this.selectTileBlocks = db
      .prepare<[number, number], number>(
        'SELECT block FROM tree_tiles WHERE block >= ? AND block < ? ORDER BY block',
      )
      .pluck();
    const insertEachTile = (tiles: readonly TreeTile[]): void => {
      for (const tile of tiles) this.insertTile.run(tile.block, tile.nodes);
    };
    this.insertTiles = db.transaction(insertEachTile);
    this.insertWithTiles = db.transaction((row: CheckpointRow, tiles: readonly TreeTile[]) => {
      insertEachTile(tiles);
      return this.insert.run(row);
    });
    this.selectLatest = db.prepare(`SELECT ${COLUMNS} FROM checkpoints ORDER BY size DESC LIMIT 1`);
    this.selectPage = db.prepare(
      `SELECT ${COLUMNS} FROM checkpoints WHERE size > ? ORDER BY size LIMIT ?`,
    );
    this.selectAtOrAfter = db.prepare(
      `SELECT ${COLUMNS} FROM checkpoints WHERE size >= ? ORDER BY size LIMIT 1`,
    );
  }

  static open(options: SqliteCheckpointStoreOptions): Promise<SqliteCheckpointStore> {
    return settle(() => {
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
      const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
      const db = new Database(options.path, { timeout: busyTimeoutMs });
      try {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma(`busy_timeout = ${busyTimeoutMs}`);
        migrate(db);
        return new SqliteCheckpointStore(db);
      } catch (error) {
        db.close();
        throw error;
      }
    });
  }

  append(
    checkpoint: StoredCheckpoint,
    tiles: readonly TreeTile[] = [],
  ): Promise<{ readonly stored: boolean }> {
    return settle(() => {
      const row = toRow(checkpoint);
      const result = tiles.length > 0 ? this.insertWithTiles(row, tiles) : this.insert.run(row);
      return { stored: result.changes === 1 };
    });
  }

  readTreeTiles(fromBlock: number, toBlock: number): Promise<TreeTile[]> {
    return settle(() => this.selectTiles.all(fromBlock, toBlock));
  }

  treeTileBlocks(fromBlock: number, toBlock: number): Promise<number[]> {
    return settle(() => this.selectTileBlocks.all(fromBlock, toBlock));
  }

  storeTreeTiles(tiles: readonly TreeTile[]): Promise<void> {
    return settle(() => this.insertTiles(tiles));
  }

  latest(): Promise<StoredCheckpoint | undefined> {
    return settle(() => fromRow(this.selectLatest.get()));
  }

  list(options: CheckpointListOptions): Promise<StoredCheckpoint[]> {
    return settle(() =>
      this.selectPage
        .all(options.afterSize ?? -1, options.maxCount)
        .map((row) => fromRow(row) as StoredCheckpoint),
    );
  }

  atOrAfter(size: number): Promise<StoredCheckpoint | undefined> {
    return settle(() => fromRow(this.selectAtOrAfter.get(size)));
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }
}

function toRow(checkpoint: StoredCheckpoint): CheckpointRow {
  return {
    size: checkpoint.size,
    last_position: checkpoint.lastPosition,
    root_hash: checkpoint.rootHash,
    timestamp: checkpoint.timestamp,
    key_id: checkpoint.keyId,
    signature: checkpoint.signature,
    frontier: JSON.stringify(checkpoint.frontier),
  };
}

function fromRow(row: CheckpointRow | undefined): StoredCheckpoint | undefined {
  if (!row) return undefined;
  const frontier: unknown = JSON.parse(row.frontier);
  return {
    size: row.size,
    lastPosition: row.last_position,
    rootHash: row.root_hash,
    timestamp: row.timestamp,
    keyId: row.key_id,
    signature: row.signature,
    frontier: Array.isArray(frontier) ? frontier.map(String) : [],
  };
}

function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}
