/**
 * Runs tasks one at a time per key, in arrival order. The command path uses it per stream so
 * that commands on one aggregate inside this process queue instead of racing to a conflict and
 * burning their retries; optimistic concurrency still guards writers in other processes.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      // Forget the key once nobody queued behind us, so the map does not grow per stream ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
