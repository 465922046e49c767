import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BenchResult {
  readonly bench: string;
  readonly ours: number;
  readonly baseline: number;
  readonly unit: string;
  /**
   * How much work was measured, in `sizeUnit` (events in the log, projects listed, events per
   * stream…): the x of the Scale chart (`npm run bench -- --chart`). Benches that run at two
   * sizes report one line per size.
   */
  readonly size?: number;
  readonly sizeUnit?: string;
  readonly [extra: string]: unknown;
}

export const RESULTS_FILE = join(process.cwd(), 'bench', 'results', 'latest.jsonl');

/**
 * Prints one JSON line per benchmark: `{bench, ours, baseline, unit, ratio, ...}`. The ratio
 * against a baseline measured in the same run is the figure that means something on a shared,
 * noisy machine; absolute numbers are context. Also appended to bench/results/latest.jsonl.
 */
export function report(result: BenchResult): void {
  const line = JSON.stringify({ ...result, ratio: round(result.ours / result.baseline, 3) });
  console.log(line);
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(RESULTS_FILE, `${line}\n`);
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The value at percentile `p` (0-100, nearest rank below) of ascending `sorted`; NaN if empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function perSecond(count: number, startedAt: bigint): number {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return count / seconds;
}

export function peakRssMiB(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
