import { leafHash, nodeHash, splitPoint, inclusionProofRanges } from '../merkle-tree';

/** One node of the RFC 9162 tree being built: its range and, once done, its left child's hash. */
interface OpenNode {
  readonly start: number;
  readonly split: number;
  readonly end: number;
  left?: Buffer;
}

/**
 * The inclusion proofs of MANY leaves in one tree of `size` leaves, from ONE pass over all the
 * leaves in order (O(size) hashes in all, not O(size) per proof). It walks the tree of RFC 9162
 * §2.1.1 depth-first as leaves arrive, holding only the open nodes of the current path
 * (O(log size)), and keeps the hash of every node whose sibling holds a wanted leaf: exactly the
 * nodes the wanted leaves' proofs are made of. Memory: the wanted leaf indexes plus those kept
 * hashes (at most wanted × ⌈log2 size⌉, far fewer when wanted leaves are near each other, since
 * neighbours share their upper siblings).
 */
export class InclusionProofCollector {
  private readonly open: OpenNode[] = [];
  private readonly kept = new Map<string, Buffer>();
  private nextLeaf = 0;
  private rootHash: Buffer | undefined;

  /** `wanted`: the leaf indexes to prove, strictly increasing, each < size. */
  constructor(
    private readonly size: number,
    private readonly wanted: readonly number[],
  ) {
    if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`bad tree size ${size}`);
    this.descend(0, size);
  }

  /** Feeds the next leaf's data (an event's hash bytes). */
  append(data: Uint8Array): void {
    if (this.nextLeaf >= this.size) throw new Error(`the tree has only ${this.size} leaves`);
    let start = this.nextLeaf;
    let end = start + 1;
    let hash = leafHash(data);
    this.nextLeaf += 1;
    for (;;) {
      const parent = this.open.at(-1);
      if (!parent) {
        this.rootHash = hash;
        return;
      }
      const isLeft = end === parent.split;
      const sibling = isLeft ? [parent.split, parent.end] : [parent.start, parent.split];
      if (this.holdsWanted(sibling[0] as number, sibling[1] as number))
        this.kept.set(key(start, end), hash);
      if (isLeft) {
        parent.left = hash;
        this.descend(parent.split, parent.end);
        return;
      }
      this.open.pop();
      hash = nodeHash(parent.left as Buffer, hash);
      start = parent.start;
      end = parent.end;
    }
  }

  /** The tree's root, once every leaf was appended. */
  root(): Buffer {
    if (!this.rootHash) throw new Error(`${this.nextLeaf} of ${this.size} leaves appended`);
    return this.rootHash;
  }

  /** The inclusion proof of a wanted leaf (innermost sibling first), once the tree is done. */
  proof(leaf: number): Buffer[] {
    this.root();
    return inclusionProofRanges(leaf, this.size).map((range) => {
      const hash = this.kept.get(key(range.start, range.end));
      if (!hash) throw new Error(`leaf ${leaf} was not among the wanted leaves`);
      return hash;
    });
  }

  /** Hashes held for the proofs (for the memory statement of the bench). */
  get keptHashes(): number {
    return this.kept.size;
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

  /** Whether a wanted leaf lies in [start, end): binary search of the sorted wanted list. */
  private holdsWanted(start: number, end: number): boolean {
    let [low, high] = [0, this.wanted.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.wanted[middle] as number) < start) low = middle + 1;
      else high = middle;
    }
    return low < this.wanted.length && (this.wanted[low] as number) < end;
  }
}

function key(start: number, end: number): string {
  return `${start}:${end}`;
}
