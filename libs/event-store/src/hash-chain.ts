import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { ProposedEvent, RecordedEvent } from './event-envelope';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stream head an append builds on: -1 / GENESIS_HASH for a stream that does not exist. */
export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

export const EMPTY_STREAM_HEAD: StreamHead = { revision: -1, hash: GENESIS_HASH };

/** A sealed event still waiting for the global position the store assigns at commit. */
export type SealedEvent = Omit<RecordedEvent, 'position'>;

/** The fields the hash covers, in a fixed shape: everything except `hash` and `position`. */
function hashedContent(event: SealedEvent | RecordedEvent): Omit<SealedEvent, 'hash'> {
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    revision: event.revision,
    recordedAt: event.recordedAt,
    prevHash: event.prevHash,
    data: event.data,
    metadata: event.metadata,
  };
}

export function computeEventHash(event: SealedEvent | RecordedEvent): string {
  return createHash('sha256')
    .update(event.prevHash)
    .update(canonicalJson(hashedContent(event)))
    .digest('hex');
}

/**
 * Gives proposed events their place in a stream and chains their hashes. Adapters call this
 * with the head they resolved inside their own write transaction (or compare-and-set), so the
 * chain is computed one way for every store.
 */
export function sealEvents(
  streamId: string,
  head: StreamHead,
  events: readonly ProposedEvent[],
  recordedAt: string,
): SealedEvent[] {
  let prevHash = head.hash;
  return events.map((event, index) => {
    const unsealed = {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      streamId,
      revision: head.revision + 1 + index,
      recordedAt,
      prevHash,
      hash: '',
    };
    const sealed: SealedEvent = { ...unsealed, hash: computeEventHash(unsealed) };
    prevHash = sealed.hash;
    return sealed;
  });
}

export type ChainVerdict =
  | { readonly ok: true; readonly verified: number; readonly head: StreamHead }
  | {
      readonly ok: false;
      readonly verified: number;
      readonly brokenAt: number;
      readonly reason: string;
    };

/**
 * Checks a whole stream read from revision 0: revisions contiguous, each prevHash the hash
 * before it, each hash recomputed from content. Stops at the first break.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerdict {
  let expected: StreamHead = EMPTY_STREAM_HEAD;
  for (const [index, event] of events.entries()) {
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      verified: index,
      brokenAt: event.revision,
      reason,
    });
    if (event.revision !== expected.revision + 1)
      return fail(`revision ${event.revision} follows ${expected.revision}`);
    if (event.prevHash !== expected.hash) return fail('prevHash does not match the previous hash');
    if (computeEventHash(event) !== event.hash) return fail('content does not match its hash');
    expected = { revision: event.revision, hash: event.hash };
  }
  return { ok: true, verified: events.length, head: expected };
}
