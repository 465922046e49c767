import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertCheckpointName, assertPosition, assertReadDocument } from '../read-document';
import {
  type FindOptions,
  type ReadFilter,
  assertCollectionName,
  assertFieldPath,
  assertOmittedFields,
  normalizeFilter,
  normalizeFindOptions,
} from '../read-filter';
import {
  CollectionNotFoundError,
  DocumentTooLargeError,
  MAX_DOCUMENT_BYTES,
} from '../read-store.errors';
import type { ReadCheckpoint, ReadDocument, ReadStore } from '../read-store.port';
import { jsonWithoutMembers } from './json-without-members';
import {
  addJsonView,
  jsonViewColumn,
  jsonViewsOf,
  quotedColumn,
  type JsonView,
} from './sqlite.json-views';
import { pageClause, whereClause } from './sqlite.query';
import { VersionedMemo } from '../versioned-memo';

export interface SqliteReadStoreOptions {
  /** Database file (its folder is created if missing), or ':memory:'. */
  readonly path: string;
  /** How long a write waits for another process holding the write lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /**
   * WAL pages after which a COMMIT of this connection checkpoints the WAL into the file itself
   * (SQLite's `wal_autocheckpoint`, default 1000). A process that checkpoints from another
   * thread (the runtime's WalCheckpointThread) raises it, keeping this only as a bound.
   */
  readonly walAutocheckpointPages?: number;
}

/**
 * The embedded read store (P7's default): DURABLE, one SQLite file in WAL mode, so read models
 * and checkpoints survive a restart and the projector resumes from its checkpoint instead of
 * rebuilding. One table per collection, `rs_<name>(id, position, doc)`, the whole document as
 * JSON in `doc`; filters and sorts run on `json_extract(doc, ...)`.
 *
 * synchronous=NORMAL (not FULL): in WAL mode a power cut can lose only the last commits, as a
 * suffix, and the database stays consistent. The checkpoint is committed after the documents it
 * covers (P5), so a lost suffix loses the checkpoint too and the projector re-applies those
 * events, which the position guard makes harmless.
 */
export class SqliteReadStore implements ReadStore {
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();
  /** Counts by SQL and values: every page of a list asks for its count again. */
  private readonly counts = new VersionedMemo<number>({ maxEntries: 1_000 });

  /**
   * Tables this connection dropped or renamed (schema changes of other connections move
   * `data_version`; this connection's row changes move `total_changes()`): part of the version
   * the memos are valid at.
   */
  private schemaChanges = 0;

  /** Each table's kept JSON views (sqlite.json-views.ts), as of a schema version. */
  private readonly jsonViewsByTable = new Map<string, { schema: number; views: JsonView[] }>();

  private constructor(private readonly db: Database.Database) {}

  static open(options: SqliteReadStoreOptions): Promise<SqliteReadStore> {
    return settle(() => {
      const inMemory = options.path === ':memory:' || options.path === '';
      if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
      const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
      const db = new Database(options.path, { timeout: busyTimeoutMs });
      try {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma(`busy_timeout = ${busyTimeoutMs}`);
        applyWalAutocheckpoint(db, options.walAutocheckpointPages);
        db.exec(
          'CREATE TABLE IF NOT EXISTS read_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT',
        );
        return new SqliteReadStore(db);
      } catch (error) {
        db.close();
        throw error;
      }
    });
  }

  get<T extends ReadDocument>(collection: string, id: string): Promise<T | null> {
    return settle(() => {
      const row = this.readRows<{ doc: string }>(
        collection,
        `SELECT doc FROM ${table(collection)} WHERE id = ?`,
        [id],
      )[0];
      return row ? (JSON.parse(row.doc) as T) : null;
    });
  }

  getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<T[]> {
    return settle(() => {
      if (ids.length === 0) return [];
      // The engine's loader: during a rebuild, pages ask collections that have no table until
      // the first flush (1,546 calls over the 200,000-event rebuild), and SQLite's refusal of
      // the statement (a failed prepare and an error with its stack) costs 18-32 us a call
      // where this look-up costs 3-6 us (measured on this machine, shared).
      assertCollectionName(collection);
      if (!this.tableExists(table(collection))) return [];
      const rows = this.readRows<{ id: string; doc: string }>(
        collection,
        `SELECT id, doc FROM ${table(collection)} WHERE id IN (SELECT value FROM json_each(?))`,
        [JSON.stringify(ids)],
      );
      const byId = new Map(rows.map((row) => [row.id, row.doc]));
      const found: T[] = [];
      for (const id of new Set(ids)) {
        const doc = byId.get(id);
        if (doc !== undefined) found.push(JSON.parse(doc) as T);
      }
      return found;
    });
  }

  upsertMany<T extends ReadDocument>(collection: string, documents: readonly T[]): Promise<void> {
    return settle(() => {
      assertCollectionName(collection);
      if (documents.length === 0) return;
      const name = table(collection);
      // Each document is checked and serialised as it is written, inside the transaction: a
      // refused one rolls the whole batch back (nothing written), and the batch's JSON never
      // sits in memory all at once (a rebuild's flush writes every read model's documents).
      this.db
        .transaction(() => {
          this.ensureTable(name);
          const views = this.jsonViews(name, true);
          const upsert = this.statement(upsertSql(name, views));
          for (const document of documents) {
            assertReadDocument(document);
            const json = JSON.stringify(document);
            assertDocumentSize(collection, document._id, json);
            if (views.length === 0) upsert.run(document._id, document.position, json);
            else upsert.run(document._id, document.position, json, ...viewTexts(json, views));
          }
        })
        .immediate();
    });
  }

  deleteMany(collection: string, ids: readonly string[]): Promise<void> {
    return settle(() => {
      assertCollectionName(collection);
      if (ids.length === 0 || !this.tableExists(table(collection))) return;
      this.db
        .prepare(`DELETE FROM ${table(collection)} WHERE id IN (SELECT value FROM json_each(?))`)
        .run(JSON.stringify(ids));
    });
  }

  find<T extends ReadDocument>(
    collection: string,
    filter?: ReadFilter,
    options?: FindOptions,
  ): Promise<T[]> {
    return settle(() => {
      const { sql, params } = this.findStatement(collection, filter, options);
      return this.readTexts(collection, sql, params).map((text) => JSON.parse(text) as T);
    });
  }

  findJson(
    collection: string,
    filter: ReadFilter | undefined,
    options: FindOptions | undefined,
    omit: readonly string[],
  ): Promise<string[]> {
    return settle(() => {
      assertOmittedFields(omit);
      const kept = this.keptJsonView(collection, filter, options, omit);
      if (kept !== null) return kept;
      const { sql, params } = this.findStatement(collection, filter, options);
      // The stored text is JSON.stringify's: cutting members out of it (kept members copied as
      // stored) answers what stringify of the trimmed object gives, without parsing the rest.
      const omitted = new Set(omit);
      return this.readTexts(collection, sql, params).map((text) =>
        jsonWithoutMembers(text, omitted),
      );
    });
  }

  ensureJsonView(collection: string, omit: readonly string[]): Promise<void> {
    return settle(() => {
      assertCollectionName(collection);
      assertOmittedFields(omit);
      if (omit.length === 0) throw new TypeError('ensureJsonView: name at least one field');
      const name = table(collection);
      const column = jsonViewColumn(omit);
      const omitted = new Set(omit);
      this.db
        .transaction(() => {
          this.ensureTable(name);
          if (this.jsonViews(name, true).some((view) => view.column === column)) return;
          addJsonView(this.db, name, column, (doc) => jsonWithoutMembers(doc, omitted));
          this.jsonViewsByTable.delete(name);
        })
        .immediate();
    });
  }

  count(collection: string, filter?: ReadFilter): Promise<number> {
    return settle(() => {
      const where = whereClause(normalizeFilter(filter));
      const sql = `SELECT COUNT(*) AS n FROM ${table(collection)}${where.sql}`;
      // Each list page asks for the same count until something is written: kept per version.
      const version = this.databaseVersion();
      const key = `${sql}\u0000${JSON.stringify(where.params)}`;
      const known = this.counts.get(key, version);
      if (known !== undefined) return known;
      const [row] = this.readRows<{ n: number }>(collection, sql, where.params);
      const count = row?.n ?? 0;
      this.counts.set(key, version, count);
      return count;
    });
  }

  changeVersion(): Promise<string | null> {
    return settle(() => this.databaseVersion());
  }

  getCheckpoint(name: string): Promise<number | null> {
    return settle(() => {
      assertCheckpointName(name);
      // Read by every query (the position it serves) when the projector is another process.
      const row = this.statement<{ position: number }>(
        'SELECT position FROM read_checkpoints WHERE name = ?',
      ).get(name);
      return row ? row.position : null;
    });
  }

  saveCheckpoint(name: string, position: number): Promise<void> {
    return settle(() => {
      assertCheckpointName(name);
      assertPosition(position);
      // Kept prepared: the in-process projector saves after every live batch (a command's).
      this.statement(SAVE_CHECKPOINT_SQL).run(name, position);
    });
  }

  saveCheckpoints(checkpoints: readonly ReadCheckpoint[]): Promise<void> {
    return settle(() => {
      for (const { name, position } of checkpoints) {
        assertCheckpointName(name);
        assertPosition(position);
      }
      if (checkpoints.length === 0) return;
      // One commit for every read model's checkpoint after a live flush: eleven autocommits cost
      // 0.32 ms of CPU per flush of one document each in two collections, one commit 0.11 ms
      // (in-process probe on this machine, shared).
      const save = this.statement(SAVE_CHECKPOINT_SQL);
      this.db
        .transaction(() => {
          for (const { name, position } of checkpoints) save.run(name, position);
        })
        .immediate();
    });
  }

  ensureIndex(collection: string, fields: readonly string[]): Promise<void> {
    return settle(() => {
      assertCollectionName(collection);
      if (fields.length === 0) throw new TypeError('ensureIndex: name at least one field');
      fields.forEach(assertFieldPath);
      const name = table(collection);
      // The same expressions the filters use (sqlite.query.ts), so the planner can match them;
      // `id` last, as every sort ends on it (find's tie-break): a page sorted on the last field
      // is then read in index order and stops at its limit, with no temporary B-tree.
      const expressions = fields.map((field) => `json_extract(doc, '$.${field}')`).join(', ');
      const columns = `(${expressions}, id)`;
      // What ensureIndex made before indexes ended on id: the new index replaces it.
      const withoutId = `(${expressions})`;
      this.db
        .transaction(() => {
          this.ensureTable(name);
          // A table renamed from a rebuild keeps its indexes under their old names: look for
          // one over the same expressions rather than by name.
          const existing = this.db
            .prepare<[string], { name: string; sql: string }>(
              "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            )
            .all(name);
          if (existing.some((index) => index.sql.endsWith(columns))) return;
          for (const index of existing) {
            if (index.sql.endsWith(withoutId)) this.db.exec(`DROP INDEX "${index.name}"`);
          }
          const suffix = createHash('sha256')
            .update(`${name}${columns}`)
            .digest('hex')
            .slice(0, 12);
          this.db.exec(`CREATE INDEX ix_${name}_${suffix} ON ${name} ${columns}`);
        })
        .immediate();
    });
  }

  dropCollection(collection: string): Promise<void> {
    return settle(() => {
      assertCollectionName(collection);
      this.schemaChanges++;
      this.jsonViewsByTable.delete(table(collection));
      this.db.exec(`DROP TABLE IF EXISTS ${table(collection)}`);
    });
  }

  /** DROP + ALTER TABLE RENAME in one transaction: readers see the old table or the new one. */
  renameCollection(from: string, to: string): Promise<void> {
    return settle(() => {
      assertCollectionName(from);
      assertCollectionName(to);
      if (from === to) throw new TypeError('renameCollection: from and to are the same');
      this.schemaChanges++;
      this.jsonViewsByTable.delete(table(from));
      this.jsonViewsByTable.delete(table(to));
      this.db
        .transaction(() => {
          if (!this.tableExists(table(from))) throw new CollectionNotFoundError(from);
          this.db.exec(`DROP TABLE IF EXISTS ${table(to)}`);
          this.db.exec(`ALTER TABLE ${table(from)} RENAME TO ${table(to)}`);
        })
        .immediate();
    });
  }

  ping(): Promise<void> {
    return settle(() => {
      this.db.prepare('SELECT COUNT(*) FROM read_checkpoints').get();
    });
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }

  /**
   * Moves with every write a read could see: another connection's commits (`data_version`), this
   * connection's rows (`total_changes()`) and its drops and renames. Two plain statements and a
   * counter: one SELECT of the pragma functions and `schema_version` cost 8 us, these 4 us, and
   * a list request reads the version at least twice (its answer memo and its count).
   */
  private databaseVersion(): string {
    const dataVersion = this.statement(DATA_VERSION_SQL).pluck().get() as number;
    const changes = this.statement(TOTAL_CHANGES_SQL).pluck().get() as number;
    return `${dataVersion}:${changes}:${this.schemaChanges}`;
  }

  /**
   * The views `name` keeps. A write (`verify`) looks at the schema version each time, inside its
   * transaction: it must write every column there is. A read trusts a view it knew of (a table
   * swapped in without it makes the read fail, and keptJsonView falls back) and looks again
   * when it knew of none and the schema moved since.
   */
  private jsonViews(name: string, verify: boolean): JsonView[] {
    const known = this.jsonViewsByTable.get(name);
    if (known !== undefined && !verify && known.views.length > 0) return known.views;
    const schema = this.statement(SCHEMA_VERSION_SQL).pluck().get() as number;
    if (known !== undefined && known.schema === schema) return known.views;
    const views = jsonViewsOf(this.db, name);
    this.jsonViewsByTable.set(name, { schema, views });
    return views;
  }

  /**
   * findJson's page read from the view kept for exactly `omit`, or null when there is none (or
   * a document lacks its text: written by a version of the store that did not keep it).
   */
  private keptJsonView(
    collection: string,
    filter: ReadFilter | undefined,
    options: FindOptions | undefined,
    omit: readonly string[],
  ): string[] | null {
    assertCollectionName(collection);
    const name = table(collection);
    const column = jsonViewColumn(omit);
    if (!this.jsonViews(name, false).some((view) => view.column === column)) return null;
    const { sql, params } = this.findStatement(collection, filter, options, quotedColumn(column));
    let texts: (string | null)[];
    try {
      texts = this.statement(sql)
        .pluck(true)
        .all(...params) as (string | null)[];
    } catch (error) {
      // The table was dropped or swapped for one without the view since it was looked at.
      if (!isMissingTable(error, name) && !isMissingColumn(error, column)) throw error;
      this.jsonViewsByTable.delete(name);
      return null;
    }
    return texts.includes(null) ? null : (texts as string[]);
  }

  private tableExists(name: string): boolean {
    return (
      this.statement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
      undefined
    );
  }

  /**
   * A prepared statement per SQL text, kept: preparing costs as much as running a page of an
   * indexed list. A statement outlives a DROP or rename of its table (SQLite prepares it again
   * at its next run, or refuses it if the table is gone: readRows reads that as empty). The SQL of a filter depends on
   * its shape (fields, operators, the length of an `$in`), never on its values, so the cache
   * stays small; it is emptied at STATEMENT_CACHE_SIZE all the same.
   */
  private statement<R>(sql: string): Database.Statement<unknown[], R> {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      prepared = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, prepared);
    }
    return prepared as Database.Statement<unknown[], R>;
  }

  /** The statement of the page find answers: each matching document's text. */
  /** The page's SELECT of `column` (the document, or a kept JSON view's quoted column). */
  private findStatement(
    collection: string,
    filter: ReadFilter | undefined,
    options: FindOptions | undefined,
    column = 'doc',
  ): { sql: string; params: (string | number)[] } {
    const where = whereClause(normalizeFilter(filter));
    const page = pageClause(normalizeFindOptions(options));
    return {
      sql: `SELECT ${column} FROM ${table(collection)}${where.sql}${page.sql}`,
      params: [...where.params, ...page.params],
    };
  }

  private ensureTable(name: string): void {
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${name} (
         id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL
       ) STRICT`,
    );
  }

  /**
   * A collection never written has no table yet: it reads as empty. One statement is its own
   * read transaction, so the table is not looked up first (that look-up and an explicit
   * transaction around it cost as much as an indexed count): SQLite's own refusal of a missing
   * table, at prepare or at the run of a kept statement whose table was dropped, reads as empty.
   */
  private readRows<R>(collection: string, sql: string, params: readonly (string | number)[]): R[] {
    return this.readAll(collection, sql, params, false) as R[];
  }

  /**
   * readRows of a statement selecting one text column: the texts themselves. Without a row
   * object each, a page of 20 summaries took 50-57 us in better-sqlite3 against 64-68 us.
   */
  private readTexts(
    collection: string,
    sql: string,
    params: readonly (string | number)[],
  ): string[] {
    return this.readAll(collection, sql, params, true) as string[];
  }

  private readAll(
    collection: string,
    sql: string,
    params: readonly (string | number)[],
    pluck: boolean,
  ): unknown[] {
    assertCollectionName(collection);
    try {
      // A kept statement keeps its mode: set it for this read.
      return this.statement(sql)
        .pluck(pluck)
        .all(...params);
    } catch (error) {
      if (isMissingTable(error, table(collection))) return [];
      throw error;
    }
  }
}

const STATEMENT_CACHE_SIZE = 200;

const SAVE_CHECKPOINT_SQL = `INSERT INTO read_checkpoints (name, position) VALUES (?, ?)
  ON CONFLICT (name) DO UPDATE SET position = excluded.position`;

/**
 * What changes with every write a memo could see: `data_version` moves when another connection
 * commits (rows or schema), `total_changes()` with every row this connection inserts, updates or
 * deletes (its drops and renames are counted apart: they change no row count).
 */
const DATA_VERSION_SQL = 'PRAGMA data_version';
const TOTAL_CHANGES_SQL = 'SELECT total_changes()';

/** Moves with every schema change, any connection's: a view's column added, a table swapped. */
const SCHEMA_VERSION_SQL = 'PRAGMA schema_version';

/**
 * The upsert of a table keeping `views`: their texts are written with the document, in the same
 * statement. The guard is in the statement: an equal or lower position leaves the row alone.
 */
function upsertSql(name: string, views: readonly JsonView[]): string {
  const columns = views.map((view) => quotedColumn(view.column));
  const names = columns.map((column) => `, ${column}`).join('');
  const values = columns.map(() => ', ?').join('');
  const updates = columns.map((column) => `, ${column} = excluded.${column}`).join('');
  return `INSERT INTO ${name} (id, position, doc${names}) VALUES (?, ?, ?${values})
          ON CONFLICT (id) DO UPDATE SET position = excluded.position, doc = excluded.doc${updates}
          WHERE excluded.position > ${name}.position`;
}

/** Each view's text of a document stored as `json` (JSON.stringify's). */
function viewTexts(json: string, views: readonly JsonView[]): string[] {
  return views.map((view) => jsonWithoutMembers(json, view.omit));
}

/**
 * Same bound as MongoDB (JSON bytes stand in for BSON's, within a few percent), so a read model
 * that outgrows it fails here too, not first in production. A UTF-16 code unit is at most 3
 * UTF-8 bytes, so text under a third of the bound is not counted byte by byte (counting was a
 * pass over every document a rebuild writes).
 */
function assertDocumentSize(collection: string, id: string, json: string): void {
  if (json.length * 3 <= MAX_DOCUMENT_BYTES) return;
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(collection, id, bytes);
}

/** `collection` was checked against COLLECTION_NAME (lowercase letters, digits, '_'). */
function table(collection: string): string {
  return `rs_${collection}`;
}

/**
 * SQLite's refusal of a statement over `name` because no such table exists (now). Told by its
 * code and message, not `instanceof`: the native addon keeps the SqliteError class (and so the
 * Error) of the first copy of better-sqlite3 loaded in the process, so under a second module
 * registry or realm (jest's next suite in the same worker) the thrown error is an instance of
 * neither class this module sees.
 */
function isMissingTable(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_ERROR' && message === `no such table: ${name}`;
}

/** SQLite's refusal of a statement naming a column its table does not have (now). */
function isMissingColumn(error: unknown, column: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_ERROR' && message === `no such column: ${column}`;
}


/**
 * SQLite's `wal_autocheckpoint` for this connection, when given: the WAL pages after which its
 * COMMIT checkpoints the WAL itself (0 never does).
 */
function applyWalAutocheckpoint(db: Database.Database, pages: number | undefined): void {
  if (pages === undefined) return;
  if (!Number.isSafeInteger(pages) || pages < 0)
    throw new RangeError(`walAutocheckpointPages must be a whole number of pages, got ${pages}`);
  db.pragma(`wal_autocheckpoint = ${pages}`);
}

/** Runs synchronous work as a promise: a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}
