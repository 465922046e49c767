import { TREE_TILE_LEAVES } from '@ledger/event-store';

/**
 * TREE_TILE_LEAVES as a constant of this module: read per node, and an imported binding from
 * @ledger/event-store compiles to a property read through its chain of re-export getters (0.4 %
 * of an export's profile for this one name); a `const` imported from a module without re-exports
 * is one read.
 */
export const BLOCK_LEAVES: number = TREE_TILE_LEAVES;
/** A block of 256 leaves is a node of height 8, its tile's root. */
export const TILE_HEIGHT = Math.log2(BLOCK_LEAVES);
/** A node's bytes in a tile (a SHA-256 digest). */
export const TILE_NODE_BYTES = 32;

/**
 * Where a node lives in its block's tile (TreeTile: level by level, leaves first): the node of
 * `height` over the leaves from `offset` (its first leaf's place in the block, a multiple of
 * 2^height). Level `height` starts after the 512 − (512 >> height) nodes of the levels below.
 */
export function tileNodeIndex(offset: number, height: number): number {
  return 2 * BLOCK_LEAVES - ((2 * BLOCK_LEAVES) >> height) + offset / 2 ** height;
}
