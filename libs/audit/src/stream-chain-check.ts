import { computeEventHash, type RecordedEvent, type StreamHead } from '@ledger/event-store';
import type { VerificationProblem } from './verification-problem';

/**
 * A stored event reduced to what its chain link is checked on, with its hash already recomputed
 * from its content (from the stored text where the adapter hands it over: storedLogHashedPages).
 */
export type HashedLink = ChainLinkFields & { readonly contentHash: string };

/** What a chain link is checked on, besides its recomputed content hash. */
export type ChainLinkFields = Pick<
  RecordedEvent,
  'position' | 'streamId' | 'revision' | 'prevHash' | 'hash'
>;

/**
 * Whether the event is the intact next link after `head` (checkChainLink would find nothing):
 * the verification's path for almost every event, which then builds no problem list, location or
 * result object (each was garbage made per event of a 100,000-event walk).
 */
export function isIntactNextLink(
  head: StreamHead,
  event: ChainLinkFields,
  contentHash: string,
): boolean {
  return (
    event.revision === head.revision + 1 && event.prevHash === head.hash && contentHash === event.hash
  );
}

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
  return checkHashedLink(
    head,
    event,
    'contentHash' in event ? event.contentHash : computeEventHash(event),
  );
}

/** checkChainLink with the event's content hash already recomputed. */
export function checkHashedLink(
  head: StreamHead,
  event: ChainLinkFields,
  contentHash: string,
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
