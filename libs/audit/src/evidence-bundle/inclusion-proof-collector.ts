import { TREE_TILE_BYTES, type TreeTile } from '@ledger/event-store';
import {
  digestBytes,
  digestHex,
  eventLeafDigest,
  leafDigest,
  nodeDigest,
  splitPoint,
  writeBytesHex,
  writeDigestHex,
  type TreeDigest,
} from '../merkle-tree';
import { BLOCK_LEAVES, TILE_HEIGHT, TILE_NODE_BYTES, tileNodeIndex } from '../tree-tile-layout';

/** Bytes of one element of a path's JSON: `,"`, 64 hex digits, `"` (the first's `,` is its `[`). */
const PATH_ELEMENT_BYTES = 67;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const EMPTY_PATH_JSON = Buffer.from('[]', 'latin1');
/** Nodes of a tile: 511. */
const TILE_NODES = 2 * BLOCK_LEAVES - 1;
/**
 * About what one kept hash costs in the kept Map (the 32-character string, its header, the Map's
 * entry): a tile with at least TREE_TILE_BYTES / KEPT_HASH_BYTES kept nodes is held whole instead
 * (KeptTile), so holding tiles never takes more memory than the Map would.
 */
const KEPT_HASH_BYTES = 80;

/** A tile held whole for the proofs: its nodes, and which hold a wanted leaf (per node, 0/1). */
interface KeptTile {
  readonly nodes: Buffer;
  readonly holds: Uint8Array;
}

/**
 * The inclusion proofs of MANY leaves in one tree of `size` leaves, from ONE pass over all the
 * leaves in order (O(size) hashes in all, not O(size) per proof). It walks the tree of RFC 9162
 * §2.1.1 depth-first as leaves arrive, holding only the open nodes of the current path
 * (O(log size)), and keeps the hash of every node whose sibling holds a wanted leaf: exactly the
 * nodes the wanted leaves' proofs are made of.
 *
 * Which leaves are wanted is said leaf by leaf, as they arrive (the one-pass export decides it
 * while it reads): a node's hash is kept when its sibling is finished too, since both siblings
 * are on the open path until their parent is hashed, and by then it is known whether either one
 * holds a wanted leaf. Memory: the wanted leaf indexes plus those kept hashes (at most
 * wanted × ⌈log2 size⌉, far fewer when wanted leaves are near each other, since neighbours share
 * their upper siblings).
 *
 * Kept hashes are held as TreeDigests and written as hex straight into the bytes of a proof line
 * (writeProofPathJson), where neighbouring leaves' proofs share most of their path: the shared
 * outer part is copied from the path written before, only the inner nodes that differ are
 * written anew (a 100,000-leaf export spent more time turning the same upper nodes into hex,
 * proof after proof, than hashing them; then building and encoding the proofs' strings).
 *
 * The open path is a stack of parallel arrays indexed by depth, not an object per node: the
 * tree has one interior node per leaf, and each was an object made and dropped per event.
 *
 * Tree tiles (useTiles) spare the hashing of whole blocks of 256 leaves: a block with a tile
 * takes its leaves' wanted flags only, hashes just its WANTED leaves (to check each against the
 * tile's leaf: the exported events must be the ones the tree commits to; a mismatch is
 * `mismatchedLeaf`), keeps the tile's nodes the wanted leaves' proofs are made of (the rule
 * above, over the tile's levels) and goes into the open path as one finished node of height 8,
 * the tile's root. The tile's inner nodes are not re-hashed (that is the saving: the tree's
 * hashing was ~24 % of an export): a wrong root fails the root check against the signed
 * checkpoint, a wrong inner node or leaf entry goes into a proof that fails offline verification
 * against the signed root. Blocks without a tile, and a last partial block, go leaf by leaf.
 */
export class InclusionProofCollector {
  /** The open nodes, root first: their ranges [start, end) split at `split`, depth `depth`. */
  private readonly starts: number[] = [];
  private readonly splits: number[] = [];
  private readonly ends: number[] = [];
  /** Each open node's finished left child ('' until it is), and whether it holds a wanted leaf. */
  private readonly lefts: TreeDigest[] = [];
  private readonly leftsHoldWanted: boolean[] = [];
  private depth = 0;
  /** Hash of each kept node, by nodeKey; the nodes inside tiles held whole are in keptTiles. */
  private readonly kept = new Map<number, TreeDigest>();
  private readonly keptTiles = new Map<number, KeptTile>();
  private keptInTiles = 0;
  /** A proof's node keys, outermost first (reused: proofs are asked one after the other). */
  private readonly pathKeys: number[] = [];
  /**
   * The JSON of the last path writeProofPathJson wrote, right-aligned: its closing `]` is the
   * last byte, the element of depth d (0 = outermost) the PATH_ELEMENT_BYTES before the element
   * of depth d - 1, so a path that shares its outer nodes with the last one shares these bytes.
   * writtenKeys[d] is the node whose hex is at depth d, for the writtenCount outermost depths.
   */
  private pathJson: Buffer | undefined;
  private readonly writtenKeys: number[] = [];
  private writtenCount = 0;
  private nextLeaf = 0;
  private rootHash: TreeDigest | undefined;
  /** Tiles given and not yet reached, by block; the tile of the block being read, if any. */
  private readonly tiles = new Map<number, Buffer>();
  private tile: Buffer | undefined;
  private readonly tileWanted = new Uint8Array(BLOCK_LEAVES);
  private tileHoldsWanted = false;
  /** The nodes of the held tile keptTileNode last found a node in. */
  private keptTile: Buffer | undefined;
  private firstMismatchedLeaf: number | undefined;

  constructor(private readonly size: number) {
    if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`bad tree size ${size}`);
    this.descend(0, size);
  }

  /**
   * Tiles of blocks not reached yet (a tile whose block is not whole within the tree, or of the
   * wrong length, is left out: its block goes leaf by leaf).
   */
  useTiles(tiles: readonly TreeTile[]): void {
    for (const { block, nodes } of tiles)
      if (
        nodes.length === TREE_TILE_BYTES &&
        block * BLOCK_LEAVES >= this.nextLeaf &&
        (block + 1) * BLOCK_LEAVES <= this.size
      )
        this.tiles.set(block, nodes);
  }

  /** The first wanted leaf whose hash is not the leaf its block's tile holds, if any. */
  get mismatchedLeaf(): number | undefined {
    return this.firstMismatchedLeaf;
  }

  /** Feeds the next leaf's data (an event's hash bytes); `wanted` when its proof will be asked. */
  append(data: Uint8Array, wanted = false): void {
    if (this.inTile()) this.appendTiledLeaf(wanted ? leafDigest(data) : undefined);
    else this.appendLeafDigest(leafDigest(data), wanted);
  }

  /** The same, the leaf's data given as an event's stored hash (hex): see eventLeafHash. */
  appendEventHash(hex: string, wanted = false): void {
    if (this.inTile()) this.appendTiledLeaf(wanted ? eventLeafDigest(hex) : undefined);
    else this.appendLeafDigest(eventLeafDigest(hex), wanted);
  }

  /** Whether the next leaf is in a block read from its tile (opening it at its first leaf). */
  private inTile(): boolean {
    if (this.tile) return true;
    if (this.nextLeaf % BLOCK_LEAVES !== 0 || this.tiles.size === 0) return false;
    const block = this.nextLeaf / BLOCK_LEAVES;
    this.tile = this.tiles.get(block);
    if (!this.tile) return false;
    this.tiles.delete(block);
    this.tileWanted.fill(0);
    this.tileHoldsWanted = false;
    return true;
  }

  /** A leaf of a tiled block: `leaf` is its digest when wanted, undefined when not. */
  private appendTiledLeaf(leaf: TreeDigest | undefined): void {
    const tile = this.tile as Buffer;
    const index = this.nextLeaf % BLOCK_LEAVES;
    if (leaf !== undefined) {
      this.tileWanted[index] = 1;
      this.tileHoldsWanted = true;
      const at = index * TILE_NODE_BYTES;
      for (let byte = 0; byte < TILE_NODE_BYTES; byte += 1)
        if (leaf.charCodeAt(byte) !== tile[at + byte]) {
          this.firstMismatchedLeaf ??= this.nextLeaf;
          break;
        }
    }
    this.nextLeaf += 1;
    if (index === BLOCK_LEAVES - 1) this.finishTile(tile);
  }

  /**
   * The block's 256 leaves are in: keeps its nodes that are siblings of nodes holding a wanted
   * leaf (bottom-up over the tile's levels), then closes the open nodes below the block's and
   * appends the block's root as one finished node. When most of the tile is kept (an export of
   * many neighbouring events), the tile is held whole instead of as one string and Map entry per
   * kept node: the proofs read its bytes (the entries and strings were ~6 % of an export's CPU
   * at 100,000 events, half of them exported).
   */
  private finishTile(tile: Buffer): void {
    this.tile = undefined;
    const first = this.nextLeaf - BLOCK_LEAVES;
    if (this.tileHoldsWanted) {
      const holds = new Uint8Array(TILE_NODES);
      holds.set(this.tileWanted);
      let keptNodes = 0;
      for (let offset = 0, count = BLOCK_LEAVES; count > 1; offset += count, count >>= 1)
        for (let index = 0; index < count; index += 2) {
          const left = holds[offset + index] as number;
          const right = holds[offset + index + 1] as number;
          keptNodes += left + right;
          holds[offset + count + (index >> 1)] = left | right;
        }
      if (keptNodes * KEPT_HASH_BYTES >= TREE_TILE_BYTES) {
        this.keptTiles.set(first / BLOCK_LEAVES, { nodes: tile, holds });
        this.keptInTiles += keptNodes;
      } else this.keepTileNodes(tile, holds, first);
    }
    // The open path descended to the block's first leaf: the block's node and the 7 below it.
    const blockDepth = this.depth - TILE_HEIGHT;
    if (this.starts[blockDepth] !== first || this.ends[blockDepth] !== this.nextLeaf)
      throw new Error(`block at leaf ${first} is not a node of a tree of ${this.size} leaves`);
    this.depth = blockDepth;
    const root = tileNode(tile, 2 * BLOCK_LEAVES - 2);
    this.appendNode(first, this.nextLeaf, root, this.tileHoldsWanted);
  }

  /** Puts the nodes of a tile whose sibling holds a wanted leaf into the kept Map. */
  private keepTileNodes(tile: Buffer, holds: Uint8Array, first: number): void {
    for (let height = 0, offset = 0; height < TILE_HEIGHT; height += 1) {
      const count = BLOCK_LEAVES >> height;
      for (let index = 0; index < count; index += 1)
        if (holds[offset + (index ^ 1)])
          this.kept.set(
            (first + index * 2 ** height) * 64 + height,
            tileNode(tile, offset + index),
          );
      offset += count;
    }
  }

  private appendLeafDigest(leaf: TreeDigest, wanted: boolean): void {
    if (this.nextLeaf >= this.size) throw new Error(`the tree has only ${this.size} leaves`);
    this.nextLeaf += 1;
    this.appendNode(this.nextLeaf - 1, this.nextLeaf, leaf, wanted);
  }

  /**
   * A finished node [first, end) whose hash is `digest` (a leaf, or a tile's block), its leaves
   * the last ones appended: hashes it with each finished left sibling up the open path until it
   * is a left child itself (then opens its right sibling) or the root.
   */
  private appendNode(first: number, last: number, digest: TreeDigest, wanted: boolean): void {
    let start = first;
    let end = last;
    let hash = digest;
    let holdsWanted = wanted;
    for (;;) {
      if (this.depth === 0) {
        this.rootHash = hash;
        return;
      }
      const parent = this.depth - 1;
      const split = this.splits[parent] as number;
      if (end === split) {
        this.lefts[parent] = hash;
        this.leftsHoldWanted[parent] = holdsWanted;
        this.descend(split, this.ends[parent] as number);
        return;
      }
      const parentStart = this.starts[parent] as number;
      const left = this.lefts[parent] as TreeDigest;
      const leftHoldsWanted = this.leftsHoldWanted[parent] as boolean;
      // Each finished sibling is part of the proofs of the wanted leaves under the other one.
      if (holdsWanted) this.kept.set(nodeKey(parentStart, split), left);
      if (leftHoldsWanted) this.kept.set(nodeKey(start, end), hash);
      this.depth -= 1;
      hash = nodeDigest(left, hash);
      holdsWanted ||= leftHoldsWanted;
      start = parentStart;
      end = this.ends[parent] as number;
    }
  }

  /** The tree's root, once every leaf was appended. */
  root(): Buffer {
    return digestBytes(this.finishedRoot());
  }

  /** The inclusion proof of a wanted leaf (innermost sibling first), once the tree is done. */
  proof(leaf: number): Buffer[] {
    return this.proofHex(leaf).map((hex) => Buffer.from(hex, 'hex'));
  }

  /** The same proof as lower-case hex strings, as a bundle's proof line writes them. */
  proofHex(leaf: number): string[] {
    const count = this.walkProof(leaf);
    const path = new Array<string>(count);
    for (let index = 0; index < count; index += 1)
      path[index] = digestHex(this.keptDigest(this.pathKeys[count - 1 - index] as number, leaf));
    return path;
  }

  /** The most bytes writeProofPathJson writes for a leaf of this tree. */
  get maxProofPathJsonBytes(): number {
    return Math.max(this.pathJsonBuffer().length, EMPTY_PATH_JSON.length);
  }

  /**
   * Writes the same proof as the JSON array a bundle's proof line holds (`["<hex>",…]`, the
   * bytes of JSON.stringify(proofHex(leaf)): hex needs no escaping) into `target` at `offset`,
   * and answers the offset after it. No string per proof: the export writes one per exported
   * event, ~1.1 KB each at 100,000 leaves, and building them as strings, then flattening and
   * encoding them, was most of the time its proofs took. Consecutive wanted leaves share their
   * outer nodes, whose hex is left in place from the path written before: only the inner nodes
   * that differ are written again (a few per proof, of ~17 at 100,000 leaves).
   */
  writeProofPathJson(leaf: number, target: Buffer, offset: number): number {
    const count = this.walkProof(leaf);
    const json = this.pathJsonBuffer();
    const end = json.length - 1;
    const start = end - PATH_ELEMENT_BYTES * count;
    const bytes = count === 0 ? EMPTY_PATH_JSON.length : json.length - start;
    if (target.length - offset < bytes)
      throw new RangeError(`${bytes} bytes do not fit at ${offset} of ${target.length}`);
    // A tree of one leaf: its proof is empty (and pathJson has no element to put `[` on).
    if (count === 0) return offset + EMPTY_PATH_JSON.copy(target, offset);
    // Until this path is written, the bytes in place hold no whole path (an unwanted leaf throws).
    const written = this.writtenCount;
    this.writtenCount = 0;
    let depth = 0;
    while (depth < count && depth < written && this.pathKeys[depth] === this.writtenKeys[depth])
      depth += 1;
    for (; depth < count; depth += 1) {
      const key = this.pathKeys[depth] as number;
      const at = end - PATH_ELEMENT_BYTES * (depth + 1);
      json[at] = COMMA;
      json[at + 1] = QUOTE;
      const node = this.keptTileNode(key, leaf);
      json[
        node === undefined
          ? writeDigestHex(this.keptDigest(key, leaf), json, at + 2)
          : writeBytesHex(this.keptTile as Buffer, node * TILE_NODE_BYTES, json, at + 2)
      ] = QUOTE;
      this.writtenKeys[depth] = key;
    }
    this.writtenCount = count;
    json[start] = OPEN_BRACKET;
    return offset + json.copy(target, offset, start, end + 1);
  }

  /** Hashes held for the proofs (for the memory statement of the bench). */
  get keptHashes(): number {
    return this.kept.size + this.keptInTiles;
  }

  private finishedRoot(): TreeDigest {
    if (this.rootHash === undefined)
      throw new Error(`${this.nextLeaf} of ${this.size} leaves appended`);
    return this.rootHash;
  }

  /**
   * Puts the node keys of leaf's inclusion proof in pathKeys, OUTERMOST first (the ranges of
   * inclusionProofRanges, RFC 9162 §2.1.3.1, walked from the root), and answers their count.
   */
  private walkProof(leaf: number): number {
    this.finishedRoot();
    if (!Number.isSafeInteger(leaf) || leaf < 0 || leaf >= this.size)
      throw new RangeError(`leaf ${leaf} is not in a tree of ${this.size} leaves`);
    let count = 0;
    let start = 0;
    let end = this.size;
    while (end - start > 1) {
      const k = splitPoint(end - start);
      if (leaf < start + k) {
        this.pathKeys[count] = nodeKey(start + k, end);
        end = start + k;
      } else {
        this.pathKeys[count] = nodeKey(start, start + k);
        start += k;
      }
      count += 1;
    }
    return count;
  }

  /**
   * When node `key` is in a tile held whole: its index in the tile (and the tile in keptTile);
   * undefined when it is in the kept Map (or nowhere). Throws when it is in a held tile but its
   * sibling holds no wanted leaf, as keptDigest does for a node that was not kept.
   */
  private keptTileNode(key: number, leaf: number): number | undefined {
    const height = key % 64;
    if (height >= TILE_HEIGHT || this.keptTiles.size === 0) return undefined;
    const start = (key - height) / 64;
    const block = Math.floor(start / BLOCK_LEAVES);
    const tile = this.keptTiles.get(block);
    if (tile === undefined) return undefined;
    const node = tileNodeIndex(start - block * BLOCK_LEAVES, height);
    // Siblings are an even index and the next one: level offsets are even.
    if (!tile.holds[node ^ 1]) throw notWanted(leaf);
    this.keptTile = tile.nodes;
    return node;
  }

  private keptDigest(key: number, leaf: number): TreeDigest {
    const node = this.keptTileNode(key, leaf);
    if (node !== undefined) return tileNode(this.keptTile as Buffer, node);
    const hash = this.kept.get(key);
    if (hash === undefined) throw notWanted(leaf);
    return hash;
  }

  /** pathJson, made on first use: room for the deepest path of this tree, and its `]`. */
  private pathJsonBuffer(): Buffer {
    if (this.pathJson) return this.pathJson;
    let depth = 0;
    for (let leaves = 1; leaves < this.size; leaves *= 2) depth += 1;
    const json = Buffer.alloc(PATH_ELEMENT_BYTES * depth + 1);
    json[json.length - 1] = CLOSE_BRACKET;
    this.pathJson = json;
    return json;
  }

  /** Opens the nodes from [start, end) down to its leftmost leaf. */
  private descend(start: number, end: number): void {
    const from = start;
    let to = end;
    while (to - from > 1) {
      const split = from + splitPoint(to - from);
      this.starts[this.depth] = from;
      this.splits[this.depth] = split;
      this.ends[this.depth] = to;
      this.lefts[this.depth] = '';
      this.leftsHoldWanted[this.depth] = false;
      this.depth += 1;
      to = split;
    }
  }
}

function notWanted(leaf: number): Error {
  return new Error(`leaf ${leaf} was not among the wanted leaves`);
}

/** Node `node` (0 = the first leaf, 510 = the root) of a tile, as a TreeDigest. */
function tileNode(tile: Buffer, node: number): TreeDigest {
  return tile.toString('latin1', node * TILE_NODE_BYTES, (node + 1) * TILE_NODE_BYTES);
}

/**
 * A node of the tree as one number: its first leaf and its height (⌈log2 leaves⌉). Unique: the
 * nodes that start at the same leaf are a left spine, each child of a different height than its
 * parent. Exact up to 2^47 leaves; no string built per node or per proof element.
 */
function nodeKey(start: number, end: number): number {
  return start * 64 + (32 - Math.clz32(end - start - 1));
}
