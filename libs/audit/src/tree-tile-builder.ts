import { TREE_TILE_BYTES, TREE_TILE_LEAVES, type TreeTile } from '@ledger/event-store';
import { nodeDigest, type TreeDigest } from './merkle-tree';

const DIGEST_BYTES = 32;

/**
 * Makes the tree tiles (TreeTile) of a log as its leaf hashes arrive in order: collects the leaf
 * digests of the current aligned block of 256 and, at its 256th, hashes the block's 255 inner
 * nodes (one more hash per leaf than the frontier's) into a tile held until `take`. Leaves before
 * the first block boundary at or after `firstLeaf` are skipped: a follower that resumes mid-block
 * has not seen the block's first leaves, so that block gets no tile (an export hashes it).
 * Memory: the current block's digests and the tiles not yet taken (16 KiB each).
 */
export class TreeTileBuilder {
  private nextLeaf: number;
  private readonly leaves: TreeDigest[] = [];
  private completed: TreeTile[] = [];

  /** `firstLeaf`: the index of the next leaf `append` will be given. */
  constructor(firstLeaf: number) {
    this.nextLeaf = firstLeaf;
  }

  /** The next leaf's digest (leaf index = firstLeaf + leaves appended so far). */
  append(leaf: TreeDigest): void {
    const index = this.nextLeaf;
    this.nextLeaf += 1;
    // Mid-block start: nothing is collected until the next block begins.
    if (this.leaves.length === 0 && index % TREE_TILE_LEAVES !== 0) return;
    this.leaves.push(leaf);
    if (this.leaves.length === TREE_TILE_LEAVES) {
      this.completed.push({
        block: (index + 1) / TREE_TILE_LEAVES - 1,
        nodes: tileOf(this.leaves),
      });
      this.leaves.length = 0;
    }
  }

  /** The tiles completed so far, oldest first (a copy), without taking them. */
  get pending(): readonly TreeTile[] {
    return this.completed.slice();
  }

  /** Forgets the first `count` pending tiles (once they are stored). */
  drop(count: number): void {
    this.completed = this.completed.slice(count);
  }
}

/** The 511 nodes over 256 leaf digests, level by level, as a tile's bytes. */
function tileOf(leaves: readonly TreeDigest[]): Buffer {
  const nodes = Buffer.allocUnsafe(TREE_TILE_BYTES);
  let level: TreeDigest[] = [...leaves];
  let at = 0;
  for (;;) {
    for (const digest of level) at += nodes.write(digest, at, DIGEST_BYTES, 'latin1');
    if (level.length === 1) return nodes;
    const parents: TreeDigest[] = [];
    for (let index = 0; index < level.length; index += 2)
      parents.push(nodeDigest(level[index] as TreeDigest, level[index + 1] as TreeDigest));
    level = parents;
  }
}
