import type { Database } from 'better-sqlite3';

/**
 * The event log's schema, as an ordered list of migrations. `PRAGMA user_version` records how
 * many have been applied, so a later version of the code appends a migration here and every
 * existing file is brought forward on open. Never edit a migration once released.
 */
const MIGRATIONS: readonly string[] = [
  // 1: the log. `position` is the rowid; AUTOINCREMENT makes SQLite keep the highest position
  // ever handed out (sqlite_sequence), so a position is never reused even if rows were deleted.
  // `category` is streamCategory(stream_id), computed on insert so $all filters can test it.
  // STRICT makes SQLite refuse a value of the wrong type instead of silently storing it.
  `
  CREATE TABLE events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT    NOT NULL,
    stream_id      TEXT    NOT NULL,
    category       TEXT    NOT NULL,
    revision       INTEGER NOT NULL CHECK (revision >= 0),
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    data           TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX events_id ON events (id);
  CREATE UNIQUE INDEX events_stream_revision ON events (stream_id, revision);
  CREATE INDEX events_type_position ON events (type, position);
  CREATE INDEX events_category_position ON events (category, position);
  `,
  // 2: the log's signed checkpoints (libs/audit), in their own table so the events table, its
  // rows and positions stay exactly what was appended. One checkpoint per tree size.
  `
  CREATE TABLE checkpoints (
    size           INTEGER PRIMARY KEY CHECK (size >= 0),
    last_position  INTEGER NOT NULL,
    root_hash      TEXT    NOT NULL,
    timestamp      TEXT    NOT NULL,
    key_id         TEXT    NOT NULL,
    signature      TEXT    NOT NULL,
    frontier       TEXT    NOT NULL
  ) STRICT;
  `,
  // 3: no reader uses the (type, position) and (category, position) indexes: filtered $all pages
  // walk the rowid NOT INDEXED (sqlite.event-reader.ts says why) and streams are read by
  // (stream_id, revision). Each index cost a B-tree insert per appended event, about a fifth of
  // a batched append's time. The `category` column stays: filtered pages still test it.
  `
  DROP INDEX IF EXISTS events_type_position;
  DROP INDEX IF EXISTS events_category_position;
  `,
  // 4: tree tiles (libs/audit): every node of the Merkle tree over each complete aligned block of
  // 256 leaves, 511 × 32 bytes, written with the checkpoints; a derived cache an export reads
  // instead of re-hashing the tree. Nothing in it is evidence (TreeTile says why).
  `
  CREATE TABLE tree_tiles (
    block          INTEGER PRIMARY KEY CHECK (block >= 0),
    nodes          BLOB    NOT NULL
  ) STRICT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file up to SCHEMA_VERSION. Each step runs in an IMMEDIATE transaction that re-reads
 * the version first, so two processes opening the same new file do not both apply it.
 * `targetVersion` stops earlier: the migration specs use it to build a file as a released
 * version of the code left it.
 */
export function migrate(db: Database, targetVersion: number = SCHEMA_VERSION): void {
  const readVersion = (): number => db.pragma('user_version', { simple: true }) as number;
  for (;;) {
    const applied = db
      .transaction((): boolean => {
        const version = readVersion();
        if (version > SCHEMA_VERSION) {
          throw new Error(
            `event log schema version ${version} is newer than this code knows (${SCHEMA_VERSION})`,
          );
        }
        const next = version < targetVersion ? MIGRATIONS[version] : undefined;
        if (next === undefined) return false;
        db.exec(next);
        db.pragma(`user_version = ${version + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return;
  }
}
