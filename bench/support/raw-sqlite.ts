import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * The raw baseline: better-sqlite3 with the same durability settings as our adapter (WAL,
 * synchronous=FULL) writing the same columns, with nothing of ours in the way.
 */
export function openRawLog(dir: string): Database.Database {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  )`);
  return db;
}

export function rawInsert(db: Database.Database) {
  return db.prepare(
    `INSERT INTO events (id, stream_id, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
}
