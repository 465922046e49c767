import type { KeyObject } from 'node:crypto';
import type { SqliteCheckpointStore, SqliteEventStore } from '@ledger/event-store';
import { itemRecorded, until } from '@ledger/testing';
import { LogCheckpointer } from './log-checkpointer';

/**
 * The log the tile specs tamper with: 600 events in batches of 10 over 3 streams, signed every
 * 300 by the real checkpointer, so blocks 0 (positions 1–256) and 1 (257–512) have tiles and
 * 513–600 is an incomplete block.
 */
export async function writeTiledLog(
  store: SqliteEventStore,
  checkpoints: SqliteCheckpointStore,
  signingKey: KeyObject,
): Promise<void> {
  const checkpointer = new LogCheckpointer({
    eventStore: store,
    checkpoints,
    signingKey,
    everyEvents: 300,
    everySeconds: 3600,
  });
  await checkpointer.start();
  for (let n = 0; n < 600; n += 10)
    await store.append(
      `item-${n % 3}`,
      Array.from({ length: 10 }, (_, i) => itemRecorded({ n: n + i })),
      'any',
    );
  await until(async () => (await checkpoints.latest())?.size === 600, 'a checkpoint of size 600');
  await checkpointer.stop();
}
