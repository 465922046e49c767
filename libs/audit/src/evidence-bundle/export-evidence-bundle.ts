import {
  TREE_TILE_LEAVES,
  treeTileReader,
  type CheckpointStore,
  type EventStore,
  type JsonObject,
  type StoredEventJson,
} from '@ledger/event-store';
import type { KeyObject } from 'node:crypto';
import { storedLogJsonPages } from '../event-log-leaves';
import { publicKeyPem } from '../signed-checkpoint';
import { BundleScopeMembership } from './bundle-scope-membership';
import {
  EVIDENCE_BUNDLE_FORMAT,
  EVIDENCE_BUNDLE_FORMAT_VERSION,
  type BundleManifest,
  type BundleScope,
  type BundleStreamHead,
  type BundleTrailer,
} from './evidence-bundle-lines';
import { InclusionProofCollector } from './inclusion-proof-collector';

/**
 * How many bytes of lines a chunk gathers before it is yielded. Chunks are Buffers: their bytes
 * live outside V8's heap and go with the young Buffer object that holds them. (When chunks were
 * strings, page-sized ones (~0.5 MB) went to the large-object space, which only a full collection
 * frees, and the export's peak RSS grew with the log: +36 MiB at 25,000 events, +79 MiB at
 * 100,000.)
 */
const CHUNK_BYTES = 256 * 1024;

/** The bundle cannot be made (no checkpoint yet, or the log disagrees with its checkpoint). */
export class EvidenceExportError extends Error {
  override readonly name = 'EvidenceExportError';
  constructor(
    readonly reason: 'no-checkpoint' | 'log-does-not-match-checkpoint',
    message: string,
  ) {
    super(message);
  }
}

export interface EvidenceExportOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly publicKey: KeyObject;
  readonly scope: BundleScope;
  readonly tool: { readonly name: string; readonly version: string };
  readonly pageSize?: number;
  /** Called as the log is read (events of $all read so far, of the tree size). */
  readonly onProgress?: (progress: { readonly read: number; readonly of: number }) => void;
}

/**
 * The evidence bundle of a scope as NDJSON, produced lazily (an async generator: the HTTP route
 * and the CLI pull it at the pace they write). Each chunk it yields is the UTF-8 bytes of one or
 * more whole lines (the manifest alone first, so a caller can decide its answer's status on it;
 * then lines gathered up to CHUNK_BYTES: one write per few dozen lines, not per line), written
 * into the chunk as they are made: no string per chunk to flatten and encode on its way out. Covers the log up
 * to the LATEST signed checkpoint and leaves later events out (the manifest says so): they are
 * not signed yet, and waiting or forcing a checkpoint would make an export depend on the writer.
 *
 * ONE pass over $all up to the checkpoint, page by page (format version 2): each event decides
 * its stream's membership (on the stream's first event), goes to one InclusionProofCollector
 * (every leaf; the members' as wanted) and, when a member, out as its line. The stream heads and
 * counts are known only at the end, so they go into the trailer; the proofs follow the events
 * (the tree must be complete) and its root must be the checkpoint's. Held in memory: one page,
 * the scope's stream heads and membership decisions, the exported leaf indexes and the proofs'
 * kept hashes (see InclusionProofCollector), never the events.
 *
 * Each event is read as its envelope's JSON text (storedLogJsonPages: made by SQLite from the
 * stored text, bodies as stored, never parsed and re-serialised) and written into its line as it
 * is; one envelope per stream is parsed, for membership.
 *
 * Where the checkpoint store keeps tree tiles (treeTileReader: SQLite), the tiles of the blocks
 * that start in each page are read with it (one range query a page) and the collector takes
 * those blocks from them instead of hashing them (InclusionProofCollector says what is checked;
 * docs/EVIDENCE-BUNDLE.md why a bad tile can only fail an export or its bundle's verification).
 * The bundle's bytes are the same either way.
 */
export async function* exportEvidenceBundle(
  options: EvidenceExportOptions,
): AsyncGenerator<Buffer> {
  const checkpoint = await options.checkpoints.latest();
  if (!checkpoint)
    throw new EvidenceExportError(
      'no-checkpoint',
      'no signed checkpoint yet: nothing can be proven; retry once the log has one',
    );
  const size = checkpoint.size;
  const pageSize = options.pageSize ?? 1000;

  const manifest: BundleManifest = {
    kind: 'manifest',
    format: EVIDENCE_BUNDLE_FORMAT,
    formatVersion: EVIDENCE_BUNDLE_FORMAT_VERSION,
    tool: options.tool,
    exportedAt: new Date().toISOString(),
    scope: options.scope,
    coverage: {
      treeSize: size,
      lastPosition: checkpoint.lastPosition,
      note:
        `the log up to the latest signed checkpoint (position ${checkpoint.lastPosition}); ` +
        'events appended after it are not in this bundle',
    },
    checkpoint: {
      size: checkpoint.size,
      lastPosition: checkpoint.lastPosition,
      rootHash: checkpoint.rootHash,
      timestamp: checkpoint.timestamp,
      keyId: checkpoint.keyId,
      signature: checkpoint.signature,
    },
    publicKey: publicKeyPem(options.publicKey),
  };
  let lines = 1;
  yield Buffer.from(`${JSON.stringify(manifest)}\n`);

  const membership = new BundleScopeMembership(options.scope);
  // Updated in place as a stream's events arrive (no object per exported event).
  const heads = new Map<string, Mutable<BundleStreamHead>>();
  const leaves: number[] = [];
  const collector = new InclusionProofCollector(size);
  const tiles = treeTileReader(options.checkpoints);
  let tilesRead = 0;
  const chunk = new ChunkBytes();
  let leaf = 0;
  read: for await (const page of storedLogJsonPages(options.store, { pageSize })) {
    if (tiles) {
      const fromBlock = Math.ceil(leaf / TREE_TILE_LEAVES);
      const toBlock = Math.min(
        Math.ceil((leaf + page.length) / TREE_TILE_LEAVES),
        Math.floor(size / TREE_TILE_LEAVES),
      );
      if (fromBlock < toBlock) {
        const read = await tiles.readTreeTiles(fromBlock, toBlock);
        tilesRead += read.length;
        collector.useTiles(read);
      }
    }
    for (const event of page) {
      if (leaf >= size) break read;
      const streamId = event[1];
      const hash = event[3];
      const member = membership.includes(streamId, () => dataOf(event));
      collector.appendEventHash(hash, member);
      if (member) {
        leaves.push(leaf);
        const head = heads.get(streamId);
        if (head) {
          head.revision = event[2];
          head.hash = hash;
          head.events += 1;
        } else heads.set(streamId, { streamId, revision: event[2], hash, events: 1 });
        const json = event[4];
        // The prefix, the leaf's digits and `,"event":`, the JSON (a UTF-8 byte per character at
        // least, three at most: a surrogate pair's four are two characters) and `}\n`.
        const full = chunk.makeRoom(EVENT_LINE_PREFIX.length + 30 + 3 * json.length);
        if (full) yield full;
        // The event's line: the prefix, the envelope's JSON text as the store made it, `}\n`.
        const bytes = chunk.bytes;
        let at = chunk.used;
        at += bytes.write(`${EVENT_LINE_PREFIX}${leaf},"event":`, at, 'latin1');
        at += bytes.write(json, at);
        bytes[at] = CLOSE_BRACE;
        bytes[at + 1] = NEWLINE;
        chunk.used = at + 2;
      }
      leaf += 1;
      if (leaf % pageSize === 0) options.onProgress?.({ read: leaf, of: size });
    }
  }
  lines += leaves.length;
  if (leaf < size)
    throw new EvidenceExportError(
      'log-does-not-match-checkpoint',
      `the checkpoint covers ${size} events, the log holds ${leaf}`,
    );
  // When the verification finds the log whole, a tile was altered: the tiles are a cache, and
  // deleting its rows makes exports hash those blocks again.
  const orTiles =
    tilesRead > 0 ? ' (if the log verifies, a stored tree tile is wrong: delete tree_tiles)' : '';
  const mismatched = collector.mismatchedLeaf;
  if (mismatched !== undefined)
    throw new EvidenceExportError(
      'log-does-not-match-checkpoint',
      `event ${mismatched} of the log does not hash to the leaf the stored tree tile holds: ` +
        `run the verification${orTiles}`,
    );
  if (collector.root().toString('hex') !== checkpoint.rootHash)
    throw new EvidenceExportError(
      'log-does-not-match-checkpoint',
      `the log's first ${size} events do not hash to the checkpoint's root: ` +
        `run the verification${orTiles}`,
    );

  // The prefix, the leaf's digits, the path and its `}\n`.
  const proofLineBytes = PROOF_LINE_PREFIX.length + 30 + collector.maxProofPathJsonBytes;
  for (const proven of leaves) {
    const full = chunk.makeRoom(proofLineBytes);
    if (full) yield full;
    const bytes = chunk.bytes;
    let at = chunk.used;
    at += bytes.write(`${PROOF_LINE_PREFIX}${proven},"path":`, at, 'latin1');
    at = collector.writeProofPathJson(proven, bytes, at);
    bytes[at] = CLOSE_BRACE;
    bytes[at + 1] = NEWLINE;
    chunk.used = at + 2;
  }
  const rest = chunk.makeRoom(Infinity);
  if (rest) yield rest;
  lines += leaves.length;
  options.onProgress?.({ read: size, of: size });
  const trailer: BundleTrailer = {
    kind: 'trailer',
    events: leaves.length,
    proofs: leaves.length,
    streams: heads.size,
    lines: lines + 1,
    heads: [...heads.values()],
  };
  yield Buffer.from(`${JSON.stringify(trailer)}\n`);
}

const EVENT_LINE_PREFIX = '{"kind":"event","leaf":';
const PROOF_LINE_PREFIX = '{"kind":"proof","leaf":';
const CLOSE_BRACE = 0x7d;
const NEWLINE = 0x0a;

/** The chunk being filled: `used` bytes of whole lines at the start of `bytes`. */
class ChunkBytes {
  bytes = Buffer.allocUnsafe(CHUNK_BYTES);
  used = 0;

  /**
   * Makes room for a line of at most `bytes` bytes: when they do not fit, or the chunk is full,
   * answers the lines gathered so far (to be yielded, and never written again) and starts a new
   * chunk with room for them (a line longer than a chunk gets a chunk of its own size). Infinity
   * takes the rest and starts none.
   */
  makeRoom(bytes: number): Buffer | undefined {
    if (this.used < CHUNK_BYTES && this.bytes.length - this.used >= bytes) return undefined;
    const full = this.used > 0 ? this.bytes.subarray(0, this.used) : undefined;
    this.bytes = Number.isFinite(bytes)
      ? Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes))
      : Buffer.alloc(0);
    this.used = 0;
    return full;
  }
}

/** The body of a stored event, from its envelope's JSON text (once per stream: membership). */
function dataOf(event: StoredEventJson): JsonObject {
  return (JSON.parse(event[4]) as { readonly data: JsonObject }).data;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
