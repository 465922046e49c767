import { hash } from 'node:crypto';

/**
 * The log-wide Merkle tree of RFC 9162 §2.1 (the hashing of Certificate Transparency v2, the
 * same as RFC 6962): leaf = SHA-256(0x00 ‖ d), node = SHA-256(0x01 ‖ left ‖ right), and the
 * tree of n > 1 leaves splits at k, the largest power of two smaller than n. Our leaves are the
 * events' stored `hash` (32 bytes, given as hex) in log ($all) order: leaf i is the i-th event.
 *
 * Everything here works on leaf DATA (the event hashes) fed in order, so a caller streams the log
 * and never holds more than O(log n) hashes: the frontier for roots, one range hash per proof
 * element for proofs.
 */

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const DIGEST_BYTES = 32;

/** The hash of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_TREE_HASH = hash('sha256', '', 'buffer');

/*
 * A verification or export hashes two or three tree nodes per event, each 33 or 65 bytes: the
 * cost is the call, not the bytes. The one-shot `crypto.hash` over one reused buffer costs about
 * half of `createHash().update().update().digest()` (measured: docs/BENCHMARKS.md, verify-all).
 * Inputs are copied into the scratch buffer and hashed before returning, so reuse is safe.
 */
const leafInput = Buffer.alloc(1 + DIGEST_BYTES, LEAF_PREFIX);
const nodeInput = Buffer.alloc(1 + 2 * DIGEST_BYTES, NODE_PREFIX);
const digestScratch = Buffer.alloc(DIGEST_BYTES);

/**
 * A tree hash inside the frontier and the proof collector: its 32 bytes as a 32-character latin1
 * string (one character per byte; Node calls latin1 'binary'). `crypto.hash` answering a Buffer
 * allocates a new ArrayBuffer per call, and that allocation, not SHA-256, was most of the call: a
 * latin1 answer costs about half (leaf) to two thirds (node) of a Buffer answer (micro-measure,
 * shared machine). Buffers are made only where a hash leaves the tree code (roots, proofs).
 */
export type TreeDigest = string;

/** leafHash, as a TreeDigest. */
export function leafDigest(data: Uint8Array): TreeDigest {
  if (data.length !== DIGEST_BYTES)
    return hash('sha256', Buffer.concat([LEAF_PREFIX, data]), 'binary');
  leafInput.set(data, 1);
  return hash('sha256', leafInput, 'binary');
}

/** eventLeafHash, as a TreeDigest. */
export function eventLeafDigest(hex: string): TreeDigest {
  decodeDigestHex(hex, leafInput, 1);
  return hash('sha256', leafInput, 'binary');
}

/** nodeHash of two TreeDigests, as a TreeDigest. */
export function nodeDigest(left: TreeDigest, right: TreeDigest): TreeDigest {
  nodeInput.write(left, 1, DIGEST_BYTES, 'latin1');
  nodeInput.write(right, 1 + DIGEST_BYTES, DIGEST_BYTES, 'latin1');
  return hash('sha256', nodeInput, 'binary');
}

/** A TreeDigest as lower-case hex. */
export function digestHex(digest: TreeDigest): string {
  digestScratch.write(digest, 0, DIGEST_BYTES, 'latin1');
  return digestScratch.toString('hex');
}

/** The ASCII code of each hex digit, by its value. */
const HEX_DIGIT_CODES = new Uint8Array(Buffer.from('0123456789abcdef', 'latin1'));

/**
 * Writes a TreeDigest as its 64 lower-case hex digits (ASCII) into `target` at `offset`, and
 * answers the offset after them: digestHex without a string or a call into Node per digest, for
 * writers that put proofs straight into the bytes of a bundle.
 */
export function writeDigestHex(digest: TreeDigest, target: Uint8Array, offset: number): number {
  let at = offset;
  for (let index = 0; index < DIGEST_BYTES; index += 1) {
    const byte = digest.charCodeAt(index);
    target[at] = HEX_DIGIT_CODES[byte >> 4] as number;
    target[at + 1] = HEX_DIGIT_CODES[byte & 15] as number;
    at += 2;
  }
  return at;
}

/** writeDigestHex of the 32 bytes of `bytes` at `from` (a digest held in a tree tile). */
export function writeBytesHex(
  bytes: Uint8Array,
  from: number,
  target: Uint8Array,
  offset: number,
): number {
  let at = offset;
  for (let index = from; index < from + DIGEST_BYTES; index += 1) {
    const byte = bytes[index] as number;
    target[at] = HEX_DIGIT_CODES[byte >> 4] as number;
    target[at + 1] = HEX_DIGIT_CODES[byte & 15] as number;
    at += 2;
  }
  return at;
}

/** A TreeDigest as a Buffer of its 32 bytes. */
export function digestBytes(digest: TreeDigest): Buffer {
  return Buffer.from(digest, 'latin1');
}

export function leafHash(data: Uint8Array): Buffer {
  if (data.length !== DIGEST_BYTES)
    return hash('sha256', Buffer.concat([LEAF_PREFIX, data]), 'buffer');
  leafInput.set(data, 1);
  return hash('sha256', leafInput, 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== DIGEST_BYTES || right.length !== DIGEST_BYTES)
    return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + DIGEST_BYTES);
  return hash('sha256', nodeInput, 'buffer');
}

/**
 * The leaf hash of an event given its stored hash as hex: leafHash(eventHashBytes(hex)), with the
 * hex decoded straight into the reused leaf input. Export and verification hash one leaf per
 * event, and turning the hex into a Buffer first (a regular-expression test, then a new Buffer)
 * cost about as much as the hash itself.
 */
export function eventLeafHash(hex: string): Buffer {
  decodeDigestHex(hex, leafInput, 1);
  return hash('sha256', leafInput, 'buffer');
}

/** An event's stored hash (64 hex characters) as the 32 bytes the tree hashes. */
export function eventHashBytes(hex: string): Buffer {
  const bytes = Buffer.allocUnsafe(DIGEST_BYTES);
  decodeDigestHex(hex, bytes, 0);
  return bytes;
}

/** The value of each lower-case hex digit by character code; -1 for every other character. */
const HEX_DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit += 1)
  HEX_DIGIT_VALUE['0123456789abcdef'.charCodeAt(digit)] = digit;

/**
 * Writes the 32 bytes of a SHA-256 digest given as 64 lower-case hex characters into `target`
 * at `offset`; anything else (upper case included, as before) throws. Written byte by byte from
 * a table: no regular expression, no intermediate Buffer.
 */
function decodeDigestHex(hex: string, target: Uint8Array, offset: number): void {
  if (hex.length !== 2 * DIGEST_BYTES) throw notADigest(hex);
  for (let byte = 0; byte < DIGEST_BYTES; byte += 1) {
    const high = hex.charCodeAt(2 * byte);
    const low = hex.charCodeAt(2 * byte + 1);
    const value =
      ((HEX_DIGIT_VALUE[high & 127] as number) << 4) | (HEX_DIGIT_VALUE[low & 127] as number);
    // A value is negative when either digit is not one (-1), or its code is past ASCII.
    if (value < 0 || (high | low) > 127) throw notADigest(hex);
    target[offset + byte] = value;
  }
}

function notADigest(hex: string): Error {
  return new Error(`not a SHA-256 hex digest: ${hex}`);
}

/** k of RFC 9162 §2.1.1: the largest power of two smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Told every node of the tree as a MerkleFrontier completes it: appending leaf i completes the
 * leaf (height 0), then the nodes of heights 1, 2, … that end at i (the perfect subtrees
 * [i + 1 − 2^height, i + 1)), in that order. Lets a follower keep nodes without hashing again.
 */
export interface TreeNodeObserver {
  node(digest: TreeDigest, height: number): void;
}

/**
 * The compact frontier of a growing tree: the roots of its perfect subtrees, largest first (one
 * per set bit of the size, so at most log2(n) + 1 hashes). Appending merges equal-sized
 * neighbours; the root folds them right to left, which is exactly MTH's split at k. It can be
 * saved (`hashes()`) and restored at the same size, so a follower resumes without re-reading.
 *
 * Subtree sizes are not stored: they are the set bits of the size, so appending to a frontier of
 * n leaves merges as many times as n has trailing one bits (no object per node).
 */
export class MerkleFrontier {
  private readonly nodes: TreeDigest[] = [];
  private count = 0;

  /** `hashes` from `hashes()` of a frontier of `size` leaves. */
  static restore(size: number, hashes: readonly string[]): MerkleFrontier {
    const frontier = new MerkleFrontier();
    const subtrees = perfectSubtreeSizes(size).length;
    if (subtrees !== hashes.length)
      throw new Error(`a frontier of ${size} leaves has ${subtrees} hashes, got ${hashes.length}`);
    for (const hex of hashes) frontier.nodes.push(eventHashBytes(hex).toString('latin1'));
    frontier.count = size;
    return frontier;
  }

  get size(): number {
    return this.count;
  }

  /** Appends one leaf given its data (an event's hash bytes). */
  append(data: Uint8Array): void {
    this.appendLeafDigest(leafDigest(data));
  }

  /** Appends one leaf given its data as an event's stored hash (hex): see eventLeafHash. */
  appendEventHash(hex: string): void {
    this.appendLeafDigest(eventLeafDigest(hex));
  }

  /**
   * Appends one leaf given its digest (leafDigest / eventLeafDigest of its data). `observer` is
   * told the leaf, then each node the append completes (see TreeNodeObserver).
   */
  appendLeafDigest(leaf: TreeDigest, observer?: TreeNodeObserver): void {
    let node = leaf;
    observer?.node(node, 0);
    // Sizes beyond 2^31 leaves: halving, not >>, keeps the arithmetic exact.
    for (let size = this.count, height = 1; size % 2 === 1; size = (size - 1) / 2, height += 1) {
      node = nodeDigest(this.nodes.pop() as TreeDigest, node);
      observer?.node(node, height);
    }
    this.nodes.push(node);
    this.count += 1;
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    const last = this.nodes.at(-1);
    if (last === undefined) return EMPTY_TREE_HASH;
    let root = last;
    for (let index = this.nodes.length - 2; index >= 0; index -= 1)
      root = nodeDigest(this.nodes[index] as TreeDigest, root);
    return digestBytes(root);
  }

  /** The subtree roots, largest first, as hex (what `restore` takes back). */
  hashes(): string[] {
    return this.nodes.map(digestHex);
  }
}

/** A half-open range of leaf indexes [start, end). */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The ranges whose MTH make up the inclusion proof of leaf m in a tree of n leaves, in proof
 * order (RFC 9162 §2.1.3.1: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k, else
 * PATH(m - k, D[k:n]) : MTH(D[0:k])), innermost sibling first.
 */
export function inclusionProofRanges(m: number, n: number): LeafRange[] {
  checkIndex(m, n);
  const ranges: LeafRange[] = [];
  let [start, end, index] = [0, n, m];
  const outer: LeafRange[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < k) {
      outer.push({ start: start + k, end });
      end = start + k;
    } else {
      outer.push({ start, end: start + k });
      start += k;
      index -= k;
    }
  }
  // Collected outermost first; the path lists the leaf's own sibling first.
  for (let i = outer.length - 1; i >= 0; i -= 1) ranges.push(outer[i] as LeafRange);
  return ranges;
}

/**
 * The ranges whose MTH make up the consistency proof from size m to size n (0 < m < n), in proof
 * order (RFC 9162 §2.1.4.1, SUBPROOF(m, D[n], true)).
 */
export function consistencyProofRanges(m: number, n: number): LeafRange[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m <= 0 || m > n)
    throw new RangeError(`a consistency proof needs 0 < first <= second, got ${m} and ${n}`);
  const outer: LeafRange[] = [];
  let [start, end, first, complete] = [0, n, m, true];
  while (first !== end - start) {
    const k = splitPoint(end - start);
    if (first <= k) {
      outer.push({ start: start + k, end });
      end = start + k;
    } else {
      outer.push({ start, end: start + k });
      start += k;
      first -= k;
      complete = false;
    }
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the old tree's last subtree, unless it is the whole
  // old tree (the verifier already has that root).
  const ranges: LeafRange[] = complete ? [] : [{ start, end }];
  for (let i = outer.length - 1; i >= 0; i -= 1) ranges.push(outer[i] as LeafRange);
  return ranges;
}

/**
 * MTH of each of `ranges` (disjoint), computed in ONE pass over the leaves in order: each leaf
 * feeds the frontier of the range holding it. Memory is O(ranges × log n).
 */
export async function rangeHashes(
  leaves: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ranges: readonly LeafRange[],
): Promise<Buffer[]> {
  const frontiers = ranges.map(() => new MerkleFrontier());
  const order = ranges
    .map((range, index) => ({ range, index }))
    .sort((a, b) => a.range.start - b.range.start);
  const end = Math.max(0, ...ranges.map((range) => range.end));
  let cursor = 0;
  let leafIndex = 0;
  for await (const data of leaves) {
    if (leafIndex >= end) break;
    while (cursor < order.length && (order[cursor] as { range: LeafRange }).range.end <= leafIndex)
      cursor += 1;
    const current = order[cursor];
    if (current && current.range.start <= leafIndex)
      (frontiers[current.index] as MerkleFrontier).append(data);
    leafIndex += 1;
  }
  if (leafIndex < end) throw new Error(`the log has ${leafIndex} leaves, the proof needs ${end}`);
  return frontiers.map((frontier) => frontier.root());
}

/** The inclusion proof of leaf m in the tree of the first n leaves of `leaves`. */
export async function inclusionProof(
  leaves: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  m: number,
  n: number,
): Promise<Buffer[]> {
  return rangeHashes(leaves, inclusionProofRanges(m, n));
}

/** The consistency proof between the trees of the first m and the first n leaves. */
export async function consistencyProof(
  leaves: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  m: number,
  n: number,
): Promise<Buffer[]> {
  return rangeHashes(leaves, consistencyProofRanges(m, n));
}

/**
 * RFC 9162 §2.1.3.2: does `proof` show the leaf with hash `leaf` (already leafHash'ed) at index m
 * of the tree of n leaves whose root is `root`?
 */
export function verifyInclusion(
  m: number,
  n: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m >= n) return false;
  let fn = m;
  let sn = n - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(r).equals(root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show the tree of m leaves with root `firstRoot` is a prefix of
 * the tree of n leaves with root `secondRoot`? Equal sizes need an empty proof and equal roots.
 */
export function verifyConsistency(
  m: number,
  n: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m <= 0 || m > n) return false;
  if (m === n) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(m) ? [firstRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0] as Uint8Array;
  let sr: Uint8Array = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(fr).equals(firstRoot) && Buffer.from(sr).equals(secondRoot);
}

function isPowerOfTwo(value: number): boolean {
  let rest = value;
  while (rest > 1 && rest % 2 === 0) rest /= 2;
  return rest === 1;
}

/** The sizes of the perfect subtrees a tree of `size` leaves is made of, largest first. */
function perfectSubtreeSizes(size: number): number[] {
  const sizes: number[] = [];
  let power = 1;
  while (power * 2 <= size) power *= 2;
  for (let rest = size; rest > 0; power /= 2) {
    if (rest >= power) {
      sizes.push(power);
      rest -= power;
    }
  }
  return sizes;
}

function checkIndex(m: number, n: number): void {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m >= n)
    throw new RangeError(`leaf ${m} is not in a tree of ${n} leaves`);
}
