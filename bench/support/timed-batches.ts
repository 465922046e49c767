import type { ProposedEvent } from '@ledger/event-store';

/** A writer of one batch, synchronous (raw better-sqlite3) or not (the store's append). */
export type BatchWriter = (index: number, events: ProposedEvent[]) => unknown;

export interface InterleavedRates {
  readonly ours: number;
  readonly baseline: number;
}

/**
 * Events/s of `ours` and `baseline` over `total` events in batches of `batch`, interleaved: every
 * batch is written by both, one right after the other (which goes first alternates), into their
 * own files. On a shared, noisy machine a load spike then hits both sides alike, where measuring
 * one whole run after the other let the ratio swing by half between runs. Only the writes are
 * timed; each batch is made outside the clock, so a run of a million events never holds them all.
 */
export async function timeInterleavedBatches(
  total: number,
  batch: number,
  makeBatch: (index: number) => ProposedEvent[],
  ours: BatchWriter,
  baseline: BatchWriter,
): Promise<InterleavedRates> {
  let oursElapsed = 0n;
  let baselineElapsed = 0n;
  const timed = async (write: BatchWriter, index: number, events: ProposedEvent[]) => {
    const started = process.hrtime.bigint();
    await write(index, events);
    return process.hrtime.bigint() - started;
  };
  for (let index = 0; index < Math.ceil(total / batch); index++) {
    const events = makeBatch(index);
    if (index % 2 === 0) {
      baselineElapsed += await timed(baseline, index, events);
      oursElapsed += await timed(ours, index, events);
    } else {
      oursElapsed += await timed(ours, index, events);
      baselineElapsed += await timed(baseline, index, events);
    }
  }
  const rate = (elapsed: bigint) => total / (Number(elapsed) / 1e9);
  return { ours: rate(oursElapsed), baseline: rate(baselineElapsed) };
}
