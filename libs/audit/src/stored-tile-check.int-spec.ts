import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteCheckpointStore, SqliteEventStore, TREE_TILE_BYTES } from '@ledger/event-store';
import { LogVerifier } from './log-verifier';
import { writeTiledLog } from './tiled-log.spec-fixtures';
import type { LogVerification } from './verification-problem';

/**
 * The stored tree tiles (the export's cache, table tree_tiles) are part of what the log
 * verification proves: tampered with in the REAL SQLite file, each is reported with its block,
 * while the events and checkpoints still verify. The log: writeTiledLog's (tiles of blocks 0 and 1).
 */
const key = generateKeyPairSync('ed25519');
let dir: string;
let path: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-tile-check-'));
  path = join(dir, 'events.sqlite');
  const store = await SqliteEventStore.open({ path });
  const checkpoints = await SqliteCheckpointStore.open({ path });
  await writeTiledLog(store, checkpoints, key.privateKey);
  await checkpoints.close();
  await store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function verify(): Promise<LogVerification> {
  const store = await SqliteEventStore.open({ path });
  const checkpoints = await SqliteCheckpointStore.open({ path });
  try {
    return await new LogVerifier({
      eventStore: store,
      checkpoints,
      publicKey: key.publicKey,
      densePositions: true,
      pageSize: 100,
    }).verifyLog();
  } finally {
    await checkpoints.close();
    await store.close();
  }
}

function tamper(sql: string, ...parameters: unknown[]): void {
  const db = new Database(path);
  db.prepare(sql).run(...parameters);
  db.close();
}

describe('Log verification of the stored tree tiles (real SQLite file)', () => {
  it('an untouched log with its tiles verifies', async () => {
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT block FROM tree_tiles ORDER BY block').pluck().all()).toEqual([0, 1]);
    db.close();
    expect(await verify()).toMatchObject({ valid: true, checkedEvents: 600, problems: [] });
  });

  // A tile's nodes, level by level: 256 leaves (0–255), 128 nodes (256–383), …, the root (510).
  it.each([
    ['a leaf', 0, 0, [1, 256]],
    ['an inner node (used by proofs, never by the root)', 1, 256, [257, 512]],
    ["the block's root", 0, 510, [1, 256]],
  ])(
    '%s of a tile altered: that block reported, located by its positions; the events and checkpoints verify',
    async (_what, block, node, [first, last]) => {
      const db = new Database(path);
      const nodes = db
        .prepare('SELECT nodes FROM tree_tiles WHERE block = ?')
        .pluck()
        .get(block) as Buffer;
      db.close();
      nodes[node * 32] = (nodes[node * 32] as number) ^ 0xff;
      tamper('UPDATE tree_tiles SET nodes = ? WHERE block = ?', nodes, block);

      const verdict = await verify();
      expect(verdict.valid).toBe(false);
      expect(verdict.problems).toEqual([
        expect.objectContaining({
          kind: 'tree-tile-mismatch',
          position: first,
          toPosition: last,
          detail: expect.stringContaining(`tree tile of block ${block} (leaves ${block * 256}..`),
        }),
      ]);
    },
  );

  it('a tile stored for a block the log does not complete: reported with its block', async () => {
    tamper('INSERT INTO tree_tiles (block, nodes) VALUES (?, ?)', 2, Buffer.alloc(TREE_TILE_BYTES));

    const verdict = await verify();
    expect(verdict.valid).toBe(false);
    expect(verdict.problems).toEqual([
      expect.objectContaining({
        kind: 'tree-tile-mismatch',
        detail: expect.stringMatching(/block 2 .* which the log's 600 events do not complete/),
      }),
    ]);
  });

  it('the tiles deleted (always safe): the log verifies, as exports then hash those blocks', async () => {
    tamper('DELETE FROM tree_tiles');
    expect(await verify()).toMatchObject({ valid: true, problems: [] });
  });
});
