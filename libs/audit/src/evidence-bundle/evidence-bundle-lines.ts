import type { RecordedEvent } from '@ledger/event-store';
import type { SignedCheckpoint } from '../signed-checkpoint';

/**
 * The lines of an evidence bundle (docs/EVIDENCE-BUNDLE.md): NDJSON, one JSON object per line,
 * in this order: one manifest, the events (log order), one proof per event (same order), one
 * trailer. A bundle without its trailer is incomplete (the export was cut short).
 *
 * Version 2 (written now) names the stream heads and counts in the TRAILER, so the export reads
 * the log once; version 1 named them in the manifest, which took a first pass over the log before
 * the first line. The verifier reads both.
 */

export const EVIDENCE_BUNDLE_FORMAT = 'delivery-ledger evidence bundle';
export const EVIDENCE_BUNDLE_FORMAT_VERSION = 2;
/** The versions the verifier reads: 1 (heads in the manifest) and 2 (heads in the trailer). */
export const VERIFIABLE_BUNDLE_FORMAT_VERSIONS: readonly number[] = [
  1,
  EVIDENCE_BUNDLE_FORMAT_VERSION,
];

/** What was exported: exactly one of the three ids. */
export type BundleScope =
  { readonly programId: string } | { readonly projectId: string } | { readonly contractId: string };

/** A stream's last exported event: what the verifier's recomputed chain must end on. */
export interface BundleStreamHead {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
  /** Events of the stream in the bundle (revision + 1: streams are exported whole from 0). */
  readonly events: number;
}

export interface BundleManifest {
  readonly kind: 'manifest';
  readonly format: typeof EVIDENCE_BUNDLE_FORMAT;
  readonly formatVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly exportedAt: string;
  readonly scope: BundleScope;
  /**
   * The bundle covers the log up to the checkpoint: events appended after `lastPosition` are
   * NOT in it (they are not yet under a signature); `note` says so in words.
   */
  readonly coverage: {
    readonly treeSize: number;
    readonly lastPosition: number;
    readonly note: string;
  };
  readonly checkpoint: SignedCheckpoint;
  /** SPKI PEM of the key the checkpoint is signed with. Proves nothing by itself: see the doc. */
  readonly publicKey: string;
}

/** A version 1 manifest: the counts and stream heads come first (the trailer has counts only). */
export interface BundleManifestV1 extends BundleManifest {
  readonly counts: { readonly events: number; readonly streams: number };
  readonly streams: readonly BundleStreamHead[];
}

export interface BundleEventLine {
  readonly kind: 'event';
  /** Index of the event in $all (its leaf in the checkpoint's tree), 0-based. */
  readonly leaf: number;
  /** The stored envelope, exactly as stored (not upcast), so its hash recomputes. */
  readonly event: RecordedEvent;
}

export interface BundleProofLine {
  readonly kind: 'proof';
  readonly leaf: number;
  /** RFC 9162 inclusion proof of the leaf in the checkpoint's tree, innermost sibling first, hex. */
  readonly path: readonly string[];
}

export interface BundleTrailer {
  readonly kind: 'trailer';
  readonly events: number;
  readonly proofs: number;
  readonly streams: number;
  /** Lines of the bundle including manifest and trailer. */
  readonly lines: number;
  /** Each exported stream's last exported event, in order of first appearance (version 2). */
  readonly heads: readonly BundleStreamHead[];
}

export type BundleLine = BundleManifest | BundleEventLine | BundleProofLine | BundleTrailer;
