import type { CheckpointStore } from './checkpoint-store.port';

/** Leaves under one tile: an aligned block [TREE_TILE_LEAVES · block, + TREE_TILE_LEAVES). */
export const TREE_TILE_LEAVES = 256;
/** A tile's bytes: its 2 · 256 − 1 = 511 nodes of 32 bytes. */
export const TREE_TILE_BYTES = (2 * TREE_TILE_LEAVES - 1) * 32;

/**
 * Every node of the complete subtree of the log's Merkle tree over one aligned block of 256
 * leaves, level by level: the 256 leaf hashes, then 128 nodes, …, then the block's root (last 32
 * bytes). In an RFC 9162 tree every aligned power-of-two range that ends at or before its size
 * is a node, so a complete block's nodes are the same in every tree that holds it.
 *
 * A DERIVED CACHE, not evidence: written by the checkpointer beside its checkpoints so an export
 * does not re-hash the whole tree. Nothing trusts a tile for a claim that a bundle's verifier
 * does not check against the signed root (docs/EVIDENCE-BUNDLE.md, "How the export reads").
 */
export interface TreeTile {
  readonly block: number;
  /** TREE_TILE_BYTES bytes. */
  readonly nodes: Buffer;
}

/**
 * An optional capability of a checkpoint store (SQLite keeps tiles in the log's file; KurrentDB's
 * store does not): the tiles of blocks [fromBlock, toBlock) it holds, by increasing block.
 */
export interface TreeTileReader {
  readTreeTiles(fromBlock: number, toBlock: number): Promise<TreeTile[]>;
}

/** The store's TreeTileReader, or undefined when it keeps no tiles. */
export function treeTileReader(store: CheckpointStore): TreeTileReader | undefined {
  return keepsTreeTiles(store) ? store : undefined;
}

function keepsTreeTiles(store: CheckpointStore): store is CheckpointStore & TreeTileReader {
  return typeof (store as Partial<TreeTileReader>).readTreeTiles === 'function';
}

/**
 * The other optional capability of a store that keeps tiles: what filling in missing tiles needs
 * (a log checkpointed before tiles existed, the block a restarted checkpointer resumed in, rows
 * an operator deleted).
 */
export interface TreeTileWriter {
  /** The blocks in [fromBlock, toBlock) that have a tile, increasing (no tile bytes read). */
  treeTileBlocks(fromBlock: number, toBlock: number): Promise<number[]>;
  /** Keeps tiles made outside a checkpoint; a block already kept is left as it is. */
  storeTreeTiles(tiles: readonly TreeTile[]): Promise<void>;
}

/** The store's TreeTileWriter, or undefined when it keeps no tiles. */
export function treeTileWriter(store: CheckpointStore): TreeTileWriter | undefined {
  const writer = store as Partial<TreeTileWriter>;
  return typeof writer.treeTileBlocks === 'function' && typeof writer.storeTreeTiles === 'function'
    ? (store as CheckpointStore & TreeTileWriter)
    : undefined;
}
