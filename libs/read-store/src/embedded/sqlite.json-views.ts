import type Database from 'better-sqlite3';

/**
 * The embedded store's kept JSON views (ReadStore.ensureJsonView): each one a TEXT column of the
 * collection's table holding every document's JSON text without some top-level fields, named
 * after the fields it leaves out (`"json_without:_id,inputs,position"`, sorted). The table says
 * itself what it keeps: a rebuilt table renamed into place brings its columns, a dropped one
 * takes them, and any connection (another process's too) learns them from the schema.
 *
 * Why: a list page cut each of its twenty documents' fields out of the stored text on every
 * read (project list at 100,000 projects: ~25 % of a page built from the store); the kept text
 * is cut once, when the document is written.
 */
export interface JsonView {
  /** The column's name, unquoted. */
  readonly column: string;
  readonly omit: ReadonlySet<string>;
}

const PREFIX = 'json_without:';

/** The column of the view leaving out `omit` (names checked by assertOmittedFields). */
export function jsonViewColumn(omit: readonly string[]): string {
  return PREFIX + [...new Set(omit)].sort().join(',');
}

/** The column as an SQL identifier (names hold letters, digits and '_': nothing to escape). */
export function quotedColumn(column: string): string {
  return `"${column}"`;
}

/** The views a table keeps, from its columns. */
export function jsonViewsOf(db: Database.Database, table: string): JsonView[] {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  return columns
    .filter(({ name }) => name.startsWith(PREFIX))
    .map(({ name }) => ({ column: name, omit: new Set(name.slice(PREFIX.length).split(',')) }));
}

/**
 * Adds the view's column to `table` and gives every stored document its text, in pages of
 * rowids (better-sqlite3 runs no statement while another one iterates). Run inside the caller's
 * write transaction, so readers see the column filled or not at all.
 */
export function addJsonView(
  db: Database.Database,
  table: string,
  column: string,
  textOf: (doc: string) => string,
): void {
  const quoted = quotedColumn(column);
  db.exec(`ALTER TABLE ${table} ADD COLUMN ${quoted} TEXT`);
  const page = db
    .prepare<[number], [number, string]>(
      `SELECT rowid, doc FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1000`,
    )
    .raw();
  const fill = db.prepare(`UPDATE ${table} SET ${quoted} = ? WHERE rowid = ?`);
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const rows = page.all(after);
    if (rows.length === 0) return;
    for (const [rowid, doc] of rows) fill.run(textOf(doc), rowid);
    after = rows[rows.length - 1]![0];
  }
}
