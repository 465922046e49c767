import { round } from './bench-report';
import { median } from './median';

/** What one timed pass of a side answers: at least how long it took. */
export interface TimedPass {
  readonly seconds: number;
}

/**
 * `rounds` pairs of the raw baseline and ours, alternating which goes first: one pass of each
 * moved a ratio by ±25 % (and more) from run to run on the shared machine, so the benches that
 * compare one long pass with another report medians, and each pair's own ratio (raw seconds /
 * ours), whose median is steadier than the ratio of two medians when a load spike hits one side
 * of one pair.
 */
export async function alternatingRounds<Raw extends TimedPass, Ours extends TimedPass>(
  rounds: number,
  raw: () => Promise<Raw>,
  ours: () => Promise<Ours>,
): Promise<{
  raws: Raw[];
  ours: Ours[];
  rawSeconds: number;
  seconds: number;
  roundRatios: number[];
  roundRatioMedian: number;
}> {
  const raws: Raw[] = [];
  const oursRuns: Ours[] = [];
  for (let index = 0; index < rounds; index += 1) {
    const rawFirst = index % 2 === 0;
    if (rawFirst) raws.push(await raw());
    oursRuns.push(await ours());
    if (!rawFirst) raws.push(await raw());
  }
  const roundRatios = oursRuns.map((run, index) =>
    round((raws[index] as TimedPass).seconds / run.seconds, 3),
  );
  return {
    raws,
    ours: oursRuns,
    rawSeconds: median(raws.map((run) => run.seconds)),
    seconds: median(oursRuns.map((run) => run.seconds)),
    roundRatios,
    roundRatioMedian: round(median(roundRatios), 3),
  };
}
