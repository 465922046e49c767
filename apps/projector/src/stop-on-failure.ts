/** What can stop for good: the projection engine and the durable reactor (`failed` resolves). */
export interface Stoppable {
  readonly failed: Promise<Error>;
}

/**
 * apps/projector exists to write the read models: when the engine or the reactor stops for good
 * (a projection or a reaction failed on an event; store outages never get here, they are waited
 * out inside), the process closes and exits with status 1, so a supervisor (compose `restart:
 * unless-stopped`, Kubernetes) restarts it, and a crash loop tells the operator. Resolves with
 * the error once `close` and `exit` ran.
 */
export async function stopOnFailure(
  parts: readonly Stoppable[],
  close: () => Promise<void>,
  exit: (code: number) => void,
  report: (message: string) => void = (message) => console.error(message),
): Promise<Error> {
  const error = await Promise.race(parts.map((part) => part.failed));
  report(`delivery-ledger projector stops (exit status 1): ${error.stack ?? error.message}`);
  try {
    await close();
  } catch (cause) {
    report(`closing after the failure failed too: ${String(cause)}`);
  }
  exit(1);
  return error;
}
