import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrateSqliteEventLog, streamCategory } from '@ledger/event-store';
import type { ProposedEvent } from '@ledger/event-store';

/**
 * The raw baseline: better-sqlite3 writing the same rows into the same table (our schema, with
 * its indexes) with the same durability settings (WAL, synchronous=FULL), and nothing of ours in
 * the way: no queue, no head look-up, no expectation check, no hash chain, no envelope.
 */
export function openRawLog(dir: string): Database.Database {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrateSqliteEventLog(db);
  return db;
}

/**
 * One row of the raw log. `recordedAt` is the caller's: one timestamp per transaction, as the
 * store stamps one per append (a timestamp per row made the baseline do work ours does not).
 */
export type RawInsert = (
  streamId: string,
  revision: number,
  event: ProposedEvent,
  recordedAt: string,
) => void;

export function rawInsert(db: Database.Database): RawInsert {
  const statement = db.prepare(
    `INSERT INTO events (id, stream_id, category, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (streamId, revision, event, recordedAt) => {
    statement.run(
      event.id,
      streamId,
      streamCategory(streamId),
      revision,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
      '',
      '',
    );
  };
}

/**
 * The smallest table an append-only log can live in, for the append-small-* baselines (issue 12):
 * position (never reused: AUTOINCREMENT, as ours), id, stream, revision, type, data, metadata,
 * recorded_at; unique id and unique (stream, revision), nothing else: no hash chain, no schema
 * version, no category. Same durability as ours (WAL, synchronous=FULL).
 */
export function openMinimalRawLog(dir: string): Database.Database {
  const db = new Database(join(dir, 'raw-minimal.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      id          TEXT    NOT NULL,
      stream      TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at TEXT    NOT NULL
    );
    CREATE UNIQUE INDEX events_id ON events (id);
    CREATE UNIQUE INDEX events_stream_revision ON events (stream, revision);
  `);
  return db;
}

export type MinimalRawInsert = (
  streamId: string,
  revision: number,
  event: ProposedEvent,
  recordedAt: string,
) => void;

export function minimalRawInsert(db: Database.Database): MinimalRawInsert {
  const statement = db.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return (streamId, revision, event, recordedAt) => {
    statement.run(
      event.id,
      streamId,
      revision,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
    );
  };
}
