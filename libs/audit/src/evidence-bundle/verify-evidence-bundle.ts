import type { KeyObject } from 'node:crypto';
import { EMPTY_STREAM_HEAD, type RecordedEvent, type StreamHead } from '@ledger/event-store';
import { eventHashBytes, eventLeafHash, verifyInclusion } from '../merkle-tree';
import { keyIdOf, parsePublicKey, verifyCheckpointSignature } from '../signed-checkpoint';
import { checkChainLink } from '../stream-chain-check';
import {
  EVIDENCE_BUNDLE_FORMAT,
  VERIFIABLE_BUNDLE_FORMAT_VERSIONS,
  type BundleManifest,
  type BundleManifestV1,
  type BundleStreamHead,
} from './evidence-bundle-lines';

/** One reason a bundle does not verify, located at its line (1-based) and, when known, event. */
export interface BundleProblem {
  readonly line: number;
  readonly kind:
    | 'malformed'
    | 'line-order'
    | 'checkpoint-signature'
    | 'public-key'
    | 'content-altered'
    | 'chain-broken'
    | 'revision-gap'
    | 'revision-out-of-order'
    | 'leaf-order'
    | 'inclusion-proof'
    | 'proof-missing'
    | 'proof-without-event'
    | 'head-mismatch'
    | 'count-mismatch'
    | 'trailer-missing';
  readonly streamId?: string;
  readonly revision?: number;
  readonly leaf?: number;
  readonly detail: string;
}

export interface BundleVerification {
  readonly valid: boolean;
  readonly events: number;
  readonly streams: number;
  readonly proofs: number;
  readonly checkpoint?: {
    readonly size: number;
    readonly rootHash: string;
    readonly keyId: string;
  };
  /** Said even when valid: e.g. that the embedded key was used, which proves nothing alone. */
  readonly warnings: readonly string[];
  readonly problems: readonly BundleProblem[];
}

/** What the verifier keeps per exported event until its proof line: where it was, its hash. */
interface PendingLeaf {
  readonly line: number;
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
}

const MAX_PROBLEMS = 100;

/** The stream heads and counts a bundle announces, and the line that announces them. */
interface AnnouncedHeads {
  readonly line: number;
  /** Version 1's manifest counts (version 2's are the trailer's, checked with the trailer). */
  readonly counts?: { readonly events: number; readonly streams: number };
  readonly heads: readonly BundleStreamHead[];
}

/**
 * Verifies an evidence bundle OFFLINE from its lines (docs/EVIDENCE-BUNDLE.md), format version 1
 * or 2: the checkpoint's Ed25519 signature (with `publicKey` when given, else the embedded key,
 * with a warning), every stream's hash chain from genesis, every event's inclusion proof against
 * the signed root, the announced stream heads and counts (version 1: in the manifest; version 2:
 * in the trailer) and the trailer's counts. Memory: the stream heads and, per event, its leaf,
 * line and hash until its proof line is read.
 */
export async function verifyEvidenceBundle(
  lines: AsyncIterable<string> | Iterable<string>,
  options: { readonly publicKey?: KeyObject } = {},
): Promise<BundleVerification> {
  const problems: BundleProblem[] = [];
  const warnings: string[] = [];
  const report = (problem: BundleProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  let manifest: BundleManifest | undefined;
  let announced: AnnouncedHeads | undefined;
  let signedRoot: Buffer | undefined;
  const heads = new Map<string, StreamHead & { events: number }>();
  const pending = new Map<number, PendingLeaf>();
  let section: 'manifest' | 'event' | 'proof' | 'trailer' | 'after' = 'manifest';
  let [events, proofs, lineNumber, lastLeaf, lastProofLeaf] = [0, 0, 0, -1, -1];
  let trailerSeen = false;

  for await (const text of lines) {
    lineNumber += 1;
    const line = lineNumber;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      report({ line, kind: 'malformed', detail: 'not a JSON object' });
      continue;
    }
    const kind = isObject(value) ? value.kind : undefined;
    if (section === 'after') {
      report({ line, kind: 'line-order', detail: `a ${String(kind)} line after the trailer` });
      continue;
    }
    if (section === 'manifest') {
      if (kind !== 'manifest' || !isManifest(value)) {
        report({ line, kind: 'malformed', detail: 'the first line must be the manifest' });
        break;
      }
      manifest = value;
      if (value.formatVersion === 1) {
        if (!isManifestV1(value)) {
          report({
            line,
            kind: 'malformed',
            detail: 'a version 1 manifest lists counts and streams',
          });
          break;
        }
        announced = { line, counts: value.counts, heads: value.streams };
      }
      signedRoot = checkManifest(manifest, line, options.publicKey, report, warnings);
      section = 'event';
      continue;
    }
    if (kind === 'event' && section === 'event' && isObject(value) && isEventLine(value)) {
      const { leaf, event } = value;
      events += 1;
      const at = { line, streamId: event.streamId, revision: event.revision, leaf };
      if (leaf <= lastLeaf)
        report({ ...at, kind: 'leaf-order', detail: `leaf ${leaf} after leaf ${lastLeaf}` });
      lastLeaf = Math.max(lastLeaf, leaf);
      const head = heads.get(event.streamId) ?? { ...EMPTY_STREAM_HEAD, events: 0 };
      const link = checkChainLink(head, event);
      for (const problem of link.problems)
        report({ ...at, kind: problem.kind as BundleProblem['kind'], detail: problem.detail });
      heads.set(event.streamId, { ...link.head, events: head.events + 1 });
      pending.set(leaf, {
        line,
        streamId: event.streamId,
        revision: event.revision,
        hash: event.hash,
      });
      continue;
    }
    if (kind === 'proof' && (section === 'event' || section === 'proof') && isProofLine(value)) {
      section = 'proof';
      proofs += 1;
      const { leaf, path } = value;
      if (leaf <= lastProofLeaf)
        report({
          line,
          leaf,
          kind: 'line-order',
          detail: `proof of leaf ${leaf} after leaf ${lastProofLeaf}`,
        });
      lastProofLeaf = Math.max(lastProofLeaf, leaf);
      const proven = pending.get(leaf);
      if (!proven) {
        report({
          line,
          leaf,
          kind: 'proof-without-event',
          detail: `no event line for leaf ${leaf}`,
        });
        continue;
      }
      pending.delete(leaf);
      const at = { line: proven.line, streamId: proven.streamId, revision: proven.revision, leaf };
      if (!manifest || !signedRoot) continue;
      let ok = false;
      try {
        ok = verifyInclusion(
          leaf,
          manifest.checkpoint.size,
          eventLeafHash(proven.hash),
          path.map((hash) => eventHashBytes(hash)),
          signedRoot,
        );
      } catch {
        ok = false;
      }
      if (!ok)
        report({
          ...at,
          kind: 'inclusion-proof',
          detail: `the event's hash is not leaf ${leaf} of the signed tree of ${manifest.checkpoint.size} (proof on line ${line})`,
        });
      continue;
    }
    if (kind === 'trailer' && isObject(value)) {
      trailerSeen = true;
      section = 'after';
      if (manifest && manifest.formatVersion !== 1) {
        if (isStreamHeads(value.heads)) announced = { line, heads: value.heads };
        else
          report({
            line,
            kind: 'malformed',
            detail: `a version ${manifest.formatVersion} trailer lists the stream heads`,
          });
      }
      for (const [field, actual] of [
        ['events', events],
        ['proofs', proofs],
        ['streams', heads.size],
        ['lines', lineNumber],
      ] as const) {
        if (value[field] !== actual)
          report({
            line,
            kind: 'count-mismatch',
            detail: `trailer ${field} ${String(value[field])}, the bundle has ${actual}`,
          });
      }
      continue;
    }
    report({
      line,
      kind: 'line-order',
      detail: `unexpected ${String(kind)} line in the ${section} section`,
    });
  }

  if (!manifest)
    return {
      valid: false,
      events,
      streams: 0,
      proofs,
      warnings,
      problems: problems.length
        ? problems
        : [{ line: 1, kind: 'malformed', detail: 'empty bundle' }],
    };
  if (!trailerSeen)
    report({
      line: lineNumber,
      kind: 'trailer-missing',
      detail: 'no trailer: the bundle is cut short',
    });
  for (const [leaf, left] of pending)
    report({
      line: left.line,
      streamId: left.streamId,
      revision: left.revision,
      leaf,
      kind: 'proof-missing',
      detail: `no inclusion proof for leaf ${leaf}`,
    });
  if (announced) checkHeadsAndCounts(announced, heads, events, report);

  return {
    valid: problems.length === 0,
    events,
    streams: heads.size,
    proofs,
    checkpoint: {
      size: manifest.checkpoint.size,
      rootHash: manifest.checkpoint.rootHash,
      keyId: manifest.checkpoint.keyId,
    },
    warnings,
    problems,
  };
}

/** The signature and key; answers the signed root, or undefined when it cannot be trusted. */
function checkManifest(
  manifest: BundleManifest,
  line: number,
  given: KeyObject | undefined,
  report: (problem: BundleProblem) => void,
  warnings: string[],
): Buffer | undefined {
  if (
    manifest.format !== EVIDENCE_BUNDLE_FORMAT ||
    !VERIFIABLE_BUNDLE_FORMAT_VERSIONS.includes(manifest.formatVersion)
  )
    report({
      line,
      kind: 'malformed',
      detail: `format ${manifest.format} v${manifest.formatVersion} is not ${EVIDENCE_BUNDLE_FORMAT} v${VERIFIABLE_BUNDLE_FORMAT_VERSIONS.join(' or v')}`,
    });
  let key = given;
  if (!key) {
    warnings.push(
      'verified with the public key embedded in the bundle: that proves only that the bundle is self-consistent; pass --public-key with the key obtained from the operator (GET /api/audit/public-key) to prove who signed it',
    );
    try {
      key = parsePublicKey(manifest.publicKey);
    } catch (error) {
      report({
        line,
        kind: 'public-key',
        detail: `the embedded public key does not parse: ${(error as Error).message}`,
      });
      return undefined;
    }
  } else {
    let embedded: string | undefined;
    try {
      embedded = keyIdOf(parsePublicKey(manifest.publicKey));
    } catch {
      embedded = undefined;
    }
    if (embedded !== keyIdOf(key))
      warnings.push(
        `the key embedded in the bundle (${embedded ?? 'unreadable'}) is not the one given (${keyIdOf(key)}); the given key is used`,
      );
  }
  if (manifest.checkpoint.keyId !== keyIdOf(key))
    report({
      line,
      kind: 'checkpoint-signature',
      detail: `the checkpoint names key ${manifest.checkpoint.keyId}, verifying with ${keyIdOf(key)}`,
    });
  if (!verifyCheckpointSignature(manifest.checkpoint, key)) {
    report({
      line,
      kind: 'checkpoint-signature',
      detail: `the signature of checkpoint ${manifest.checkpoint.size} does not verify with key ${keyIdOf(key)}`,
    });
    return undefined;
  }
  try {
    return eventHashBytes(manifest.checkpoint.rootHash);
  } catch {
    return undefined;
  }
}

/** The announced heads and counts (manifest v1, trailer v2) against the recomputed chains. */
function checkHeadsAndCounts(
  announced: AnnouncedHeads,
  heads: ReadonlyMap<string, StreamHead & { events: number }>,
  events: number,
  report: (problem: BundleProblem) => void,
): void {
  const { line } = announced;
  const where = line === 1 ? 'the manifest' : 'the trailer';
  const { counts } = announced;
  if (counts && counts.events !== events)
    report({
      line,
      kind: 'count-mismatch',
      detail: `${where} counts ${counts.events} events, the bundle has ${events}`,
    });
  if ((counts && counts.streams !== heads.size) || announced.heads.length !== heads.size)
    report({
      line,
      kind: 'count-mismatch',
      detail: `${where} counts ${counts?.streams ?? announced.heads.length} streams (lists ${announced.heads.length}), the bundle has ${heads.size}`,
    });
  for (const expected of announced.heads) {
    const actual = heads.get(expected.streamId);
    const at = { line, streamId: expected.streamId, revision: expected.revision };
    if (!actual)
      report({
        ...at,
        kind: 'head-mismatch',
        detail: `no event of stream ${expected.streamId} in the bundle`,
      });
    else if (
      actual.revision !== expected.revision ||
      actual.hash !== expected.hash ||
      actual.events !== expected.events
    )
      report({
        ...at,
        kind: 'head-mismatch',
        detail: `${where}'s head is revision ${expected.revision} (${expected.events} events), the bundle's chain ends at revision ${actual.revision} (${actual.events} events)`,
      });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isManifest(value: unknown): value is BundleManifest {
  return isObject(value) && isObject(value.checkpoint) && typeof value.publicKey === 'string';
}

function isManifestV1(value: BundleManifest): value is BundleManifestV1 {
  const { counts, streams } = value as unknown as Record<string, unknown>;
  return (
    isObject(counts) &&
    typeof counts.events === 'number' &&
    typeof counts.streams === 'number' &&
    isStreamHeads(streams)
  );
}

function isStreamHeads(value: unknown): value is BundleStreamHead[] {
  return (
    Array.isArray(value) &&
    value.every(
      (head) =>
        isObject(head) &&
        typeof head.streamId === 'string' &&
        typeof head.revision === 'number' &&
        typeof head.hash === 'string' &&
        typeof head.events === 'number',
    )
  );
}

function isEventLine(
  value: Record<string, unknown>,
): value is { leaf: number; event: RecordedEvent } {
  const event = value.event;
  return (
    Number.isSafeInteger(value.leaf) &&
    isObject(event) &&
    typeof event.streamId === 'string' &&
    Number.isSafeInteger(event.revision) &&
    typeof event.hash === 'string' &&
    typeof event.prevHash === 'string'
  );
}

function isProofLine(value: unknown): value is { leaf: number; path: string[] } {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.leaf) &&
    Array.isArray(value.path) &&
    value.path.every((hash) => typeof hash === 'string')
  );
}
