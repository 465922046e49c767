import type Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/event-store';
import type { ProposedEvent } from '@ledger/event-store';
import { withTempDir } from './temp-dir';
import { type InterleavedRates, timeInterleavedBatches } from './timed-batches';

/** Appends per run: 1,000-event batches, over 10 streams in turn. */
export const APPEND_BATCH = 1_000;
const STREAMS = 10;

/** The raw baseline's side of a batched-append bench: its own file and table. */
export interface RawBatchLog {
  readonly db: Database.Database;
  /** Inserts one batch's rows, revisions from `fromRevision`; runs inside one transaction. */
  readonly insertRows: (streamId: string, fromRevision: number, events: ProposedEvent[]) => void;
}

/** What append-batched and append-small-batched differ in: their events and raw table. */
export interface BatchedAppendCase {
  /** Part of the temp folder's name. */
  readonly label: string;
  readonly streamPrefix: string;
  /** The `sequence`th event of the run, appended to stream number `streamIndex`. */
  readonly eventOf: (streamIndex: number, sequence: number) => ProposedEvent;
  readonly openRawLog: (dir: string) => RawBatchLog;
}

/**
 * Events/s of the port's append (1,000-event batches, each awaited, over 10 streams) and of raw
 * better-sqlite3 inserts of the same rows in one transaction per batch, batches interleaved
 * (timeInterleavedBatches): only the append and the raw transaction are timed, and each side's
 * close (what is left in its WAL is copied into its database then).
 */
export async function measureBatchedAppends(
  bench: BatchedAppendCase,
  total: number,
): Promise<InterleavedRates> {
  return withTempDir(bench.label, async (dir) => {
    const store = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    const raw = bench.openRawLog(dir);
    const revisions = new Map<string, number>();
    const rawRevisions = new Map<string, number>();
    const streamOf = (batchIndex: number) => `${bench.streamPrefix}${batchIndex % STREAMS}`;
    const batchOf = (batchIndex: number) =>
      Array.from({ length: APPEND_BATCH }, (_, index) =>
        bench.eventOf(batchIndex % STREAMS, batchIndex * APPEND_BATCH + index),
      );
    const writeRaw = raw.db.transaction((streamId: string, batch: ProposedEvent[]) => {
      const fromRevision = (rawRevisions.get(streamId) ?? -1) + 1;
      raw.insertRows(streamId, fromRevision, batch);
      rawRevisions.set(streamId, fromRevision + batch.length - 1);
    });
    return timeInterleavedBatches(
      total,
      APPEND_BATCH,
      batchOf,
      {
        write: async (batchIndex, batch) => {
          const streamId = streamOf(batchIndex);
          const expected = revisions.get(streamId) ?? 'no-stream';
          const result = await store.append(streamId, batch, expected);
          revisions.set(streamId, result.nextExpectedRevision);
        },
        close: () => store.close(),
      },
      {
        write: (batchIndex, batch) => writeRaw(streamOf(batchIndex), batch),
        close: () => raw.db.close(),
      },
    );
  });
}
