import type { KeyObject } from 'node:crypto';
import {
  EMPTY_STREAM_HEAD,
  storedEvents,
  treeTileReader,
  TREE_TILE_LEAVES,
  type CheckpointStore,
  type EventStore,
  type StoredCheckpoint,
} from '@ledger/event-store';
import { checkChainLink, checkHashedLink, isIntactNextLink } from './stream-chain-check';
import { storedLogHashedPages } from './event-log-leaves';
import { eventLeafDigest, MerkleFrontier } from './merkle-tree';
import { keyIdOf, verifyCheckpointSignature } from './signed-checkpoint';
import { StoredTileCheck } from './stored-tile-check';
import type {
  LogVerification,
  StreamVerification,
  VerificationProblem,
  VerificationProgress,
} from './verification-problem';

export interface LogVerifierOptions {
  /** The event log; verification reads what is STORED under any upcasting decorator. */
  readonly eventStore: EventStore;
  readonly checkpoints: CheckpointStore;
  /** The Ed25519 public key checkpoints must be signed with. */
  readonly publicKey: KeyObject;
  /**
   * The adapter numbers positions 1, 2, 3… with no gap (SQLite's AUTOINCREMENT rowid, whose
   * rollbacks give nothing back): a missing position then locates a deleted event exactly.
   * Leave false for KurrentDB, whose positions are commit/prepare offsets.
   */
  readonly densePositions?: boolean;
  /** Events read per page (memory is one page plus one head per stream). */
  readonly pageSize?: number;
}

/**
 * Verifies the log (P10): every per-stream chain, the Merkle tree over every event hash in $all
 * order, and every stored checkpoint (its signature, its root against the tree at its size, its
 * last position against the event at leaf size − 1). One streaming pass: memory is a page of
 * events, the O(log n) frontier, one head per stream and one page of checkpoints, never the log.
 *
 * What finds what: an edit is a content-altered event; a deletion inside a stream a revision
 * gap; a reorder inside a stream a revision out of order; what a chain cannot see (a whole
 * stream deleted, a stream's last events deleted, an insertion with a recomputed chain, a
 * reorder across streams) changes the tree, so the first checkpoint covering it no longer
 * matches, which locates it between that checkpoint and the previous good one (and, on a dense
 * log, a deletion shows as a position gap, exactly). Where the checkpoint store keeps tree tiles
 * (the export's cache of the tree), each is compared with the tree built here (StoredTileCheck).
 */
export class LogVerifier {
  constructor(private readonly options: LogVerifierOptions) {}

  async verifyLog(onProgress?: (progress: VerificationProgress) => void): Promise<LogVerification> {
    const { eventStore, checkpoints, publicKey, densePositions = false } = this.options;
    const pageSize = this.options.pageSize ?? 1000;
    const headPosition = await storedEvents(eventStore).headPosition();
    const expectedKeyId = keyIdOf(publicKey);
    const problems: VerificationProblem[] = [];
    // Updated in place on the intact path (no object per event); replaced after a problem.
    const heads = new Map<string, { revision: number; hash: string }>();
    const frontier = new MerkleFrontier();
    // Where the checkpoint store keeps tree tiles (SQLite), each is checked against the tree.
    const tileReader = treeTileReader(checkpoints);
    const tiles = tileReader ? new StoredTileCheck(tileReader) : undefined;
    let blockFirstPosition = 0;
    const pending = new CheckpointPages(checkpoints, pageSize);
    let checked = 0;
    let lastPosition = 0;
    // The window a checkpoint problem is located in: after the last checkpoint that matched.
    let goodSize = 0;
    let goodPosition = 0;
    let checkpointCount = 0;
    let signedSize = 0;

    const checkSignature = (checkpoint: StoredCheckpoint): void => {
      checkpointCount += 1;
      if (!verifyCheckpointSignature(checkpoint, publicKey)) {
        const foreign = checkpoint.keyId !== expectedKeyId;
        problems.push({
          checkpointSize: checkpoint.size,
          kind: 'checkpoint-signature',
          detail:
            `checkpoint at size ${checkpoint.size} (${checkpoint.timestamp}): the signature does ` +
            `not verify with key ${expectedKeyId}` +
            (foreign ? `; it names key ${checkpoint.keyId}` : ''),
        });
      }
    };

    const checkCheckpoint = (checkpoint: StoredCheckpoint): void => {
      checkSignature(checkpoint);
      signedSize = checkpoint.size;
      const at = { checkpointSize: checkpoint.size };
      const window = { position: goodPosition + 1, toPosition: lastPosition };
      let matched = true;
      if (checkpoint.lastPosition !== lastPosition) {
        matched = false;
        problems.push({
          ...at,
          ...window,
          kind: 'checkpoint-position-mismatch',
          detail:
            `checkpoint at size ${checkpoint.size} ends at position ${checkpoint.lastPosition}, ` +
            `the log's event ${checkpoint.size} is at position ${lastPosition}: events were removed ` +
            `or inserted after position ${goodPosition} (the last checkpoint that matched, size ${goodSize})`,
        });
      }
      const root = frontier.root().toString('hex');
      if (root !== checkpoint.rootHash) {
        matched = false;
        problems.push({
          ...at,
          ...window,
          kind: 'checkpoint-root-mismatch',
          detail:
            `the tree of the first ${checkpoint.size} events is ${root}, the checkpoint signed ` +
            `${checkpoint.rootHash}: an event after position ${goodPosition} (size ${goodSize}) and ` +
            `up to ${lastPosition} was changed, removed, inserted or reordered`,
        });
      }
      if (matched) {
        goodSize = checkpoint.size;
        goodPosition = lastPosition;
      }
    };

    let next = await pending.next();
    // A checkpoint of size 0 commits to the empty tree.
    while (next && next.size === 0) {
      checkCheckpoint(next);
      next = await pending.next();
    }
    for await (const { events, contentHashes } of storedLogHashedPages(eventStore, { pageSize })) {
      await tiles?.load(events.length);
      for (let index = 0; index < events.length; index += 1) {
        const event = events[index] as (typeof events)[number];
        const contentHash = contentHashes[index] as string;
        if (densePositions && event.position !== lastPosition + 1) {
          const missing =
            event.position === lastPosition + 2
              ? `${lastPosition + 1}`
              : `${lastPosition + 1}..${event.position - 1}`;
          problems.push({
            kind: 'position-gap',
            position: lastPosition + 1,
            toPosition: event.position - 1,
            detail: `positions ${missing} are missing before ${event.streamId}@${event.revision}: events were deleted`,
          });
        }
        const head = heads.get(event.streamId);
        if (head && isIntactNextLink(head, event, contentHash)) {
          head.revision = event.revision;
          head.hash = event.hash;
        } else {
          const link = checkHashedLink(head ?? EMPTY_STREAM_HEAD, event, contentHash);
          for (const problem of link.problems) problems.push(problem);
          heads.set(event.streamId, { revision: link.head.revision, hash: link.head.hash });
        }
        if (checked % TREE_TILE_LEAVES === 0) blockFirstPosition = event.position;
        frontier.appendLeafDigest(eventLeafDigest(event.hash), tiles);
        checked += 1;
        lastPosition = event.position;
        if (tiles?.hasCompletedBlock)
          tiles.reportCompleted({ first: blockFirstPosition, last: lastPosition }, problems);
        while (next && next.size === checked) {
          checkCheckpoint(next);
          next = await pending.next();
        }
        if (checked % pageSize === 0)
          onProgress?.({ checkedEvents: checked, position: lastPosition, headPosition });
      }
    }
    for (; next; next = await pending.next()) {
      checkSignature(next);
      problems.push({
        checkpointSize: next.size,
        // After the last checkpoint that matched: the removed events were there or later.
        position: goodPosition + 1,
        toPosition: Math.max(next.lastPosition, lastPosition),
        kind: 'checkpoint-beyond-log',
        detail:
          `checkpoint at size ${next.size} (up to position ${next.lastPosition}) covers more than ` +
          `the ${checked} events in the log: events after position ${goodPosition} (size ${goodSize}) were removed`,
      });
    }
    await tiles?.finish(checked, problems);
    onProgress?.({ checkedEvents: checked, position: lastPosition, headPosition });
    return {
      valid: problems.length === 0,
      checkedEvents: checked,
      checkpoints: checkpointCount,
      unsignedEvents: checked - signedSize,
      rootHash: frontier.root().toString('hex'),
      problems,
    };
  }

  /**
   * One stream's chain, page by page. It cannot see the stream's last events removed or the
   * whole stream gone (a chain only vouches for what follows): verifyLog's checkpoints do.
   */
  async verifyStream(streamId: string): Promise<StreamVerification> {
    const raw = storedEvents(this.options.eventStore);
    const pageSize = this.options.pageSize ?? 1000;
    const problems: VerificationProblem[] = [];
    let head = EMPTY_STREAM_HEAD;
    let checked = 0;
    for (let fromRevision = 0; ;) {
      const page = await raw.readStream(streamId, { fromRevision, maxCount: pageSize });
      for (const event of page) {
        const link = checkChainLink(head, event);
        problems.push(...link.problems);
        head = link.head;
        checked += 1;
      }
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      fromRevision = last.revision + 1;
    }
    return { valid: problems.length === 0, streamId, checkedEvents: checked, problems };
  }
}

/** The stored checkpoints in increasing size, a page at a time. */
class CheckpointPages {
  private page: StoredCheckpoint[] = [];
  private afterSize = -1;
  private exhausted = false;

  constructor(
    private readonly store: CheckpointStore,
    private readonly pageSize: number,
  ) {}

  async next(): Promise<StoredCheckpoint | undefined> {
    if (this.page.length === 0 && !this.exhausted) {
      this.page = await this.store.list({ afterSize: this.afterSize, maxCount: this.pageSize });
      if (this.page.length < this.pageSize) this.exhausted = true;
    }
    const checkpoint = this.page.shift();
    if (checkpoint) this.afterSize = checkpoint.size;
    return checkpoint;
  }
}
