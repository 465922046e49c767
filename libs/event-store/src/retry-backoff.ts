/**
 * Exponential backoff with jitter, shared by everything that waits out a store (the projection
 * engine and the durable reactor resuming after an outage, the KurrentDB adapter after a lost
 * race for a stream's head). Jitter keeps the processes of a fleet, all cut off by the same
 * restart, from coming back in lock-step and hammering the server together.
 */
export interface BackoffOptions {
  /** The first wait (ms). Default 250. */
  readonly initialMs?: number;
  /** No wait is longer than this (ms). Default 30,000. */
  readonly maxMs?: number;
  /** A number in [0, 1): `Math.random` unless a test pins it. */
  readonly random?: () => number;
}

/**
 * The wait before attempt `attempt + 1` (`attempt` ≥ 1 failures so far): a ceiling that doubles
 * per attempt up to `maxMs`, of which a random half is taken ("equal jitter": never below half
 * the ceiling, so a retry loop never spins, and never above it).
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 250;
  const max = Math.max(initial, options.maxMs ?? 30_000);
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(max, initial * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Waits `ms`, or less when `signal` aborts (resolves either way, never rejects). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
