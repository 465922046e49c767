import { TREE_TILE_BYTES, TREE_TILE_LEAVES } from '@ledger/event-store';
import { leafDigest, MerkleFrontier } from './merkle-tree';
import { TreeTileBuilder } from './tree-tile-builder';

const leaves = Array.from({ length: 3 * TREE_TILE_LEAVES + 10 }, (_, i) =>
  Buffer.from(`leaf ${i}`),
);

/** MTH of leaves [start, end). */
function rangeRoot(start: number, end: number): Buffer {
  const frontier = new MerkleFrontier();
  for (const leaf of leaves.slice(start, end)) frontier.append(leaf);
  return frontier.root();
}

describe('TreeTileBuilder', () => {
  it("makes a tile per complete block from the frontier's nodes: its 511 nodes level by level, each the MTH of its range", () => {
    const builder = new TreeTileBuilder(0);
    const frontier = new MerkleFrontier();
    for (const leaf of leaves) frontier.appendLeafDigest(leafDigest(leaf), builder);
    const tiles = builder.pending;
    expect(tiles.map((tile) => tile.block)).toEqual([0, 1, 2]);
    const tile = tiles[1];
    expect(tile?.nodes).toHaveLength(TREE_TILE_BYTES);
    let node = 0;
    for (let width = 1; width <= TREE_TILE_LEAVES; width *= 2)
      for (let start = TREE_TILE_LEAVES; start < 2 * TREE_TILE_LEAVES; start += width, node += 1)
        expect(tile?.nodes.subarray(node * 32, node * 32 + 32)).toEqual(
          rangeRoot(start, start + width),
        );
    builder.drop(2);
    expect(builder.pending.map((pending) => pending.block)).toEqual([2]);
  });

  it('started mid-block (a resumed checkpointer), starts its tiles at the next block', () => {
    const frontier = new MerkleFrontier();
    for (const leaf of leaves.slice(0, 100)) frontier.append(leaf);
    const builder = new TreeTileBuilder(100);
    for (const leaf of leaves.slice(100)) frontier.appendLeafDigest(leafDigest(leaf), builder);
    const tiles = builder.pending;
    expect(tiles.map((tile) => tile.block)).toEqual([1, 2]);
    expect(tiles[0]?.nodes.subarray(-32)).toEqual(
      rangeRoot(TREE_TILE_LEAVES, 2 * TREE_TILE_LEAVES),
    );
  });
});
