import { createHash } from 'node:crypto';
import {
  consistencyProof,
  digestBytes,
  digestHex,
  EMPTY_TREE_HASH,
  eventHashBytes,
  eventLeafDigest,
  eventLeafHash,
  inclusionProof,
  leafDigest,
  leafHash,
  MerkleFrontier,
  nodeDigest,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle-tree';

/** Leaf data like an event's hash: 32 bytes. */
const data = (i: number): Buffer => createHash('sha256').update(`event ${i}`).digest();
const leaves = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => data(i));

/** MTH written straight from RFC 9162 §2.1.1, recursively: the reference the frontier must match. */
function naiveRoot(d: readonly Buffer[]): Buffer {
  if (d.length === 0) return createHash('sha256').digest();
  if (d.length === 1) return leafHash(d[0]!);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(naiveRoot(d.slice(0, k)), naiveRoot(d.slice(k)));
}

function frontierRoot(d: readonly Buffer[]): Buffer {
  const frontier = new MerkleFrontier();
  d.forEach((leaf) => frontier.append(leaf));
  return frontier.root();
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('Merkle tree (RFC 9162 §2.1)', () => {
  it('hashes the empty tree, one leaf and two leaves as the RFC writes them', () => {
    expect(hex(frontierRoot([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(EMPTY_TREE_HASH)).toBe(hex(createHash('sha256').digest()));
    const [a, b, c] = leaves(3) as [Buffer, Buffer, Buffer];
    const la = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), a]))
      .digest();
    const lb = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), b]))
      .digest();
    const lc = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), c]))
      .digest();
    const node = (l: Buffer, r: Buffer): Buffer =>
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([1]), l, r]))
        .digest();
    expect(hex(frontierRoot([a]))).toBe(hex(la));
    expect(hex(frontierRoot([a, b]))).toBe(hex(node(la, lb)));
    // Three leaves split at k = 2: ((a b) c), not (a (b c)).
    expect(hex(frontierRoot([a, b, c]))).toBe(hex(node(node(la, lb), lc)));
  });

  it('hashes leaf and node data of any length, and earlier answers stay as they were', () => {
    const sha = (...parts: Buffer[]): string =>
      createHash('sha256').update(Buffer.concat(parts)).digest('hex');
    const short = Buffer.from('abc');
    const [a, b] = leaves(2) as [Buffer, Buffer];
    expect(hex(leafHash(short))).toBe(sha(Buffer.from([0]), short));
    expect(hex(nodeHash(short, a))).toBe(sha(Buffer.from([1]), short, a));
    const first = leafHash(a);
    const second = leafHash(b);
    expect(hex(first)).toBe(sha(Buffer.from([0]), a));
    expect(hex(second)).toBe(sha(Buffer.from([0]), b));
    const ab = nodeHash(a, b);
    nodeHash(b, a);
    expect(hex(ab)).toBe(sha(Buffer.from([1]), a, b));
  });

  it("an event's hex hash gives the leaf hash of its bytes, and anything but a lower-case digest is refused", () => {
    for (let i = 0; i < 64; i += 1) {
      const digest = data(i);
      expect(hex(eventLeafHash(hex(digest)))).toBe(hex(leafHash(digest)));
      expect(hex(eventHashBytes(hex(digest)))).toBe(hex(digest));
    }
    // Answers are fresh buffers: a later call does not change an earlier one.
    const first = eventLeafHash(hex(data(1)));
    eventLeafHash(hex(data(2)));
    expect(hex(first)).toBe(hex(leafHash(data(1))));
    const digest = hex(data(3));
    const refused = [
      digest.toUpperCase(),
      digest.slice(0, 63),
      `${digest}0`,
      `${digest.slice(0, 10)}g${digest.slice(11)}`,
      `${digest.slice(0, 10)}${String.fromCharCode(0x100 + 0x61)}${digest.slice(11)}`,
      `${digest.slice(0, 63)}\u0130`,
      '',
    ];
    for (const text of refused) {
      expect(() => eventLeafHash(text)).toThrow(/not a SHA-256 hex digest/);
      expect(() => eventHashBytes(text)).toThrow(/not a SHA-256 hex digest/);
    }
  });

  it('tree digests (latin1 strings) carry every byte value and hash as the Buffer functions do', () => {
    // Bytes 0x00..0xff in both halves: latin1 must give each one back unchanged.
    const low = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 8));
    const high = Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i * 8));
    for (const [a, b] of [
      [low, high],
      [high, low],
      [data(1), data(2)],
    ] as const) {
      expect(digestBytes(leafDigest(a))).toEqual(leafHash(a));
      expect(digestBytes(eventLeafDigest(hex(a)))).toEqual(leafHash(a));
      expect(digestHex(leafDigest(a))).toBe(hex(leafHash(a)));
      const node = nodeDigest(leafDigest(a), leafDigest(b));
      expect(digestBytes(node)).toEqual(nodeHash(leafHash(a), leafHash(b)));
      expect(digestHex(node)).toBe(hex(nodeHash(leafHash(a), leafHash(b))));
    }
    expect(digestBytes(leafDigest(Buffer.from('abc')))).toEqual(leafHash(Buffer.from('abc')));
  });

  it('a frontier fed hex event hashes has the roots of one fed their bytes', () => {
    const fromHex = new MerkleFrontier();
    for (const [n, leaf] of leaves(70).entries()) {
      fromHex.appendEventHash(hex(leaf));
      expect(fromHex.size).toBe(n + 1);
      expect(hex(fromHex.root())).toBe(hex(naiveRoot(leaves(n + 1))));
    }
  });

  it('the streaming frontier equals the recursive MTH for 0..64 leaves', () => {
    for (let n = 0; n <= 64; n += 1)
      expect(hex(frontierRoot(leaves(n)))).toBe(hex(naiveRoot(leaves(n))));
  });

  it('a frontier saved and restored at any size goes on to the same roots', () => {
    const all = leaves(40);
    for (let size = 0; size <= 33; size += 1) {
      const saved = new MerkleFrontier();
      all.slice(0, size).forEach((leaf) => saved.append(leaf));
      const restored = MerkleFrontier.restore(size, saved.hashes());
      all.slice(size).forEach((leaf) => restored.append(leaf));
      expect(hex(restored.root())).toBe(hex(naiveRoot(all)));
    }
    expect(() => MerkleFrontier.restore(3, [hex(data(0))])).toThrow(/3 leaves has 2 hashes/);
  });

  it('every inclusion proof of every leaf verifies for trees of 1..20 leaves', async () => {
    for (let n = 1; n <= 20; n += 1) {
      const d = leaves(n);
      const root = naiveRoot(d);
      for (let m = 0; m < n; m += 1) {
        const proof = await inclusionProof(d, m, n);
        expect(verifyInclusion(m, n, leafHash(d[m]!), proof, root)).toBe(true);
      }
    }
  });

  it('an inclusion proof fails for a wrong leaf, index, size, root or proof element', async () => {
    const d = leaves(13);
    const root = naiveRoot(d);
    const proof = await inclusionProof(d, 5, 13);
    expect(verifyInclusion(5, 13, leafHash(d[5]!), proof, root)).toBe(true);
    expect(verifyInclusion(5, 13, leafHash(d[6]!), proof, root)).toBe(false);
    expect(verifyInclusion(5, 13, d[5]!, proof, root)).toBe(false); // data, not its leaf hash
    expect(verifyInclusion(4, 13, leafHash(d[5]!), proof, root)).toBe(false);
    // A size whose tree has another shape (sizes 9..16 share leaf 5's path: the signed
    // checkpoint binds the size, not the proof).
    expect(verifyInclusion(5, 6, leafHash(d[5]!), proof, root)).toBe(false);
    expect(verifyInclusion(5, 13, leafHash(d[5]!), proof, naiveRoot(d.slice(0, 12)))).toBe(false);
    expect(verifyInclusion(5, 13, leafHash(d[5]!), proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(5, 13, leafHash(d[5]!), [...proof, data(99)], root)).toBe(false);
    expect(verifyInclusion(13, 13, leafHash(d[5]!), proof, root)).toBe(false);
    const bent = proof.map((p, i) => (i === 1 ? data(77) : p));
    expect(verifyInclusion(5, 13, leafHash(d[5]!), bent, root)).toBe(false);
  });

  it('every consistency proof m < n <= 20 verifies, and m = n needs an empty proof', async () => {
    for (let n = 1; n <= 20; n += 1) {
      const d = leaves(n);
      for (let m = 1; m <= n; m += 1) {
        const proof = await consistencyProof(d, m, n);
        if (m === n) expect(proof).toEqual([]);
        expect(verifyConsistency(m, n, naiveRoot(d.slice(0, m)), naiveRoot(d), proof)).toBe(true);
      }
    }
  });

  it('a consistency proof fails when the old tree is not a prefix of the new one', async () => {
    const d = leaves(11);
    const proof = await consistencyProof(d, 6, 11);
    const oldRoot = naiveRoot(d.slice(0, 6));
    expect(verifyConsistency(6, 11, oldRoot, naiveRoot(d), proof)).toBe(true);
    // The history rewritten at leaf 3: same sizes, another old root.
    const rewritten = d.map((leaf, i) => (i === 3 ? data(1000) : leaf));
    expect(verifyConsistency(6, 11, naiveRoot(rewritten.slice(0, 6)), naiveRoot(d), proof)).toBe(
      false,
    );
    expect(verifyConsistency(6, 11, oldRoot, naiveRoot(rewritten), proof)).toBe(false);
    expect(verifyConsistency(5, 11, oldRoot, naiveRoot(d), proof)).toBe(false);
    expect(verifyConsistency(6, 11, oldRoot, naiveRoot(d), [])).toBe(false);
    expect(verifyConsistency(6, 11, oldRoot, naiveRoot(d), proof.slice(0, -1))).toBe(false);
    expect(verifyConsistency(6, 6, oldRoot, naiveRoot(d), [])).toBe(false);
    expect(verifyConsistency(0, 11, oldRoot, naiveRoot(d), proof)).toBe(false);
  });

  it('proofs need the leaves they cover', async () => {
    await expect(inclusionProof(leaves(3), 1, 5)).rejects.toThrow(/has 3 leaves, the proof needs/);
    await expect(inclusionProof(leaves(3), 3, 3)).rejects.toThrow(RangeError);
  });
});
