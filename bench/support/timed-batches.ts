import type { ProposedEvent } from '@ledger/event-store';

/** A writer of one batch, synchronous (raw better-sqlite3) or not (the store's append). */
export type BatchWriter = (index: number, events: ProposedEvent[]) => unknown;

/** One side of an interleaved run: its batch writer and how its file is closed. */
export interface TimedSide {
  readonly write: BatchWriter;
  /**
   * Closes the side's database, timed as part of its run: the last connection's close copies
   * what is left in the WAL into the database file, work that a WAL setting (a larger
   * wal_autocheckpoint) can only move to the end of the run, not remove.
   */
  readonly close: () => unknown;
}

export interface InterleavedRates {
  readonly ours: number;
  readonly baseline: number;
}

/**
 * Events/s of `ours` and `baseline` over `total` events in batches of `batch`, interleaved: every
 * batch is written by both, one right after the other (which goes first alternates), into their
 * own files. On a shared, noisy machine a load spike then hits both sides alike, where measuring
 * one whole run after the other let the ratio swing by half between runs. Only the writes are
 * timed, and each side's close (TimedSide.close); each batch is made outside the clock, so a run
 * of a million events never holds them all.
 */
export async function timeInterleavedBatches(
  total: number,
  batch: number,
  makeBatch: (index: number) => ProposedEvent[],
  ours: TimedSide,
  baseline: TimedSide,
): Promise<InterleavedRates> {
  let oursElapsed = 0n;
  let baselineElapsed = 0n;
  const timed = async (work: () => unknown) => {
    const started = process.hrtime.bigint();
    await work();
    return process.hrtime.bigint() - started;
  };
  for (let index = 0; index < Math.ceil(total / batch); index++) {
    const events = makeBatch(index);
    if (index % 2 === 0) {
      baselineElapsed += await timed(() => baseline.write(index, events));
      oursElapsed += await timed(() => ours.write(index, events));
    } else {
      oursElapsed += await timed(() => ours.write(index, events));
      baselineElapsed += await timed(() => baseline.write(index, events));
    }
  }
  oursElapsed += await timed(ours.close);
  baselineElapsed += await timed(baseline.close);
  const rate = (elapsed: bigint) => total / (Number(elapsed) / 1e9);
  return { ours: rate(oursElapsed), baseline: rate(baselineElapsed) };
}
