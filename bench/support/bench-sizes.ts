/**
 * The sizes a bench runs at (issue 12 "Scale": two sizes each, so a reader sees how cost grows).
 * An environment variable may name one size or a comma-separated list, e.g.
 * `BENCH_EVENTS=200000,1000000`; otherwise the bench's defaults.
 */
export function benchSizes(variable: string, defaults: readonly number[]): number[] {
  const value = process.env[variable];
  if (value === undefined || value.trim() === '') return [...defaults];
  const sizes = value.split(',').map((part) => Number(part.trim()));
  const bad = sizes.find((size) => !Number.isSafeInteger(size) || size <= 0);
  if (bad !== undefined) throw new Error(`${variable}: ${value} is not a list of positive integers`);
  return sizes;
}
