import type { EventMetadata, JsonObject, RecordedEvent } from '../event-envelope';

/** One row of the `events` table, as better-sqlite3 returns it (integers fit in a double). */
export interface EventRow {
  readonly position: number;
  readonly id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The columns every read selects, in EventRow's shape. */
export const EVENT_COLUMNS =
  'position, id, stream_id, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

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

/** A row as the port's RecordedEvent: exactly the envelope's fields, JSON parsed. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
