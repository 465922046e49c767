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

export const INSERT_EVENT_SQL = `
  INSERT INTO events
    (id, stream_id, category, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
