/**
 * The insert statement's parameters, in column order. Positional: better-sqlite3 binds an array
 * of arguments without looking up a name per column, and no parameter object is built per event.
 */
export type EventInsertParameters = [
  id: string,
  streamId: string,
  category: string,
  revision: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedAt: string,
  prevHash: string,
  hash: string,
];

/** How many parameters one row binds (EventInsertParameters' length). */
export const EVENT_INSERT_PARAMETER_COUNT = 11;

const INSERT_COLUMNS =
  '(id, stream_id, category, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)';
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

export const INSERT_EVENT_SQL = `INSERT INTO events ${INSERT_COLUMNS} VALUES ${ROW_PLACEHOLDERS}`;

/**
 * One statement inserting `rows` events, their parameters one row after the other. OR ROLLBACK:
 * a failed row (a stored id) rolls the whole transaction back, so it may only run in a
 * transaction that holds nothing else. With the default (ABORT), SQLite would keep a statement
 * journal to undo the statement's own rows, copying every page it changes first (the cost
 * savepoints have: see SqliteEventWriter).
 */
export function insertEventsOrRollbackSql(rows: number): string {
  return `INSERT OR ROLLBACK INTO events ${INSERT_COLUMNS} VALUES ${Array.from({ length: rows }, () => ROW_PLACEHOLDERS).join(', ')}`;
}
