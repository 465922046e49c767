import {
  digestBytes,
  digestHex,
  eventLeafDigest,
  leafDigest,
  nodeDigest,
  splitPoint,
  type TreeDigest,
} from '../merkle-tree';

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
 * Kept hashes are held as hex, converted once per node: a bundle writes every proof in hex, and
 * neighbouring leaves share most of their path (a 100,000-leaf export spent more time turning
 * the same upper nodes into hex, proof after proof, than hashing them).
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
  /** Hex hash of each kept node, by nodeKey. */
  private readonly kept = new Map<number, string>();
  /** A proof's node keys, outermost first (reused: proofs are asked one after the other). */
  private readonly pathKeys: number[] = [];
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
      if (holdsWanted) this.kept.set(nodeKey(parentStart, split), digestHex(left));
      if (leftHoldsWanted) this.kept.set(nodeKey(start, end), digestHex(hash));
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
      path[index] = this.keptHex(this.pathKeys[count - 1 - index] as number, leaf);
    return path;
  }

  /**
   * The same proof as the JSON array a bundle's proof line holds (`["<hex>",…]`, what
   * JSON.stringify of proofHex gives: hex needs no escaping), concatenated straight from the
   * kept hex with no array or range object per proof (an export writes one per exported event).
   */
  proofPathJson(leaf: number): string {
    let json = '[';
    for (let index = this.walkProof(leaf) - 1; index >= 0; index -= 1) {
      json += `"${this.keptHex(this.pathKeys[index] as number, leaf)}"`;
      if (index > 0) json += ',';
    }
    return `${json}]`;
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

  private keptHex(key: number, leaf: number): string {
    const hash = this.kept.get(key);
    if (hash === undefined) throw new Error(`leaf ${leaf} was not among the wanted leaves`);
    return hash;
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
