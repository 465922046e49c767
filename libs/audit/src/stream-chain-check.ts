import { computeEventHash, type RecordedEvent, type StreamHead } from '@ledger/event-store';
import type { VerificationProblem } from './verification-problem';

/**
 * A stored event reduced to what its chain link is checked on, with its hash already recomputed
 * from its content (from the stored text where the adapter hands it over: storedLogLinks).
 */
export type HashedLink = Pick<
  RecordedEvent,
  'position' | 'streamId' | 'revision' | 'prevHash' | 'hash'
> & { readonly contentHash: string };

/**
 * Checks one event against its stream's head so far: revision next, prevHash the head's hash,
 * hash recomputed from content (P4). Answers the problems found (at most one per kind) and the
 * head to check the next event against. After a break the head moves on to this event as
 * stored, so one edit is reported once, where it is, not as a cascade down the stream.
 */
export function checkChainLink(
  head: StreamHead,
  event: RecordedEvent | HashedLink,
): { readonly problems: VerificationProblem[]; readonly head: StreamHead } {
  const at = { position: event.position, streamId: event.streamId, revision: event.revision };
  const problems: VerificationProblem[] = [];
  const expected = head.revision + 1;
  if (event.revision > expected) {
    const missing =
      expected === event.revision - 1 ? `${expected}` : `${expected}..${event.revision - 1}`;
    problems.push({
      ...at,
      kind: 'revision-gap',
      detail: `revision ${event.revision} follows ${head.revision}: revision ${missing} missing`,
    });
  } else if (event.revision < expected) {
    problems.push({
      ...at,
      kind: 'revision-out-of-order',
      detail: `revision ${event.revision} comes after revision ${head.revision} in the log`,
    });
  } else if (event.prevHash !== head.hash) {
    problems.push({
      ...at,
      kind: 'chain-broken',
      detail: `prevHash ${event.prevHash} is not the hash of revision ${head.revision} (${head.hash})`,
    });
  }
  const contentHash = 'contentHash' in event ? event.contentHash : computeEventHash(event);
  if (contentHash !== event.hash) {
    problems.push({
      ...at,
      kind: 'content-altered',
      detail: `content does not match its stored hash ${event.hash}`,
    });
  }
  const next =
    event.revision > head.revision ? { revision: event.revision, hash: event.hash } : head;
  return { problems, head: next };
}
