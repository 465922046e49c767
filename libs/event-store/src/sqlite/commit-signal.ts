/**
 * In-process "something was committed" notification. It carries no events, only wakes
 * subscriptions, which then read from the database by position: the database stays the single
 * source of what was committed and in which order. `version` lets a reader tell whether a
 * commit happened since it last looked, so a notification between its read and its wait is
 * not lost.
 */
export class CommitSignal {
  private counter = 0;
  private readonly listeners = new Set<() => void>();

  get version(): number {
    return this.counter;
  }

  notify(): void {
    this.counter += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` on every notify until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
