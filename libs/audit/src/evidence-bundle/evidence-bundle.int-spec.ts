import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programStreamId, projectStreamId, riskStreamId } from '@ledger/domain';
import {
  computeEventHash,
  SqliteCheckpointStore,
  SqliteEventStore,
  type EventStore,
  type JsonObject,
  type ProposedEvent,
  type RecordedEvent,
} from '@ledger/event-store';
import { eventLogLeaves } from '../event-log-leaves';
import { inclusionProof, inclusionProofRanges, MerkleFrontier } from '../merkle-tree';
import { parsePublicKey, signCheckpoint } from '../signed-checkpoint';
import { exportEvidenceBundle } from './export-evidence-bundle';
import type {
  BundleManifest,
  BundleManifestV1,
  BundleStreamHead,
  BundleTrailer,
} from './evidence-bundle-lines';
import { InclusionProofCollector } from './inclusion-proof-collector';
import { verifyEvidenceBundle, type BundleProblem } from './verify-evidence-bundle';

/**
 * Evidence bundles over a REAL SQLite log: program P (its stream, project X, X's risk R) and
 * program Q (its stream and project Y) interleaved; a checkpoint signed over the first 10 events;
 * two more events after it (not exported). Then the FILE is tampered with, line by line, and
 * each alteration must be reported at its line, in the format written now (version 2: heads in
 * the trailer) and in version 1 (heads in the manifest), which the verifier still reads.
 */
const key = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

const STREAMS = {
  p: programStreamId('P'),
  x: projectStreamId('X'),
  r: riskStreamId('R'),
  q: programStreamId('Q'),
  y: projectStreamId('Y'),
} as const;
const FACTS: Record<keyof typeof STREAMS, JsonObject> = {
  p: { programId: 'P' },
  x: { programId: 'P', projectId: 'X' },
  r: { projectId: 'X', riskId: 'R' },
  q: { programId: 'Q' },
  y: { programId: 'Q', projectId: 'Y' },
};
// Order of appends: 10 before the checkpoint, 2 after (x and r again).
const APPENDS: readonly (keyof typeof STREAMS)[] = [
  'p',
  'q',
  'x',
  'y',
  'r',
  'x',
  'y',
  'r',
  'p',
  'x',
  'x',
  'r',
];
const CHECKPOINT_SIZE = 10;
const NEWLINE = 0x0a;

function proposed(name: keyof typeof STREAMS, n: number): ProposedEvent {
  return {
    id: randomUUID(),
    type: 'ItemRecorded',
    schemaVersion: 1,
    data: { ...FACTS[name], n },
    metadata: {
      effectiveAt: '2025-01-01T00:00:00.000Z',
      actor: { sub: 'alice', roles: ['pmo'] },
      correlationId: `c-${n}`,
      causationId: `c-${n}`,
      commandId: `c-${n}`,
    },
  };
}

let dir: string;
let store: SqliteEventStore;
let checkpoints: SqliteCheckpointStore;
let exported: string[];
/** The bundle as exported now (version 2). */
let bundle: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-bundle-'));
  const path = join(dir, 'events.sqlite');
  store = await SqliteEventStore.open({ path });
  checkpoints = await SqliteCheckpointStore.open({ path });
  const revisions = new Map<string, number>();
  for (const [n, name] of APPENDS.entries()) {
    const before = revisions.get(name);
    await store.append(STREAMS[name], [proposed(name, n)], before ?? 'no-stream');
    revisions.set(name, (before ?? -1) + 1);
  }
  const frontier = new MerkleFrontier();
  let lastPosition = 0;
  for (const event of (await store.readAll({ after: 0, maxCount: 100 })).slice(
    0,
    CHECKPOINT_SIZE,
  )) {
    frontier.append(Buffer.from(event.hash, 'hex'));
    lastPosition = event.position;
  }
  const signed = signCheckpoint(
    {
      size: CHECKPOINT_SIZE,
      lastPosition,
      rootHash: frontier.root().toString('hex'),
      timestamp: '2025-01-02T00:00:00.000Z',
    },
    key.privateKey,
  );
  await checkpoints.append({ ...signed, frontier: frontier.hashes() });
  bundle = await exportLines({ programId: 'P' });
  exported = bundle;
});

afterAll(async () => {
  await checkpoints.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exportChunks(
  scope: { programId: string } | { projectId: string },
  from: EventStore = store,
): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of exportEvidenceBundle({
    store: from,
    checkpoints,
    publicKey: key.publicKey,
    scope,
    tool: { name: 'delivery-ledger', version: 'test' },
    pageSize: 3,
  }))
    chunks.push(chunk);
  return chunks;
}

async function exportLines(
  scope: { programId: string } | { projectId: string },
): Promise<string[]> {
  return linesOf(Buffer.concat(await exportChunks(scope)).toString('utf8'));
}

/** The lines of an NDJSON text (each ends in \n), without their \n. */
function linesOf(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

const parse = (line: string | undefined): Record<string, unknown> =>
  JSON.parse(line ?? '{}') as Record<string, unknown>;
const eventAt = (lines: readonly string[], index: number): RecordedEvent =>
  parse(lines[index]).event as RecordedEvent;
const withEvent = (lines: readonly string[], index: number, event: RecordedEvent): string[] => {
  const copy = [...lines];
  copy[index] = JSON.stringify({ ...parse(lines[index]), event });
  return copy;
};
const withManifest = (
  lines: readonly string[],
  change: (m: BundleManifest) => BundleManifest,
): string[] => [
  JSON.stringify(change(parse(lines[0]) as unknown as BundleManifest)),
  ...lines.slice(1),
];
const withTrailer = (
  lines: readonly string[],
  change: (t: BundleTrailer) => BundleTrailer,
): string[] => [
  ...lines.slice(0, -1),
  JSON.stringify(change(parse(lines.at(-1)) as unknown as BundleTrailer)),
];
const trailerOf = (lines: readonly string[]): BundleTrailer =>
  parse(lines.at(-1)) as unknown as BundleTrailer;

/**
 * The same bundle as format version 1 wrote it (docs/EVIDENCE-BUNDLE.md, "Version 1"): the heads
 * and counts in the manifest, a trailer of counts only. (The fixture below is a real v1 export.)
 */
function asVersion1(lines: readonly string[]): string[] {
  const { heads, ...trailer } = trailerOf(lines);
  const manifest: BundleManifestV1 = {
    ...(parse(lines[0]) as unknown as BundleManifest),
    formatVersion: 1,
    counts: { events: trailer.events, streams: trailer.streams },
    streams: heads,
  };
  return [JSON.stringify(manifest), ...lines.slice(1, -1), JSON.stringify(trailer)];
}

async function problems(lines: readonly string[], publicKey?: KeyObject): Promise<BundleProblem[]> {
  const result = await verifyEvidenceBundle(lines, { publicKey });
  expect(result.valid).toBe(false);
  return [...result.problems];
}

describe('evidence bundle export', () => {
  it("holds the scope's streams up to the checkpoint, then proofs and a trailer with the heads", () => {
    const manifest = parse(bundle[0]) as unknown as BundleManifest;
    expect(manifest).toMatchObject({ kind: 'manifest', formatVersion: 2 });
    expect(manifest).not.toHaveProperty('counts');
    const events = bundle
      .slice(1)
      .map(parse)
      .filter((line) => line.kind === 'event');
    // P's streams before the checkpoint: p×2, x×3, r×2 = 7 of the first 10; x and r after it are left out.
    expect(manifest.coverage.treeSize).toBe(CHECKPOINT_SIZE);
    expect(events.map((line) => (line.event as RecordedEvent).streamId).sort()).toEqual(
      [STREAMS.p, STREAMS.p, STREAMS.r, STREAMS.r, STREAMS.x, STREAMS.x, STREAMS.x].sort(),
    );
    const trailer = trailerOf(bundle);
    expect(trailer).toMatchObject({
      kind: 'trailer',
      events: 7,
      proofs: 7,
      streams: 3,
      lines: bundle.length,
    });
    const lastOf = (streamId: string): RecordedEvent =>
      events
        .map((line) => line.event as RecordedEvent)
        .filter((e) => e.streamId === streamId)
        .at(-1) as RecordedEvent;
    expect(trailer.heads).toEqual(
      [STREAMS.p, STREAMS.x, STREAMS.r].map((streamId): BundleStreamHead => ({
        streamId,
        revision: lastOf(streamId).revision,
        hash: lastOf(streamId).hash,
        events: lastOf(streamId).revision + 1,
      })),
    );
    expect(trailer.heads.find((head) => head.streamId === STREAMS.x)).toMatchObject({
      revision: 2,
      events: 3,
    });
    expect(bundle).toHaveLength(1 + 7 + 7 + 1);
  });

  it('reads the log once, and yields the manifest alone, then whole lines in chunks', async () => {
    const pages = jest.spyOn(store, 'readAllStoredJson');
    try {
      const chunks = await exportChunks({ programId: 'P' });
      // 10 events under the checkpoint in pages of 3: 4 pages (two passes would read 8).
      expect(pages).toHaveBeenCalledTimes(4);
      expect(chunks[0]?.toString('utf8')).toMatch(/^\{"kind":"manifest".*\}\n$/);
      expect(chunks.length).toBeLessThan(bundle.length);
      for (const chunk of chunks) expect(chunk.at(-1)).toBe(NEWLINE);
      expect(linesOf(Buffer.concat(chunks).toString('utf8')).slice(1, -1)).toEqual(
        bundle.slice(1, -1),
      );
    } finally {
      pages.mockRestore();
    }
  });

  it('cuts a large bundle into chunks of whole lines of at most 256 KiB', async () => {
    const bigDir = mkdtempSync(join(tmpdir(), 'evidence-bundle-chunks-'));
    const path = join(bigDir, 'events.sqlite');
    const big = await SqliteEventStore.open({ path });
    const bigCheckpoints = await SqliteCheckpointStore.open({ path });
    try {
      // Characters of one to four UTF-8 bytes: the chunks are bytes, and a line must fit whole.
      const padding = 'xé€😀'.repeat(800);
      for (let n = 0; n < 200; n += 1)
        await big.append(
          STREAMS.p,
          [{ ...proposed('p', n), data: { programId: 'P', n, padding } }],
          n === 0 ? 'no-stream' : n - 1,
        );
      const frontier = new MerkleFrontier();
      for (const event of await big.readAll({ after: 0, maxCount: 200 }))
        frontier.append(Buffer.from(event.hash, 'hex'));
      const signed = signCheckpoint(
        {
          size: 200,
          lastPosition: 200,
          rootHash: frontier.root().toString('hex'),
          timestamp: '2025-01-02T00:00:00.000Z',
        },
        key.privateKey,
      );
      await bigCheckpoints.append({ ...signed, frontier: frontier.hashes() });
      const chunks: Buffer[] = [];
      for await (const chunk of exportEvidenceBundle({
        store: big,
        checkpoints: bigCheckpoints,
        publicKey: key.publicKey,
        scope: { programId: 'P' },
        tool: { name: 'delivery-ledger', version: 'test' },
      }))
        chunks.push(chunk);
      const lines = linesOf(Buffer.concat(chunks).toString('utf8'));
      expect(lines).toHaveLength(1 + 200 + 200 + 1);
      // 200 events of ~8.3 KB: several chunks of events, each whole lines, none over 256 KiB.
      expect(chunks.length).toBeGreaterThan(5);
      for (const chunk of chunks) {
        expect(chunk.at(-1)).toBe(NEWLINE);
        expect(chunk.length).toBeLessThanOrEqual(256 * 1024);
      }
      expect(await verifyEvidenceBundle(lines, { publicKey: key.publicKey })).toMatchObject({
        valid: true,
        events: 200,
      });
    } finally {
      await bigCheckpoints.close();
      await big.close();
      rmSync(bigDir, { recursive: true, force: true });
    }
  });

  it('writes each event line as JSON.stringify of the event as stored, bodies as stored', async () => {
    const stored = new Map((await store.readAll({ maxCount: 100 })).map((e) => [e.position, e]));
    const eventLines = bundle.filter((line) => line.startsWith('{"kind":"event"'));
    expect(eventLines).toHaveLength(7);
    for (const line of eventLines) {
      const { leaf, event } = parse(line) as { leaf: number; event: RecordedEvent };
      expect(line).toBe(JSON.stringify({ kind: 'event', leaf, event: stored.get(event.position) }));
    }
  });

  it('writes the same lines from a store that answers parsed events only, as KurrentDB does', async () => {
    // The SQLite store without its envelope JSON (nor its stored text): the export's other path.
    const parsedOnly = new Proxy(store, {
      get: (target, property): unknown =>
        property === 'readAllStoredJson' || property === 'readAllStoredText'
          ? undefined
          : Reflect.get(target, property, target),
    });
    const lines = linesOf(
      Buffer.concat(await exportChunks({ programId: 'P' }, parsedOnly)).toString('utf8'),
    );
    expect(lines.slice(1)).toEqual(bundle.slice(1));
  });

  it('a project scope takes the project and its children, not its program', async () => {
    const lines = await exportLines({ projectId: 'X' });
    expect(
      trailerOf(lines)
        .heads.map((head) => head.streamId)
        .sort(),
    ).toEqual([STREAMS.r, STREAMS.x].sort());
    expect((await verifyEvidenceBundle(lines, { publicKey: key.publicKey })).valid).toBe(true);
  });

  it('verifies offline with the right key, and warns when only the embedded key is used', async () => {
    for (const lines of [bundle, asVersion1(bundle)]) {
      const given = await verifyEvidenceBundle(lines, { publicKey: key.publicKey });
      expect(given).toMatchObject({ valid: true, events: 7, streams: 3, proofs: 7, problems: [] });
      expect(given.warnings).toEqual([]);
      const embedded = await verifyEvidenceBundle(lines);
      expect(embedded.valid).toBe(true);
      expect(embedded.warnings[0]).toMatch(/embedded in the bundle/);
    }
  });

  it('a bundle written by the version 1 exporter still verifies, and an edit in it is refused', async () => {
    const fixture = (name: string): string =>
      readFileSync(join(__dirname, 'fixtures', name), 'utf8');
    const v1 = linesOf(fixture('v1-bundle.ndjson'));
    const publicKey = parsePublicKey(fixture('v1-bundle.public-key.pem'));
    expect(parse(v1[0])).toMatchObject({ formatVersion: 1, counts: { events: 6, streams: 3 } });
    expect(await verifyEvidenceBundle(v1, { publicKey })).toMatchObject({
      valid: true,
      events: 6,
      streams: 3,
      proofs: 6,
      problems: [],
      warnings: [],
    });
    const edited = [...v1];
    edited[2] = (edited[2] as string).replace('"n":2', '"n":20');
    expect(edited[2]).not.toBe(v1[2]);
    expect(await problems(edited, publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'content-altered', line: 3 }),
    );
  });

  it('refuses a version 2 trailer without its heads, and a version 1 manifest without them', async () => {
    const headless = withTrailer(bundle, (t) => {
      const { heads: _heads, ...rest } = t;
      return rest as BundleTrailer;
    });
    expect(await problems(headless, key.publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'malformed', line: bundle.length }),
    );
    const v1 = asVersion1(bundle);
    const countless = [JSON.stringify({ ...parse(v1[0]), counts: undefined }), ...v1.slice(1)];
    expect(await problems(countless, key.publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'malformed', line: 1 }),
    );
  });

  it('its proofs are the RFC 9162 inclusion proofs of the log', async () => {
    const leaves: Buffer[] = [];
    for await (const leaf of eventLogLeaves(store)) leaves.push(leaf);
    const proofLines = bundle.filter((line) => line.startsWith('{"kind":"proof"'));
    const proofs = proofLines.map(parse);
    expect(proofs).toHaveLength(7);
    // Written by hand: the same bytes JSON.stringify gives.
    for (const [index, proof] of proofs.entries())
      expect(proofLines[index]).toBe(
        JSON.stringify({ kind: 'proof', leaf: proof.leaf, path: proof.path }),
      );
    for (const proof of proofs) {
      const expected = await inclusionProof(
        leaves.slice(0, CHECKPOINT_SIZE),
        proof.leaf as number,
        CHECKPOINT_SIZE,
      );
      expect(proof.path).toEqual(expected.map((hash) => hash.toString('hex')));
    }
  });
});

describe('InclusionProofCollector', () => {
  it('gives, from one pass, the same proofs as one pass per proof, for every size and subset', async () => {
    for (let size = 1; size <= 33; size += 1) {
      const leaves = Array.from({ length: size }, (_, i) => Buffer.from(`leaf ${i}`));
      const wanted = Array.from({ length: size }, (_, i) => i).filter(
        (i) => (i * 7 + size) % 3 !== 0,
      );
      const collector = new InclusionProofCollector(size);
      for (const [index, leaf] of leaves.entries()) collector.append(leaf, wanted.includes(index));
      const frontier = new MerkleFrontier();
      for (const leaf of leaves) frontier.append(leaf);
      expect(collector.root()).toEqual(frontier.root());
      for (const leaf of wanted)
        expect(collector.proof(leaf)).toEqual(await inclusionProof(leaves, leaf, size));
      // The proof line's path, written as bytes: what JSON.stringify gives, whichever path was
      // written before it (in order, in reverse, each twice, after a refused leaf).
      const pathJson = (leaf: number): string => {
        const target = Buffer.alloc(collector.maxProofPathJsonBytes + 2, '#');
        const end = collector.writeProofPathJson(leaf, target, 1);
        expect(target.subarray(end).toString('latin1')).toMatch(/^#+$/);
        return target.subarray(1, end).toString('latin1');
      };
      for (const leaf of [...wanted, ...[...wanted].reverse(), ...wanted.flatMap((l) => [l, l])])
        expect(pathJson(leaf)).toBe(JSON.stringify(collector.proofHex(leaf)));
      for (const leaf of [-1, size]) expect(() => pathJson(leaf)).toThrow(RangeError);
      expect(() => collector.writeProofPathJson(wanted[0] ?? 0, Buffer.alloc(1), 0)).toThrow(
        RangeError,
      );
      const unwanted = Array.from({ length: size }, (_, i) => i).find(
        (leaf) => !wanted.includes(leaf) && inclusionProofRanges(leaf, size).length > 0,
      );
      if (unwanted !== undefined) {
        expect(() => pathJson(unwanted)).toThrow('was not among the wanted leaves');
        for (const leaf of wanted)
          expect(pathJson(leaf)).toBe(JSON.stringify(collector.proofHex(leaf)));
      }
      // Only the wanted leaves' proofs are kept: no more hashes than they are made of.
      const needed = new Set(
        wanted.flatMap((leaf) =>
          inclusionProofRanges(leaf, size).map((r) => `${r.start}:${r.end}`),
        ),
      );
      expect(collector.keptHashes).toBe(needed.size);
    }
  });

  it('fed event hashes as hex, gives the root and proofs it gives fed their bytes', () => {
    const size = 21;
    const digests = Array.from({ length: size }, (_, i) =>
      createHash('sha256').update(`event ${i}`).digest(),
    );
    const fromBytes = new InclusionProofCollector(size);
    const fromHex = new InclusionProofCollector(size);
    for (const [index, digest] of digests.entries()) {
      fromBytes.append(digest, index % 4 === 1);
      fromHex.appendEventHash(digest.toString('hex'), index % 4 === 1);
    }
    expect(fromHex.root()).toEqual(fromBytes.root());
    for (let leaf = 1; leaf < size; leaf += 4)
      expect(fromHex.proofHex(leaf)).toEqual(fromBytes.proofHex(leaf));
  });
});

describe.each([
  { format: 'version 2', written: (lines: readonly string[]): string[] => [...lines] },
  { format: 'version 1', written: asVersion1 },
])('a tampered bundle file ($format) is refused, at the line', ({ format, written }) => {
  let bundle: string[];
  beforeAll(() => {
    bundle = written(exported);
  });

  const firstEventOf = (streamId: string): number =>
    bundle.findIndex(
      (line) => (parse(line).event as RecordedEvent | undefined)?.streamId === streamId,
    );

  it('an edited event body', async () => {
    const index = firstEventOf(STREAMS.x);
    const event = eventAt(bundle, index);
    const found = await problems(
      withEvent(bundle, index, { ...event, data: { ...event.data, n: 999 } }),
      key.publicKey,
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: 'content-altered',
        line: index + 1,
        streamId: STREAMS.x,
        revision: 0,
      }),
    );
  });

  it('an edited actor, even with its hash recomputed', async () => {
    const index = firstEventOf(STREAMS.r);
    const event = eventAt(bundle, index);
    const edited = {
      ...event,
      metadata: { ...event.metadata, actor: { sub: 'mallory', roles: ['admin'] } },
    };
    expect(await problems(withEvent(bundle, index, edited), key.publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'content-altered', line: index + 1, streamId: STREAMS.r }),
    );
    const rehashed = { ...edited, hash: computeEventHash(edited) };
    expect(await problems(withEvent(bundle, index, rehashed), key.publicKey)).toContainEqual(
      expect.objectContaining({
        kind: 'inclusion-proof',
        line: index + 1,
        streamId: STREAMS.r,
        revision: 0,
      }),
    );
  });

  it('a removed event line', async () => {
    const index = firstEventOf(STREAMS.x);
    const found = await problems(
      [...bundle.slice(0, index), ...bundle.slice(index + 1)],
      key.publicKey,
    );
    expect(found).toContainEqual(
      expect.objectContaining({ kind: 'revision-gap', streamId: STREAMS.x, revision: 1 }),
    );
    expect(found).toContainEqual(expect.objectContaining({ kind: 'proof-without-event' }));
  });

  it('reordered event lines', async () => {
    const copy = [...bundle];
    [copy[1], copy[2]] = [copy[2] as string, copy[1] as string];
    expect(await problems(copy, key.publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'leaf-order', line: 3 }),
    );
  });

  it('an event inserted with a recomputed chain', async () => {
    const lastX = bundle
      .map(parse)
      .reduce(
        (at, line, index) =>
          (line.event as RecordedEvent | undefined)?.streamId === STREAMS.x ? index : at,
        -1,
      );
    const head = eventAt(bundle, lastX);
    const forged: RecordedEvent = {
      ...head,
      id: randomUUID(),
      revision: head.revision + 1,
      prevHash: head.hash,
      data: { ...head.data, n: 1000 },
    };
    const inserted = { ...forged, hash: computeEventHash(forged) };
    const copy = [...bundle];
    copy.splice(lastX + 1, 0, JSON.stringify({ kind: 'event', leaf: 9, event: inserted }));
    const found = await problems(copy, key.publicKey);
    expect(found).toContainEqual(
      expect.objectContaining({
        // It claims the real event's leaf: its hash is not that leaf of the signed tree.
        kind: 'inclusion-proof',
        line: lastX + 2,
        streamId: STREAMS.x,
        revision: 3,
      }),
    );
  });

  it('a forged checkpoint signature', async () => {
    const forged = withManifest(bundle, (m) => ({
      ...m,
      checkpoint: { ...m.checkpoint, signature: Buffer.alloc(64, 7).toString('base64') },
    }));
    expect(await problems(forged)).toContainEqual(
      expect.objectContaining({ kind: 'checkpoint-signature', line: 1 }),
    );
  });

  it('a swapped public key: refused as is; re-signed with it, refused against the real key', async () => {
    const swapped = withManifest(bundle, (m) => ({
      ...m,
      publicKey: other.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    }));
    expect(await problems(swapped)).toContainEqual(
      expect.objectContaining({ kind: 'checkpoint-signature', line: 1 }),
    );
    const resigned = withManifest(swapped, (m) => ({
      ...m,
      checkpoint: signCheckpoint(m.checkpoint, other.privateKey),
    }));
    expect(await problems(resigned, key.publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'checkpoint-signature', line: 1 }),
    );
  });

  if (format === 'version 1')
    it('changed manifest counts and heads', async () => {
      const counts = withManifest(bundle, (m) => {
        const v1 = m as BundleManifestV1;
        return { ...v1, counts: { ...v1.counts, events: 6 } };
      });
      expect(await problems(counts, key.publicKey)).toContainEqual(
        expect.objectContaining({ kind: 'count-mismatch', line: 1 }),
      );
      const heads = withManifest(bundle, (m) => {
        const v1 = m as BundleManifestV1;
        return {
          ...v1,
          streams: v1.streams.map((s) => (s.streamId === STREAMS.x ? { ...s, revision: 1 } : s)),
        };
      });
      expect(await problems(heads, key.publicKey)).toContainEqual(
        expect.objectContaining({ kind: 'head-mismatch', line: 1, streamId: STREAMS.x }),
      );
    });
  else
    it('changed trailer heads: a head moved back, a stream left out of them', async () => {
      const moved = withTrailer(bundle, (t) => ({
        ...t,
        heads: t.heads.map((h) => (h.streamId === STREAMS.x ? { ...h, revision: 1 } : h)),
      }));
      expect(await problems(moved, key.publicKey)).toContainEqual(
        expect.objectContaining({
          kind: 'head-mismatch',
          line: bundle.length,
          streamId: STREAMS.x,
        }),
      );
      const dropped = withTrailer(bundle, (t) => ({
        ...t,
        heads: t.heads.filter((h) => h.streamId !== STREAMS.r),
      }));
      expect(await problems(dropped, key.publicKey)).toContainEqual(
        expect.objectContaining({ kind: 'count-mismatch', line: bundle.length }),
      );
    });

  it('a cut-short bundle (no trailer) and a changed trailer', async () => {
    expect(await problems(bundle.slice(0, -1), key.publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'trailer-missing' }),
    );
    const trailer = [
      ...bundle.slice(0, -1),
      JSON.stringify({ ...parse(bundle.at(-1)), events: 8 }),
    ];
    expect(await problems(trailer, key.publicKey)).toContainEqual(
      expect.objectContaining({ kind: 'count-mismatch', line: bundle.length }),
    );
  });
});
