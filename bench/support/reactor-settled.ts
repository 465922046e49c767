/**
 * A bench server started on a copied log re-drives the log's reactions from its reactor's own
 * checkpoint (a fresh DATA_DIR has none), on the event loop that answers the bench: benches that
 * measure a running system wait for it here first.
 */

/** The reactor's checkpoint wherever /health reports it, or undefined when it does not. */
function reactorCheckpoint(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const reactor = (value as { reactor?: { checkpoint?: unknown } }).reactor;
  if (typeof reactor?.checkpoint === 'number') return reactor.checkpoint;
  for (const nested of Object.values(value)) {
    const found = reactorCheckpoint(nested);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Polls /health until the reactor reached `head` (at once when /health does not report one). */
export async function waitForReactor(bench: string, base: string, head: number): Promise<void> {
  for (let last = -1; ;) {
    const checkpoint = reactorCheckpoint(await (await fetch(`${base}/health`)).json());
    if (checkpoint === undefined || checkpoint >= head) return;
    if (checkpoint !== last) {
      process.stderr.write(
        `${bench}: the server's reactor re-drives the log, at ${checkpoint.toLocaleString('en')} of ${head.toLocaleString('en')}\n`,
      );
      last = checkpoint;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
