import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  SqliteCheckpointStore,
  SqliteEventStore,
  TREE_TILE_LEAVES,
  type CheckpointStore,
  type ProposedEvent,
} from '@ledger/event-store';
import { until } from '@ledger/testing';
import { LogCheckpointer } from '../log-checkpointer';
import { EvidenceExportError, exportEvidenceBundle } from './export-evidence-bundle';
import { verifyEvidenceBundle } from './verify-evidence-bundle';

/**
 * An export reading the tree tiles the checkpointer stored (a real SQLite log of 1,300 events,
 * its checkpointer restarted mid-block, so block 2 has no tile) gives the bundle an export that
 * hashes the whole tree gives, byte for byte; an altered tile fails the export or the bundle's
 * offline verification, never gives a bundle that verifies.
 */
const key = generateKeyPairSync('ed25519');
const EVENTS = 1300;

/** Batches of 10 round robin over 4 streams; streams 0 and 2 are program P's: runs of 10 leaves. */
const batch = (n: number): ProposedEvent[] =>
  Array.from({ length: 10 }, (_, i) => ({
    id: randomUUID(),
    type: 'ItemRecorded',
    schemaVersion: 1,
    data: { programId: (n / 10) % 2 === 0 ? 'P' : 'Q', n: n + i },
    metadata: {
      effectiveAt: '2025-01-01T00:00:00.000Z',
      actor: { sub: 'alice', roles: ['pmo'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
  }));

let dir: string;
let path: string;
let store: SqliteEventStore;
let checkpoints: SqliteCheckpointStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-tiles-'));
  path = join(dir, 'events.sqlite');
  store = await SqliteEventStore.open({ path, pollIntervalMs: 20 });
  checkpoints = await SqliteCheckpointStore.open({ path });
  const checkpointer = (everyEvents: number): LogCheckpointer =>
    new LogCheckpointer({
      eventStore: store,
      checkpoints,
      signingKey: key.privateKey,
      everyEvents,
      everySeconds: 3600,
    });
  const appendBatches = async (from: number, to: number): Promise<void> => {
    for (let n = from; n < to; n += 10) await store.append(`item-${(n / 10) % 4}`, batch(n), 'any');
  };
  const signedUpTo = async (size: number): Promise<void> => {
    await until(async () => (await checkpoints.latest())?.size === size, `checkpoint ${size}`);
  };
  const first = checkpointer(300);
  await first.start();
  await appendBatches(0, 600);
  await signedUpTo(600);
  await first.stop();
  const second = checkpointer(100);
  await second.start();
  await appendBatches(600, EVENTS);
  await signedUpTo(EVENTS);
  await second.stop();
  expect((await checkpoints.readTreeTiles(0, 100)).map((tile) => tile.block)).toEqual([0, 1, 3, 4]);
});

afterAll(async () => {
  await checkpoints.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The same checkpoint store without its TreeTileReader, as KurrentDB's. */
const withoutTiles = (inner: CheckpointStore): CheckpointStore => ({
  append: (checkpoint) => inner.append(checkpoint),
  latest: () => inner.latest(),
  list: (options) => inner.list(options),
  atOrAfter: (size) => inner.atOrAfter(size),
  close: () => Promise.resolve(),
});

async function exported(from: CheckpointStore = checkpoints): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of exportEvidenceBundle({
    store,
    checkpoints: from,
    publicKey: key.publicKey,
    scope: { programId: 'P' },
    tool: { name: 'delivery-ledger', version: 'test' },
    pageSize: 100,
  }))
    chunks.push(chunk);
  // exportedAt is the one field that differs between two exports.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/"exportedAt":"[^"]*"/, '"exportedAt":""');
}

/** Overwrites node `node` (0-255 leaves, …, 510 root) of block `block`'s tile, for one test. */
async function withAlteredTile<T>(block: number, node: number, then: () => Promise<T>): Promise<T> {
  const db = new Database(path);
  const select = db.prepare<[number], Buffer>('SELECT nodes FROM tree_tiles WHERE block = ?');
  const update = db.prepare<[Buffer, number]>('UPDATE tree_tiles SET nodes = ? WHERE block = ?');
  const original = select.pluck().get(block) as Buffer;
  const altered = Buffer.from(original);
  altered[node * 32] = (altered[node * 32] as number) ^ 1;
  update.run(altered, block);
  try {
    return await then();
  } finally {
    update.run(original, block);
    db.close();
  }
}

const lines = (bundle: string): string[] => bundle.slice(0, -1).split('\n');

describe('evidence export over stored tree tiles', () => {
  it('gives the bundle of an export that hashes every leaf, byte for byte, and it verifies', async () => {
    const latest = await checkpoints.latest();
    expect(latest?.size).toBe(EVENTS);
    const bundle = await exported();
    expect(bundle).toBe(await exported(withoutTiles(checkpoints)));
    expect(lines(bundle)).toHaveLength(1 + 2 * (EVENTS / 2) + 1);
    expect(await verifyEvidenceBundle(lines(bundle), { publicKey: key.publicKey })).toMatchObject({
      valid: true,
    });
  });

  it("an altered tile root: the export's root is not the signed one, it throws", async () => {
    const intact = await exported();
    await withAlteredTile(1, 2 * TREE_TILE_LEAVES - 2, async () => {
      await expect(exported()).rejects.toThrow(EvidenceExportError);
      await expect(exported()).rejects.toMatchObject({
        reason: 'log-does-not-match-checkpoint',
        // The tiles are a cache: without them the same log exports.
        message: expect.stringContaining(
          'a stored tree tile is wrong: delete tree_tiles',
        ) as string,
      });
      expect(await exported(withoutTiles(checkpoints))).toBe(intact);
    });
  });

  it('an altered leaf of an exported event: the event is not the one the tree holds, it throws', async () => {
    // Leaf 260: batch 26, program P's.
    await withAlteredTile(1, 260 - 256, async () => {
      await expect(exported()).rejects.toThrow(/event 260 of the log does not hash to the leaf/);
    });
  });

  it('an altered inner node in a proof: the bundle fails offline verification at its events', async () => {
    // Level 1 (offset 256) node [270, 272), out of scope: the sibling of [268, 270), P's.
    const bundle = await withAlteredTile(1, 256 + (270 - 256) / 2, () => exported());
    const eventLines = lines(bundle);
    const lineOf = (leaf: number): number =>
      eventLines.findIndex((line) => line.startsWith(`{"kind":"event","leaf":${leaf},`)) + 1;
    const result = await verifyEvidenceBundle(eventLines, { publicKey: key.publicKey });
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'inclusion-proof', line: lineOf(268) }),
        expect.objectContaining({ kind: 'inclusion-proof', line: lineOf(269) }),
      ]),
    );
  });
});
