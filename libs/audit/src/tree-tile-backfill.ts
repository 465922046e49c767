import {
  logHashReader,
  type EventStore,
  type LogHash,
  type TreeTile,
  type TreeTileWriter,
} from '@ledger/event-store';
import { storedLog } from './event-log-leaves';
import { eventLeafDigest, MerkleFrontier } from './merkle-tree';
import { TreeTileBuilder } from './tree-tile-builder';
import { BLOCK_LEAVES } from './tree-tile-layout';

/** Tiles stored per transaction (16 × 16 KiB). */
const TILES_PER_WRITE = 16;

export interface TreeTileBackfillOptions {
  readonly eventStore: EventStore;
  readonly tiles: TreeTileWriter;
  /** The latest signed checkpoint: blocks complete at or below its size are filled. */
  readonly signed: { readonly size: number; readonly lastPosition: number };
  readonly signal?: AbortSignal;
}

/**
 * Makes the tree tiles of the complete blocks that have none: those of a log checkpointed before
 * tiles existed, the block a restarted checkpointer resumed in (it files tiles from the next
 * block boundary), rows an operator deleted (always safe: docs/EVIDENCE-BUNDLE.md). A tile is the
 * block's own subtree, so each is made from its 256 events alone: a fresh frontier over their
 * hashes, the same nodes the checkpointer files. Answers the number of tiles stored.
 *
 * Leaf i is the event at position i + 1 only on a log whose positions have no gap, which the
 * signed checkpoint shows (its last position equals its size: positions are increasing integers
 * from 1); on any other log nothing is filled. Each block read is checked to hold exactly the
 * positions it should. Like every tile, a backfilled one is a cache: the export checks it against
 * the signed root and the log verification against the tree.
 */
export async function backfillTreeTiles(options: TreeTileBackfillOptions): Promise<number> {
  const { size, lastPosition } = options.signed;
  if (lastPosition !== size) return 0;
  const blocks = Math.floor(size / BLOCK_LEAVES);
  const present = new Set(await options.tiles.treeTileBlocks(0, blocks));
  let pending: TreeTile[] = [];
  let stored = 0;
  const flush = async (): Promise<void> => {
    await options.tiles.storeTreeTiles(pending);
    stored += pending.length;
    pending = [];
  };
  for (let block = 0; block < blocks; block += 1) {
    if (options.signal?.aborted) break;
    if (present.has(block)) continue;
    const tile = await blockTile(options.eventStore, block);
    if (tile) pending.push(tile);
    if (pending.length >= TILES_PER_WRITE) await flush();
  }
  if (pending.length > 0) await flush();
  return stored;
}

/** The tile of `block` from its events, or undefined if its positions are not the dense ones. */
async function blockTile(eventStore: EventStore, block: number): Promise<TreeTile | undefined> {
  const first = block * BLOCK_LEAVES;
  const hashes = await readLogHashes(eventStore, first, BLOCK_LEAVES);
  if (hashes.length !== BLOCK_LEAVES) return undefined;
  const frontier = new MerkleFrontier();
  const builder = new TreeTileBuilder(first);
  for (let index = 0; index < hashes.length; index += 1) {
    const { position, hash } = hashes[index] as LogHash;
    if (position !== first + index + 1) return undefined;
    frontier.appendLeafDigest(eventLeafDigest(hash), builder);
  }
  return builder.pending[0];
}

/**
 * `count` (position, hash) after `after`: one read of the hash column where the adapter has one,
 * else the stored events themselves.
 */
async function readLogHashes(
  eventStore: EventStore,
  after: number,
  count: number,
): Promise<LogHash[]> {
  const reader = logHashReader(eventStore);
  if (reader) return reader.readLogHashes(after, count);
  const read: LogHash[] = [];
  for await (const event of storedLog(eventStore, { after, pageSize: count })) {
    read.push(event);
    if (read.length === count) break;
  }
  return read;
}
