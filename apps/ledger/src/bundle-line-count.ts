/**
 * The lines a bundle has, from its manifest line (manifest + one line per event + one proof per
 * event + trailer), for a progress bar's total; 0 when the line is no manifest.
 */
export function announcedBundleLines(manifestLine: string): number {
  try {
    const events = (JSON.parse(manifestLine) as { counts?: { events?: unknown } }).counts?.events;
    return typeof events === 'number' ? 2 * events + 2 : 0;
  } catch {
    return 0;
  }
}
