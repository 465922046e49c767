/**
 * Work that must not interleave with a batch (a rebuild's swap): queued here and run by the
 * consumer loop between two batches, or at once when no loop runs.
 */
export class ExclusiveSection {
  private readonly queue: (() => Promise<void>)[] = [];

  /**
   * Runs `task` now when `running` is false, else queues it and calls `wake` so a loop waiting
   * on an idle subscription comes round to `runQueued` without waiting for the next event.
   */
  run(task: () => Promise<void>, running: boolean, wake: () => void): Promise<void> {
    if (!running) return task();
    return new Promise<void>((resolve, reject) => {
      this.queue.push(() =>
        task().then(resolve, (error: unknown) => {
          reject(error instanceof Error ? error : new Error(String(error)));
        }),
      );
      wake();
    });
  }

  /** Whether a task waits for the loop to come round. */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Runs the queued tasks in order (the loop calls this between batches). */
  async runQueued(): Promise<void> {
    for (let task = this.queue.shift(); task; task = this.queue.shift()) await task();
  }

  /** The loop is gone (failed): run what is queued anyway, so no caller waits forever. */
  drain(): void {
    for (let task = this.queue.shift(); task; task = this.queue.shift()) {
      void task().catch(() => undefined);
    }
  }
}
