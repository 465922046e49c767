import type { CheckpointStore, EventStore, JsonObject, StoredEventText } from '@ledger/event-store';
import type { KeyObject } from 'node:crypto';
import { storedLogTexts } from '../event-log-leaves';
import { eventHashBytes } from '../merkle-tree';
import { publicKeyPem } from '../signed-checkpoint';
import { BundleScopeMembership } from './bundle-scope-membership';
import {
  EVIDENCE_BUNDLE_FORMAT,
  EVIDENCE_BUNDLE_FORMAT_VERSION,
  type BundleLine,
  type BundleManifest,
  type BundleScope,
  type BundleStreamHead,
} from './evidence-bundle-lines';
import { InclusionProofCollector } from './inclusion-proof-collector';

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
 * The evidence bundle of a scope as NDJSON lines, produced lazily (an async generator: the HTTP
 * route and the CLI pull it at the pace they write). Covers the log up to the LATEST signed
 * checkpoint and leaves later events out (the manifest says so): they are not signed yet, and
 * waiting or forcing a checkpoint would make an export depend on the writer.
 *
 * Two passes over $all up to the checkpoint, page by page: the first decides the scope's
 * streams, their heads and counts (the manifest comes first); the second writes the events and
 * feeds every leaf to one InclusionProofCollector, whose root must be the checkpoint's. Held in
 * memory: one page, the scope's stream heads, the exported leaf indexes and the proofs' kept
 * hashes (see InclusionProofCollector), never the events.
 *
 * Both passes read the bodies as stored text (storedLogTexts): the first parses one body per
 * stream (its first event decides membership), the second writes each body into its line as it
 * is stored, never parsed and re-serialised (the stored text is canonical JSON, which is what
 * JSON.stringify of the parsed body gives back; the reading cost was most of an export's).
 */
export async function* exportEvidenceBundle(
  options: EvidenceExportOptions,
): AsyncGenerator<string> {
  const checkpoint = await options.checkpoints.latest();
  if (!checkpoint)
    throw new EvidenceExportError(
      'no-checkpoint',
      'no signed checkpoint yet: nothing can be proven; retry once the log has one',
    );
  const size = checkpoint.size;
  const pageSize = options.pageSize ?? 1000;

  // Pass 1: which streams, their heads, which leaves.
  const membership = new BundleScopeMembership(options.scope);
  const heads = new Map<string, BundleStreamHead>();
  const leaves: number[] = [];
  let leaf = 0;
  for await (const event of storedLogTexts(options.store, { pageSize })) {
    if (leaf >= size) break;
    if (membership.includes(event.streamId, () => JSON.parse(event.dataJson) as JsonObject)) {
      leaves.push(leaf);
      const before = heads.get(event.streamId);
      heads.set(event.streamId, {
        streamId: event.streamId,
        revision: event.revision,
        hash: event.hash,
        events: (before?.events ?? 0) + 1,
      });
    }
    leaf += 1;
    if (leaf % pageSize === 0) options.onProgress?.({ read: leaf / 2, of: size });
  }
  if (leaf < size)
    throw new EvidenceExportError(
      'log-does-not-match-checkpoint',
      `the checkpoint covers ${size} events, the log holds ${leaf}`,
    );

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
    counts: { events: leaves.length, streams: heads.size },
    streams: [...heads.values()],
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
  heads.clear();
  let lines = 0;
  const line = (value: BundleLine): string => {
    lines += 1;
    return `${JSON.stringify(value)}\n`;
  };
  yield line(manifest);

  // Pass 2: the events, and every leaf into the tree.
  const collector = new InclusionProofCollector(size, leaves);
  let next = 0;
  leaf = 0;
  for await (const event of storedLogTexts(options.store, { pageSize })) {
    if (leaf >= size) break;
    collector.append(eventHashBytes(event.hash));
    if (leaves[next] === leaf) {
      next += 1;
      lines += 1;
      yield eventLine(leaf, event);
    }
    leaf += 1;
    if (leaf % pageSize === 0) options.onProgress?.({ read: (size + leaf) / 2, of: size });
  }
  if (leaf < size || collector.root().toString('hex') !== checkpoint.rootHash)
    throw new EvidenceExportError(
      'log-does-not-match-checkpoint',
      `the log's first ${size} events do not hash to the checkpoint's root: run the verification`,
    );

  for (const proven of leaves)
    yield line({
      kind: 'proof',
      leaf: proven,
      path: collector.proof(proven).map((hash) => hash.toString('hex')),
    });
  options.onProgress?.({ read: size, of: size });
  yield line({
    kind: 'trailer',
    events: leaves.length,
    proofs: leaves.length,
    streams: manifest.counts.streams,
    lines: lines + 1,
  });
}

/**
 * A BundleEventLine written from the stored text: the line JSON.stringify would give for the
 * parsed event (same members, same order as the adapters' RecordedEvent), with the bodies copied
 * as stored.
 */
function eventLine(leaf: number, event: StoredEventText): string {
  const text = JSON.stringify;
  return (
    `{"kind":"event","leaf":${leaf},"event":{"id":${text(event.id)},"type":${text(event.type)}` +
    `,"schemaVersion":${event.schemaVersion},"streamId":${text(event.streamId)}` +
    `,"revision":${event.revision},"position":${event.position}` +
    `,"recordedAt":${text(event.recordedAt)},"prevHash":${text(event.prevHash)}` +
    `,"hash":${text(event.hash)},"data":${event.dataJson},"metadata":${event.metadataJson}}}\n`
  );
}
