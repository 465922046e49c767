import type { CheckpointStore, StoredCheckpoint } from '../checkpoints/checkpoint-store.port';

/**
 * What every CheckpointStore adapter promises (the port's comments), run against each adapter
 * over its real backing: SQLite's file (sqlite.checkpoint-store.int-spec.ts), a KurrentDB server
 * (kurrentdb.checkpoint-store.int-spec.ts, which skips loudly without one). The checkpoints here
 * are shaped like real ones but not signed: signing and checking are libs/audit's, keeping them
 * is this port's.
 */
export interface CheckpointContractStore {
  readonly store: CheckpointStore;
  /** A second store over the same backing (another connection): what was kept is still there. */
  readonly reopen: () => Promise<CheckpointStore>;
  readonly dispose: () => Promise<void>;
}

export interface CheckpointStoreCapabilities {
  /**
   * A checkpoint smaller than the newest kept is kept too (SQLite: a table keyed by size).
   * KurrentDB keeps one stream in increasing size and drops it (answers stored: false).
   */
  readonly keepsSmallerThanNewest: boolean;
}

/** A checkpoint-shaped record of `size` (hashes derived from it, so each size is recognisable). */
export function checkpointOfSize(size: number, variant = ''): StoredCheckpoint {
  const hex = (seed: string): string =>
    Buffer.from(`${seed}-${size}${variant}`).toString('hex').padEnd(64, '0').slice(0, 64);
  return {
    size,
    lastPosition: size * 3,
    rootHash: hex('root'),
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, size)).toISOString(),
    keyId: hex('key').slice(0, 16),
    signature: Buffer.from(`signature-${size}${variant}`).toString('base64'),
    frontier: size === 0 ? [] : [hex('left'), hex('right')],
  };
}

export function describeCheckpointStoreContract(
  name: string,
  open: () => Promise<CheckpointContractStore>,
  capabilities: CheckpointStoreCapabilities,
): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    let opened: CheckpointContractStore;
    let store: CheckpointStore;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    }, 60_000);

    afterEach(async () => {
      await opened.dispose();
    });

    const keep = async (...sizes: number[]): Promise<void> => {
      for (const size of sizes) {
        await expect(store.append(checkpointOfSize(size))).resolves.toEqual({ stored: true });
      }
    };

    it('answers nothing when nothing is kept', async () => {
      await expect(store.latest()).resolves.toBeUndefined();
      await expect(store.list({ maxCount: 10 })).resolves.toEqual([]);
      await expect(store.atOrAfter(0)).resolves.toBeUndefined();
    });

    it('gives back every field as appended, the frontier included', async () => {
      await keep(0, 1000);
      await expect(store.list({ maxCount: 10 })).resolves.toEqual([
        checkpointOfSize(0),
        checkpointOfSize(1000),
      ]);
    });

    it('answers the checkpoint of the largest size as the latest', async () => {
      await keep(10, 20, 30);
      await expect(store.latest()).resolves.toEqual(checkpointOfSize(30));
    });

    it('keeps the first checkpoint of a size and drops a later one of the same size', async () => {
      await keep(10, 20);
      await expect(store.append(checkpointOfSize(20, 'forged'))).resolves.toEqual({
        stored: false,
      });
      await expect(store.append(checkpointOfSize(10, 'forged'))).resolves.toEqual({
        stored: false,
      });
      await expect(store.list({ maxCount: 10 })).resolves.toEqual([
        checkpointOfSize(10),
        checkpointOfSize(20),
      ]);
    });

    it('pages in increasing size after an exclusive size', async () => {
      await keep(10, 20, 30, 40, 50);
      const sizes = async (afterSize: number | undefined, maxCount: number) =>
        (await store.list({ afterSize, maxCount })).map((checkpoint) => checkpoint.size);
      await expect(sizes(undefined, 2)).resolves.toEqual([10, 20]);
      await expect(sizes(20, 2)).resolves.toEqual([30, 40]);
      await expect(sizes(25, 10)).resolves.toEqual([30, 40, 50]);
      await expect(sizes(50, 10)).resolves.toEqual([]);
      await expect(sizes(-1, 0)).resolves.toEqual([]);
    });

    it('finds the smallest checkpoint at or after a size', async () => {
      await keep(10, 20, 30, 40, 50, 60, 70);
      for (const [size, expected] of [
        [0, 10],
        [10, 10],
        [11, 20],
        [39, 40],
        [40, 40],
        [61, 70],
        [70, 70],
      ] as const) {
        await expect(store.atOrAfter(size)).resolves.toEqual(checkpointOfSize(expected));
      }
      await expect(store.atOrAfter(71)).resolves.toBeUndefined();
    });

    it('keeps what was appended for another connection to the same backing', async () => {
      await keep(10, 20);
      const other = await opened.reopen();
      try {
        await expect(other.latest()).resolves.toEqual(checkpointOfSize(20));
        await expect(other.append(checkpointOfSize(30))).resolves.toEqual({ stored: true });
        await expect(store.latest()).resolves.toEqual(checkpointOfSize(30));
      } finally {
        await other.close();
      }
    });

    it('two writers racing with the same size keep exactly one', async () => {
      const other = await opened.reopen();
      try {
        const answers = await Promise.all([
          store.append(checkpointOfSize(10)),
          other.append(checkpointOfSize(10, 'other')),
        ]);
        expect(answers.filter((answer) => answer.stored)).toHaveLength(1);
        await expect(store.list({ maxCount: 10 })).resolves.toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    if (capabilities.keepsSmallerThanNewest) {
      it('keeps a checkpoint smaller than the newest, in size order', async () => {
        await keep(10, 30);
        await expect(store.append(checkpointOfSize(20))).resolves.toEqual({ stored: true });
        const sizes = (await store.list({ maxCount: 10 })).map((checkpoint) => checkpoint.size);
        expect(sizes).toEqual([10, 20, 30]);
      });
    } else {
      it('drops a checkpoint smaller than the newest (a checkpointer that fell behind)', async () => {
        await keep(10, 30);
        await expect(store.append(checkpointOfSize(20))).resolves.toEqual({ stored: false });
        const sizes = (await store.list({ maxCount: 10 })).map((checkpoint) => checkpoint.size);
        expect(sizes).toEqual([10, 30]);
      });
    }
  });
}
