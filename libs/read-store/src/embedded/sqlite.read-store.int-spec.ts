import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeReadStoreContract } from '../contract/read-store.contract';
import { normalizeFilter, normalizeFindOptions } from '../read-filter';
import { pageClause, whereClause } from './sqlite.query';
import { SqliteReadStore } from './sqlite.read-store';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-read-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeReadStoreContract('embedded sqlite (file in a temp dir)', async () => {
  const store = await SqliteReadStore.open({ path: join(tempDir(), 'read.sqlite') });
  return { store, dispose: () => store.close() };
});

describeReadStoreContract('embedded sqlite (in memory)', async () => {
  const store = await SqliteReadStore.open({ path: ':memory:' });
  return { store, dispose: () => store.close() };
});

describe('SqliteReadStore (SQLite specifics)', () => {
  it('a filtered, sorted page runs on the index ensureIndex made, not a scan of the table', async () => {
    const path = join(tempDir(), 'read.sqlite');
    const store = await SqliteReadStore.open({ path });
    try {
      await store.upsertMany(
        'projects',
        Array.from({ length: 200 }, (_, n) => ({
          _id: `p${n}`,
          position: n + 1,
          programId: `pg${n % 10}`,
          status: 'active',
          name: `n${n}`,
        })),
      );
      const filter = { programId: 'pg3', status: 'active' };
      // The plans of the statements find() and count() run, on a fresh connection (it sees the
      // new schema).
      const explain = (sql: string, params: readonly (string | number)[]): string => {
        const raw = new Database(path, { readonly: true });
        try {
          return raw
            .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
            .all(...params)
            .map((row) => row.detail)
            .join('; ');
        } finally {
          raw.close();
        }
      };
      const where = whereClause(normalizeFilter(filter));
      const page = pageClause(normalizeFindOptions({ sort: [['name', 'asc']], limit: 20 }));
      const plan = () =>
        explain(`SELECT doc FROM rs_projects${where.sql}${page.sql}`, [
          ...where.params,
          ...page.params,
        ]);
      const countPlan = () => explain(`SELECT COUNT(*) FROM rs_projects${where.sql}`, where.params);
      expect(plan()).toMatch(/^SCAN rs_projects/);
      await store.ensureIndex('projects', ['programId', 'status', 'name']);
      expect(plan()).toMatch(/^SEARCH rs_projects USING INDEX ix_rs_projects_[0-9a-f]{12}/);
      // The index ends on id, find's tie-break: the page is read in index order and stops at
      // its limit (no sort of every match), and the count reads the index alone.
      expect(plan()).not.toContain('TEMP B-TREE');
      expect(countPlan()).toMatch(/^SEARCH rs_projects USING COVERING INDEX ix_rs_projects_/);
      expect(await store.count('projects', filter)).toBe(20);
      expect((await store.find('projects', filter, { sort: [['name', 'asc']] })).length).toBe(20);
    } finally {
      await store.close();
    }
  });

  it('replaces an index made before indexes ended on id, keeping other indexes', async () => {
    const path = join(tempDir(), 'read.sqlite');
    const store = await SqliteReadStore.open({ path });
    try {
      await store.upsertMany('projects', [{ _id: 'p1', position: 1, status: 'active', name: 'A' }]);
      const raw = new Database(path);
      const indexes = () =>
        raw
          .prepare<[], { sql: string }>(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rs_projects' AND sql IS NOT NULL ORDER BY name",
          )
          .all()
          .map((index) => index.sql.replace(/^CREATE INDEX \S+ ON rs_projects /, ''));
      try {
        raw.exec(
          "CREATE INDEX ix_old ON rs_projects (json_extract(doc, '$.status'), json_extract(doc, '$.name'))",
        );
        raw.exec("CREATE INDEX ix_other ON rs_projects (json_extract(doc, '$.name'))");
        await store.ensureIndex('projects', ['status', 'name']);
        expect(indexes().sort()).toEqual([
          "(json_extract(doc, '$.name'))",
          "(json_extract(doc, '$.status'), json_extract(doc, '$.name'), id)",
        ]);
      } finally {
        raw.close();
      }
      expect(
        await store.find('projects', { status: 'active' }, { sort: [['name', 'asc']] }),
      ).toEqual([{ _id: 'p1', position: 1, status: 'active', name: 'A' }]);
    } finally {
      await store.close();
    }
  });

  it('creates a WAL database in a folder that did not exist', async () => {
    const path = join(tempDir(), 'nested', 'read.sqlite');
    const store = await SqliteReadStore.open({ path });
    await store.close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('is durable: documents, positions, checkpoints and swaps survive close and reopen', async () => {
    const path = join(tempDir(), 'read.sqlite');
    let store = await SqliteReadStore.open({ path });
    await store.upsertMany('projects', [
      { _id: 'p1', position: 4, name: 'Alpha' },
      { _id: 'p2', position: 5, name: 'Beta' },
    ] as const);
    await store.upsertMany('projects_next', [{ _id: 'p9', position: 9 }]);
    await store.renameCollection('projects_next', 'rebuilt');
    await store.saveCheckpoint('projects', 5);
    await store.close();
    await expect(store.ping()).rejects.toThrow();

    store = await SqliteReadStore.open({ path });
    try {
      expect(await store.getCheckpoint('projects')).toBe(5);
      expect(await store.find('projects')).toEqual([
        { _id: 'p1', position: 4, name: 'Alpha' },
        { _id: 'p2', position: 5, name: 'Beta' },
      ]);
      expect(await store.find('rebuilt')).toEqual([{ _id: 'p9', position: 9 }]);
      // The guard survived too: a replay of an applied position is still ignored.
      await store.upsertMany('projects', [{ _id: 'p2', position: 5, name: 'replayed' }]);
      expect(await store.get('projects', 'p2')).toEqual({ _id: 'p2', position: 5, name: 'Beta' });
    } finally {
      await store.close();
    }
  });

  it('a second connection to the same file sees the other one’s commits and swaps', async () => {
    const path = join(tempDir(), 'read.sqlite');
    const writer = await SqliteReadStore.open({ path });
    const reader = await SqliteReadStore.open({ path });
    try {
      await writer.upsertMany('live', [{ _id: 'a', position: 1 }]);
      expect(await reader.count('live')).toBe(1);
      await writer.upsertMany('live_next', [{ _id: 'b', position: 2 }]);
      await writer.renameCollection('live_next', 'live');
      expect(await reader.find('live')).toEqual([{ _id: 'b', position: 2 }]);
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });
});

describe('SqliteReadStore counts (kept until something is written)', () => {
  const docs = (ids: readonly string[], position: number, status = 'active') =>
    ids.map((id) => ({ _id: id, position, status }));

  it('follows its own writes, another connection’s writes, a drop and a rename', async () => {
    const path = join(tempDir(), 'read.sqlite');
    const store = await SqliteReadStore.open({ path });
    const other = await SqliteReadStore.open({ path });
    const raw = new Database(path);
    try {
      const active = () => store.count('items', { status: 'active' });
      expect(await active()).toBe(0);
      await store.upsertMany('items', docs(['a', 'b'], 1));
      expect(await active()).toBe(2);
      expect(await active()).toBe(2);
      await other.upsertMany('items', docs(['c'], 1));
      expect(await active()).toBe(3);
      // A write that changes a document's status, the same number of rows.
      await store.upsertMany('items', docs(['a'], 2, 'closed'));
      expect(await active()).toBe(2);
      raw.prepare("UPDATE rs_items SET doc = json_set(doc, '$.status', 'closed')").run();
      expect(await active()).toBe(0);
      await store.upsertMany('next_items', docs(['x', 'y', 'z', 'w'], 1));
      await other.renameCollection('next_items', 'items');
      expect(await active()).toBe(4);
      await store.dropCollection('items');
      expect(await active()).toBe(0);
      await store.deleteMany('items', ['x']);
      await other.upsertMany('items', docs(['q'], 1));
      expect(await active()).toBe(1);
      await other.deleteMany('items', ['q']);
      expect(await active()).toBe(0);
    } finally {
      raw.close();
      await other.close();
      await store.close();
    }
  });

  it('findJson sends the text kept beside each document, which every connection writes with it', async () => {
    const path = join(tempDir(), 'read.sqlite');
    const store = await SqliteReadStore.open({ path });
    // Another connection (another process's, as the projector's) that wrote before the view.
    const other = await SqliteReadStore.open({ path });
    const raw = new Database(path);
    const column = '"json_without:_id,position"';
    const kept = () =>
      raw.prepare(`SELECT id, ${column} AS text FROM rs_items ORDER BY id`).all() as {
        id: string;
        text: string | null;
      }[];
    try {
      await other.upsertMany('items', [{ _id: 'a', position: 1, name: 'before' }]);
      await store.ensureJsonView('items', ['position', '_id']);
      expect(kept()).toEqual([{ id: 'a', text: '{"name":"before"}' }]);
      await other.upsertMany('items', [
        { _id: 'a', position: 2, name: 'after "it"' },
        { _id: 'b', position: 1, name: 'new' },
      ]);
      expect(kept()).toEqual([
        { id: 'a', text: '{"name":"after \\"it\\""}' },
        { id: 'b', text: '{"name":"new"}' },
      ]);
      // Read as kept, not cut from the document again.
      raw.prepare(`UPDATE rs_items SET ${column} = '{"kept":1}' WHERE id = 'a'`).run();
      const page = { sort: [['_id', 'asc']] } as const;
      expect(await store.findJson('items', undefined, page, ['_id', 'position'])).toEqual([
        '{"kept":1}',
        '{"name":"new"}',
      ]);
      // A document without its text (written by a store that kept none): cut as before.
      raw.prepare(`UPDATE rs_items SET ${column} = NULL WHERE id = 'b'`).run();
      expect(await store.findJson('items', undefined, page, ['_id', 'position'])).toEqual([
        '{"name":"after \\"it\\""}',
        '{"name":"new"}',
      ]);
    } finally {
      raw.close();
      await other.close();
      await store.close();
    }
  });
});
