import {
  digestBytes,
  digestHex,
  eventLeafDigest,
  leafDigest,
  nodeDigest,
  splitPoint,
  writeDigestHex,
  type TreeDigest,
} from '../merkle-tree';

/** Bytes of one element of a path's JSON: `,"`, 64 hex digits, `"` (the first's `,` is its `[`). */
const PATH_ELEMENT_BYTES = 67;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const EMPTY_PATH_JSON = Buffer.from('[]', 'latin1');

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
  /** Hash of each kept node, by nodeKey. */
  private readonly kept = new Map<number, TreeDigest>();
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

  constructor(private readonly size: number) {
    if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`bad tree size ${size}`);
    this.descend(0, size);
  }

  /** Feeds the next leaf's data (an event's hash bytes); `wanted` when its proof will be asked. */
  append(data: Uint8Array, wanted = false): void {
    this.appendLeafDigest(leafDigest(data), wanted);
  }

  /** The same, the leaf's data given as an event's stored hash (hex): see eventLeafHash. */
  appendEventHash(hex: string, wanted = false): void {
    this.appendLeafDigest(eventLeafDigest(hex), wanted);
  }

  private appendLeafDigest(leaf: TreeDigest, wanted: boolean): void {
    if (this.nextLeaf >= this.size) throw new Error(`the tree has only ${this.size} leaves`);
    let start = this.nextLeaf;
    let end = start + 1;
    let hash = leaf;
    let holdsWanted = wanted;
    this.nextLeaf += 1;
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
      const digest = this.keptDigest(key, leaf);
      const at = end - PATH_ELEMENT_BYTES * (depth + 1);
      json[at] = COMMA;
      json[at + 1] = QUOTE;
      json[writeDigestHex(digest, json, at + 2)] = QUOTE;
      this.writtenKeys[depth] = key;
    }
    this.writtenCount = count;
    json[start] = OPEN_BRACKET;
    return offset + json.copy(target, offset, start, end + 1);
  }

  /** Hashes held for the proofs (for the memory statement of the bench). */
  get keptHashes(): number {
    return this.kept.size;
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

  private keptDigest(key: number, leaf: number): TreeDigest {
    const hash = this.kept.get(key);
    if (hash === undefined) throw new Error(`leaf ${leaf} was not among the wanted leaves`);
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

/**
 * A node of the tree as one number: its first leaf and its height (⌈log2 leaves⌉). Unique: the
 * nodes that start at the same leaf are a left spine, each child of a different height than its
 * parent. Exact up to 2^47 leaves; no string built per node or per proof element.
 */
function nodeKey(start: number, end: number): number {
  return start * 64 + (32 - Math.clz32(end - start - 1));
}
