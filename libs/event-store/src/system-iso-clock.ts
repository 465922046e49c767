let lastMillis = Number.NaN;
let lastIso = '';

/**
 * The system time as ISO 8601 UTC (`new Date().toISOString()`), formatted once per millisecond.
 * Formatting is what costs: V8's toISOString goes through a printf-style formatter, ~0.9 µs per
 * call on this machine against ~0.04 µs for this function, and a command reads the clock twice
 * (the executor's metadata, the store's recordedAt). Under load many commands fall in the same
 * millisecond and get the same string, which `new Date().toISOString()` would have given them.
 */
export function systemIsoClock(): string {
  const now = Date.now();
  if (now !== lastMillis) {
    lastMillis = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}
