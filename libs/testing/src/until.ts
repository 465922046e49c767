/**
 * Waits for background work of a real store (a subscription, a dispatcher, a checkpointer) by
 * polling `condition` until it holds, and fails the test naming `what` (by default the
 * condition's source) when it does not within `timeoutMs`. One helper instead of a copy per spec; a wait that gives up silently would let the
 * assertion after it fail for the wrong reason (or pass on a stale value), so this one throws.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string = String(condition),
  { timeoutMs = 10_000, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
