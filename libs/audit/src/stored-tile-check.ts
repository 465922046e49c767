import type { TreeTileReader } from '@ledger/event-store';
import type { TreeDigest, TreeNodeObserver } from './merkle-tree';
import { BLOCK_LEAVES, TILE_HEIGHT, TILE_NODE_BYTES, tileNodeIndex } from './tree-tile-layout';
import type { VerificationProblem } from './verification-problem';

/**
 * Checks the tree tiles a checkpoint store keeps (tree_tiles on SQLite) against the tree the log
 * verification builds anyway. Tiles are a derived cache the export trusts (an altered one makes
 * an export stop, or a bundle whose proofs fail offline, never one that verifies falsely:
 * docs/EVIDENCE-BUNDLE.md), so a wrong one is reported here, where the log is proved whole, with
 * its block and positions; deleting its row is the remedy (the checkpointer's next start makes it
 * again: backfillTreeTiles). A tile stored for a block the log does
 * not complete is reported too (`finish`).
 *
 * As an observer of the verification's frontier it compares each node of height 8 or less, as
 * the frontier makes it, with the stored tile's node at its place: no tile is built, no hash of
 * its own. `load` reads, before each page of events, the stored tiles of the blocks the page
 * reaches (memory: those tiles, 16 KiB each, as text).
 */
export class StoredTileCheck implements TreeNodeObserver {
  private nextLeaf = 0;
  /** Stored tiles of the blocks in reach, as latin1 text: the form of a TreeDigest. */
  private stored = new Map<number, string>();
  private readonly differing = new Set<number>();
  /** The block whose root the last leaf made, until `reportCompleted` takes it. */
  private completedBlock: number | undefined;

  constructor(private readonly reader: TreeTileReader) {}

  /** Before a page of `leaves` leaves: the stored tiles of the blocks they reach. */
  async load(leaves: number): Promise<void> {
    if (leaves === 0) return;
    const from = Math.floor(this.nextLeaf / BLOCK_LEAVES);
    const to = Math.floor((this.nextLeaf + leaves - 1) / BLOCK_LEAVES) + 1;
    const tiles = await this.reader.readTreeTiles(from, to);
    this.stored = new Map(tiles.map((tile) => [tile.block, tile.nodes.toString('latin1')]));
  }

  node(digest: TreeDigest, height: number): void {
    if (height === 0) this.nextLeaf += 1;
    if (height > TILE_HEIGHT) return;
    const start = this.nextLeaf - 2 ** height;
    const block = Math.floor(start / BLOCK_LEAVES);
    const tile = this.stored.get(block);
    if (tile !== undefined) {
      const at = tileNodeIndex(start - block * BLOCK_LEAVES, height) * TILE_NODE_BYTES;
      if (!tile.startsWith(digest, at)) this.differing.add(block);
    }
    if (height === TILE_HEIGHT) this.completedBlock = block;
  }

  /** Whether the last leaf completed a block. */
  get hasCompletedBlock(): boolean {
    return this.completedBlock !== undefined;
  }

  /** The block the last leaf completed, reported if its stored tile differs from the tree. */
  reportCompleted(
    positions: { readonly first: number; readonly last: number },
    problems: VerificationProblem[],
  ): void {
    const block = this.completedBlock as number;
    this.completedBlock = undefined;
    if (!this.differing.delete(block)) return;
    problems.push({
      kind: 'tree-tile-mismatch',
      position: positions.first,
      toPosition: positions.last,
      detail:
        `the stored tree tile of block ${block} (leaves ${block * BLOCK_LEAVES}..` +
        `${(block + 1) * BLOCK_LEAVES - 1}) is not the tree of those events: the tree_tiles ` +
        'table was altered (the events and checkpoints are not concerned, but exports read it); ' +
        "delete its row: exports hash the block until the checkpointer's next start makes it again",
    });
  }

  /** After the last leaf: stored tiles of blocks the log does not complete. */
  async finish(leaves: number, problems: VerificationProblem[]): Promise<void> {
    const firstIncomplete = Math.floor(leaves / BLOCK_LEAVES);
    for (const tile of await this.reader.readTreeTiles(firstIncomplete, Number.MAX_SAFE_INTEGER))
      problems.push({
        kind: 'tree-tile-mismatch',
        detail:
          `a tree tile is stored for block ${tile.block} (leaves ${tile.block * BLOCK_LEAVES}..` +
          `${(tile.block + 1) * BLOCK_LEAVES - 1}), which the log's ${leaves} events do not ` +
          'complete: the tree_tiles table was altered or events were removed; delete its row',
      });
  }
}
