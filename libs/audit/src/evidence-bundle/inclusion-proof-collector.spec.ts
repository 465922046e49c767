import { TREE_TILE_LEAVES, type TreeTile } from '@ledger/event-store';
import { inclusionProof, leafDigest, MerkleFrontier } from '../merkle-tree';
import { TreeTileBuilder } from '../tree-tile-builder';
import { InclusionProofCollector } from './inclusion-proof-collector';

/** The tiles of every complete block of `leaves`, as the checkpointer makes them. */
function tilesOf(leaves: readonly Buffer[]): TreeTile[] {
  const builder = new TreeTileBuilder(0);
  const frontier = new MerkleFrontier();
  for (const leaf of leaves) frontier.appendLeafDigest(leafDigest(leaf), builder);
  return [...builder.pending];
}

/** A collector fed `leaves`, the `wanted` ones as wanted, given `tiles` a page of 1000 at a time. */
function collect(
  leaves: readonly Buffer[],
  wanted: ReadonlySet<number>,
  tiles: readonly TreeTile[],
): InclusionProofCollector {
  const collector = new InclusionProofCollector(leaves.length);
  for (const [index, leaf] of leaves.entries()) {
    if (index % 1000 === 0)
      collector.useTiles(
        tiles.filter((tile) => Math.floor((tile.block * TREE_TILE_LEAVES) / 1000) === index / 1000),
      );
    collector.append(leaf, wanted.has(index));
  }
  return collector;
}

const pathJsonOf = (collector: InclusionProofCollector, leaf: number): string => {
  const target = Buffer.alloc(collector.maxProofPathJsonBytes);
  return target.subarray(0, collector.writeProofPathJson(leaf, target, 0)).toString('latin1');
};

const PATTERNS: Record<string, (leaf: number, size: number) => boolean> = {
  none: () => false,
  all: () => true,
  sparse: (leaf) => leaf % 37 === 5,
  'runs of 10': (leaf) => Math.floor(leaf / 10) % 2 === 0,
  'first and last': (leaf, size) => leaf === 0 || leaf === size - 1,
};

describe('InclusionProofCollector given tree tiles', () => {
  it.each([1, 255, 256, 257, 511, 512, 513, 1000, 4096 + 17])(
    'gives the root and proofs it gives without them, %i leaves, whichever blocks have a tile',
    async (size) => {
      const leaves = Array.from({ length: size }, (_, i) => Buffer.from(`leaf ${i}`));
      const tiles = tilesOf(leaves);
      expect(tiles.map((tile) => tile.block)).toEqual(
        Array.from({ length: Math.floor(size / TREE_TILE_LEAVES) }, (_, block) => block),
      );
      for (const [pattern, isWanted] of Object.entries(PATTERNS)) {
        const wanted = new Set([...leaves.keys()].filter((leaf) => isWanted(leaf, size)));
        const hashed = collect(leaves, wanted, []);
        const root = hashed.root();
        for (const given of [tiles, tiles.filter((tile) => tile.block % 2 === 1)]) {
          const tiled = collect(leaves, wanted, given);
          expect({ pattern, root: tiled.root() }).toEqual({ pattern, root });
          expect(tiled.mismatchedLeaf).toBeUndefined();
          // The same nodes kept: exactly the ones the wanted leaves' proofs are made of.
          expect(tiled.keptHashes).toBe(hashed.keptHashes);
          for (const leaf of wanted) expect(pathJsonOf(tiled, leaf)).toBe(pathJsonOf(hashed, leaf));
          // A leaf not wanted has no proof, whether its block's tile was held whole or not.
          const unwanted = [...leaves.keys()].find((leaf) => !wanted.has(leaf) && size > 1);
          if (unwanted !== undefined)
            expect(() => pathJsonOf(tiled, unwanted)).toThrow('was not among the wanted leaves');
        }
      }
      // …which are the RFC 9162 proofs (spot checks: one pass over the leaves each).
      const all = collect(leaves, new Set(leaves.keys()), tiles);
      for (const leaf of new Set([0, 255, 256, size - 1].filter((l) => l < size)))
        expect(all.proof(leaf)).toEqual(await inclusionProof(leaves, leaf, size));
    },
  );

  it('reports the first wanted leaf that is not the leaf its tile holds, and refuses bad tiles', () => {
    const leaves = Array.from({ length: 600 }, (_, i) => Buffer.from(`leaf ${i}`));
    const tiles = tilesOf(leaves);
    const altered = leaves.map((leaf, index) => (index === 300 ? Buffer.from('other') : leaf));
    // An unwanted leaf of a tiled block is not hashed at all; a wanted one is checked.
    expect(collect(altered, new Set([299]), tiles).mismatchedLeaf).toBeUndefined();
    expect(collect(altered, new Set([299, 300, 301]), tiles).mismatchedLeaf).toBe(300);
    // A tile of the wrong length, or of a block not whole in the tree, is left out: hashed.
    const short = tiles.map((tile) => ({ ...tile, nodes: tile.nodes.subarray(1) }));
    expect(collect(altered, new Set([300]), short).mismatchedLeaf).toBeUndefined();
    const collector = collect(leaves.slice(0, 511), new Set([300]), tiles);
    expect(collector.root()).toEqual(collect(leaves.slice(0, 511), new Set([300]), []).root());
  });
});
