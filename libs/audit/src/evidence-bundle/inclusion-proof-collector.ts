import {
  digestBytes,
  digestHex,
  eventLeafDigest,
  leafDigest,
  nodeDigest,
  splitPoint,
  inclusionProofRanges,
  type TreeDigest,
} from '../merkle-tree';

/** One node of the RFC 9162 tree being built: its range and, once done, its left child. */
interface OpenNode {
  readonly start: number;
  readonly split: number;
  readonly end: number;
  left?: TreeDigest;
  /** Whether the finished left child holds a wanted leaf. */
  leftHoldsWanted?: boolean;
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
 * Kept hashes are held as hex, converted once per node: a bundle writes every proof in hex, and
 * neighbouring leaves share most of their path (a 100,000-leaf export spent more time turning
 * the same upper nodes into hex, proof after proof, than hashing them).
 */
export class InclusionProofCollector {
  private readonly open: OpenNode[] = [];
  /** Hex hash of each kept node, by nodeKey. */
  private readonly kept = new Map<number, string>();
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
      const parent = this.open.at(-1);
      if (!parent) {
        this.rootHash = hash;
        return;
      }
      if (end === parent.split) {
        parent.left = hash;
        parent.leftHoldsWanted = holdsWanted;
        this.descend(parent.split, parent.end);
        return;
      }
      const left = parent.left as TreeDigest;
      // Each finished sibling is part of the proofs of the wanted leaves under the other one.
      if (holdsWanted) this.kept.set(nodeKey(parent.start, parent.split), digestHex(left));
      if (parent.leftHoldsWanted) this.kept.set(nodeKey(start, end), digestHex(hash));
      this.open.pop();
      hash = nodeDigest(left, hash);
      holdsWanted ||= parent.leftHoldsWanted === true;
      start = parent.start;
      end = parent.end;
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
    this.finishedRoot();
    return inclusionProofRanges(leaf, this.size).map((range) => {
      const hash = this.kept.get(nodeKey(range.start, range.end));
      if (hash === undefined) throw new Error(`leaf ${leaf} was not among the wanted leaves`);
      return hash;
    });
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

  /** Opens the nodes from [start, end) down to its leftmost leaf. */
  private descend(start: number, end: number): void {
    const from = start;
    let to = end;
    while (to - from > 1) {
      const split = from + splitPoint(to - from);
      this.open.push({ start: from, split, end: to });
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
