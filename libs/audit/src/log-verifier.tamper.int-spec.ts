import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  computeEventHash,
  GENESIS_HASH,
  SqliteCheckpointStore,
  SqliteEventStore,
  streamCategory,
  type ProposedEvent,
  type RecordedEvent,
} from '@ledger/event-store';
import { LogCheckpointer } from './log-checkpointer';
import { LogVerifier } from './log-verifier';
import { signCheckpoint } from './signed-checkpoint';
import type { VerificationProblem } from './verification-problem';

/**
 * Tampering with the REAL SQLite file (better-sqlite3 on events.sqlite, as an intruder with file
 * access would), then verifying: each alteration must be detected and located.
 *
 * The log, 15 events in 3 interleaved streams, positions:
 *   round 0: a@0=1 b@0=2 c@0=3 | 1: a@1=4 b@1=5 c@1=6 | 2: a@2=7 b@2=8 c@2=9
 *   round 3: a@3=10 b@3=11 c@3=12 | 4: a@4=13 b@4=14 | 5: a@5=15
 * Checkpoints every 4 events, and the rest on stop: sizes 4, 8, 12, 15.
 */
const STREAMS = { a: 'order-a', b: 'order-b', c: 'order-c' } as const;
const LENGTHS = { a: 6, b: 5, c: 4 } as const;

const key = generateKeyPairSync('ed25519');

function proposed(n: number): ProposedEvent {
  return {
    id: randomUUID(),
    type: 'ItemRecorded',
    schemaVersion: 1,
    data: { n, note: `item ${n}` },
    metadata: {
      effectiveAt: '2025-01-01T00:00:00.000Z',
      actor: { sub: 'alice', roles: ['pm'] },
      correlationId: `c-${n}`,
      causationId: `c-${n}`,
      commandId: `c-${n}`,
    },
  };
}

let dir: string;
let path: string;

async function buildLog(): Promise<void> {
  const store = await SqliteEventStore.open({ path });
  const checkpoints = await SqliteCheckpointStore.open({ path });
  const checkpointer = new LogCheckpointer({
    eventStore: store,
    checkpoints,
    signingKey: key.privateKey,
    everyEvents: 4,
    everySeconds: 3600,
  });
  await checkpointer.start();
  let n = 0;
  for (let round = 0; round < 6; round += 1)
    for (const name of ['a', 'b', 'c'] as const)
      if (round < LENGTHS[name])
        await store.append(
          STREAMS[name],
          [proposed((n += 1))],
          round === 0 ? 'no-stream' : round - 1,
        );
  // Let it follow the log to the end (3 count-triggered checkpoints), then stop: it signs the rest.
  for (let i = 0; i < 200 && ((await checkpoints.latest())?.size ?? 0) < 12; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  await checkpointer.stop();
  await checkpoints.close();
  await store.close();
}

async function verify(densePositions = true) {
  const store = await SqliteEventStore.open({ path });
  const checkpoints = await SqliteCheckpointStore.open({ path });
  try {
    const verifier = new LogVerifier({
      eventStore: store,
      checkpoints,
      publicKey: key.publicKey,
      densePositions,
      pageSize: 5,
    });
    return {
      log: await verifier.verifyLog(),
      streams: await Promise.all(Object.values(STREAMS).map((id) => verifier.verifyStream(id))),
    };
  } finally {
    await checkpoints.close();
    await store.close();
  }
}

/** The intruder's handle on the file. */
function tamper(work: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.transaction(() => work(db))();
  } finally {
    db.close();
  }
}

async function storedStream(streamId: string): Promise<RecordedEvent[]> {
  const store = await SqliteEventStore.open({ path });
  try {
    return await store.readStream(streamId);
  } finally {
    await store.close();
  }
}

function insertRow(db: Database.Database, event: RecordedEvent): void {
  db.prepare(
    `INSERT INTO events (position, id, stream_id, category, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.position,
    event.id,
    event.streamId,
    streamCategory(event.streamId),
    event.revision,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
    event.recordedAt,
    event.prevHash,
    event.hash,
  );
}

/** The problems without their prose, to compare whole lists. */
const located = (problems: readonly VerificationProblem[]) =>
  problems.map(({ detail: _detail, ...where }) => where);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  path = join(dir, 'events.sqlite');
  await buildLog();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('log verification against the real SQLite file', () => {
  it('an untouched log verifies: 15 events, 4 checkpoints, nothing unsigned', async () => {
    const { log, streams } = await verify();
    expect(log).toMatchObject({
      valid: true,
      checkedEvents: 15,
      checkpoints: 4,
      unsignedEvents: 0,
      problems: [],
    });
    expect(streams.map((s) => [s.valid, s.checkedEvents])).toEqual([
      [true, 6],
      [true, 5],
      [true, 4],
    ]);
  });

  it('reports progress as it goes', async () => {
    const store = await SqliteEventStore.open({ path });
    const checkpoints = await SqliteCheckpointStore.open({ path });
    const seen: number[] = [];
    await new LogVerifier({
      eventStore: store,
      checkpoints,
      publicKey: key.publicKey,
      pageSize: 5,
    }).verifyLog((p) => seen.push(p.checkedEvents));
    await checkpoints.close();
    await store.close();
    expect(seen).toEqual([5, 10, 15, 15]);
  });

  it('an edited event body: content-altered at that event', async () => {
    tamper((db) =>
      db
        .prepare(`UPDATE events SET data = json_set(data, '$.note', 'forged') WHERE position = 5`)
        .run(),
    );
    const { log, streams } = await verify();
    expect(located(log.problems)).toEqual([
      { kind: 'content-altered', position: 5, streamId: STREAMS.b, revision: 1 },
    ]);
    expect(streams[1]).toMatchObject({
      valid: false,
      problems: [{ kind: 'content-altered', revision: 1 }],
    });
  });

  it('stored bytes changed without changing the JSON value (whitespace): content-altered, from the stored text', async () => {
    // The verifier hashes the stored text itself, not a re-serialisation of what it parses to,
    // so even a change a JSON parser cannot see is a change to the evidence.
    tamper((db) => db.prepare(`UPDATE events SET data = ' ' || data WHERE position = 5`).run());
    const { log } = await verify();
    expect(located(log.problems)).toEqual([
      { kind: 'content-altered', position: 5, streamId: STREAMS.b, revision: 1 },
    ]);
  });

  it('an edited actor: content-altered at that event', async () => {
    tamper((db) =>
      db
        .prepare(
          `UPDATE events SET metadata = json_set(metadata, '$.actor.sub', 'mallory') WHERE position = 7`,
        )
        .run(),
    );
    const { log } = await verify();
    expect(located(log.problems)).toEqual([
      { kind: 'content-altered', position: 7, streamId: STREAMS.a, revision: 2 },
    ]);
  });

  it('a reordered pair in one stream: the revisions out of order, and every checkpoint from the first covering it', async () => {
    tamper((db) => {
      const rows = db
        .prepare('SELECT * FROM events WHERE position IN (4, 7) ORDER BY position')
        .all() as Record<string, unknown>[];
      db.prepare('DELETE FROM events WHERE position IN (4, 7)').run();
      const insert = db.prepare(
        `INSERT INTO events VALUES (@position, @id, @stream_id, @category, @revision, @type, @schema_version, @data, @metadata, @recorded_at, @prev_hash, @hash)`,
      );
      insert.run({ ...rows[1], position: 4 });
      insert.run({ ...rows[0], position: 7 });
    });
    const { log } = await verify();
    expect(located(log.problems).filter((p) => !p.kind.startsWith('checkpoint'))).toEqual([
      { kind: 'revision-gap', position: 4, streamId: STREAMS.a, revision: 2 },
      { kind: 'revision-out-of-order', position: 7, streamId: STREAMS.a, revision: 1 },
    ]);
    expect(
      log.problems
        .filter((p) => p.kind === 'checkpoint-root-mismatch')
        .map((p) => p.checkpointSize),
    ).toEqual([4, 8, 12, 15]);
  });

  it('a reordered pair across streams (every chain intact): the first checkpoint covering it locates it', async () => {
    tamper((db) => {
      // Swap a@3 (position 10) and b@3 (position 11).
      db.prepare('UPDATE events SET position = -10 WHERE position = 10').run();
      db.prepare('UPDATE events SET position = 10 WHERE position = 11').run();
      db.prepare('UPDATE events SET position = 11 WHERE position = -10').run();
    });
    const { log, streams } = await verify();
    expect(streams.every((s) => s.valid)).toBe(true);
    expect(located(log.problems)).toEqual([
      { kind: 'checkpoint-root-mismatch', checkpointSize: 12, position: 9, toPosition: 12 },
      { kind: 'checkpoint-root-mismatch', checkpointSize: 15, position: 9, toPosition: 15 },
    ]);
  });

  it('an event deleted in the middle of a stream: the revision gap and the missing position', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE position = 8').run());
    const { log, streams } = await verify();
    const chains = located(log.problems).filter((p) => !p.kind.startsWith('checkpoint'));
    expect(chains).toEqual([
      { kind: 'position-gap', position: 8, toPosition: 8 },
      { kind: 'revision-gap', position: 11, streamId: STREAMS.b, revision: 3 },
    ]);
    expect(log.problems.find((p) => p.kind.startsWith('checkpoint'))).toMatchObject({
      checkpointSize: 8,
      position: 5,
    });
    expect(streams[1]).toMatchObject({
      valid: false,
      problems: [{ kind: 'revision-gap', revision: 3 }],
    });
  });

  it("a stream's last events deleted: its chain still verifies, the checkpoints do not", async () => {
    // c@3 (position 12) is c's last event: nothing in c's chain follows it.
    tamper((db) => db.prepare('DELETE FROM events WHERE position = 12').run());
    const { log, streams } = await verify(false);
    expect(streams[2]).toMatchObject({ valid: true, checkedEvents: 3 });
    expect(located(log.problems)).toEqual([
      // The 12th event is now a@4, at position 13: the window after the last good checkpoint (8).
      { kind: 'checkpoint-position-mismatch', checkpointSize: 12, position: 9, toPosition: 13 },
      { kind: 'checkpoint-root-mismatch', checkpointSize: 12, position: 9, toPosition: 13 },
      // 14 events left: the checkpoint of 15 reaches past the end.
      { kind: 'checkpoint-beyond-log', checkpointSize: 15, position: 9, toPosition: 15 },
    ]);
    // On a dense log (SQLite) the position gap names the event exactly.
    const dense = await verify(true);
    expect(located(dense.log.problems)[0]).toEqual({
      kind: 'position-gap',
      position: 12,
      toPosition: 12,
    });
  });

  it('the last events of the log deleted (truncation): the checkpoint beyond the log', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE position >= 14').run());
    const { log, streams } = await verify();
    expect(streams.every((s) => s.valid)).toBe(true);
    expect(located(log.problems)).toEqual([
      { kind: 'checkpoint-beyond-log', checkpointSize: 15, position: 13, toPosition: 15 },
    ]);
  });

  it('a whole stream deleted: every chain left verifies, the gaps and checkpoints do not', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(STREAMS.c));
    const { log, streams } = await verify();
    expect(streams[2]).toMatchObject({ valid: true, checkedEvents: 0 });
    expect(
      located(log.problems)
        .filter((p) => p.kind === 'position-gap')
        .map((p) => p.position),
    ).toEqual([3, 6, 9, 12]);
    expect(log.problems.find((p) => p.kind === 'checkpoint-position-mismatch')).toMatchObject({
      checkpointSize: 4,
      position: 1,
    });
    const sparse = await verify(false);
    expect(sparse.log.valid).toBe(false);
    expect(sparse.log.problems[0]).toMatchObject({
      kind: 'checkpoint-position-mismatch',
      checkpointSize: 4,
    });
  });

  it('an event inserted with a recomputed chain (positions shifted, all dense): the checkpoint covering it', async () => {
    const b = await storedStream(STREAMS.b);
    tamper((db) => {
      // Make room at position 8 (b@2), insert a new b@2 there, renumber b's later events and
      // recompute their hashes: every chain verifies and no position is missing.
      const positions = db
        .prepare('SELECT position FROM events WHERE position >= 8 ORDER BY position DESC')
        .pluck()
        .all() as number[];
      for (const position of positions)
        db.prepare('UPDATE events SET position = ? WHERE position = ?').run(position + 1, position);
      db.prepare('DELETE FROM events WHERE stream_id = ? AND revision >= 2').run(STREAMS.b);
      let prevHash = b[1]!.hash;
      const forged = [
        { ...b[2]!, id: randomUUID(), data: { n: 99, note: 'inserted' }, position: 8 },
        ...b.slice(2).map((e) => ({ ...e, position: e.position + 1 })),
      ];
      forged.forEach((event, index) => {
        const unsealed = { ...event, revision: 2 + index, prevHash, hash: '' };
        const sealed = { ...unsealed, hash: computeEventHash(unsealed) };
        insertRow(db, sealed);
        prevHash = sealed.hash;
      });
    });
    const { log, streams } = await verify();
    expect(streams.every((s) => s.valid)).toBe(true);
    expect(located(log.problems)).toEqual([
      { kind: 'checkpoint-root-mismatch', checkpointSize: 8, position: 5, toPosition: 8 },
      { kind: 'checkpoint-root-mismatch', checkpointSize: 12, position: 5, toPosition: 12 },
      { kind: 'checkpoint-root-mismatch', checkpointSize: 15, position: 5, toPosition: 15 },
    ]);
  });

  it('a forged checkpoint: a bent signature, and another key signing a wrong root', async () => {
    const mallory = generateKeyPairSync('ed25519').privateKey;
    tamper((db) => {
      db.prepare(`UPDATE checkpoints SET signature = ? WHERE size = 4`).run(
        Buffer.alloc(64, 7).toString('base64'),
      );
      const forged = signCheckpoint(
        {
          size: 8,
          lastPosition: 8,
          rootHash: 'ab'.repeat(32),
          timestamp: '2025-01-01T00:00:00.000Z',
        },
        mallory,
      );
      db.prepare(
        'UPDATE checkpoints SET root_hash = ?, key_id = ?, signature = ?, timestamp = ? WHERE size = 8',
      ).run(forged.rootHash, forged.keyId, forged.signature, forged.timestamp);
    });
    const { log } = await verify();
    expect(located(log.problems)).toEqual([
      { kind: 'checkpoint-signature', checkpointSize: 4 },
      { kind: 'checkpoint-signature', checkpointSize: 8 },
      { kind: 'checkpoint-root-mismatch', checkpointSize: 8, position: 5, toPosition: 8 },
    ]);
    expect(log.problems[1]!.detail).toMatch(/it names key [0-9a-f]{16}/);
  });

  it('checkpoints live in their own table: the events table is exactly what was appended', () => {
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(15);
    expect(db.prepare('SELECT size FROM checkpoints ORDER BY size').pluck().all()).toEqual([
      4, 8, 12, 15,
    ]);
    expect(db.prepare('SELECT prev_hash FROM events WHERE position = 1').pluck().get()).toBe(
      GENESIS_HASH,
    );
    db.close();
  });
});
