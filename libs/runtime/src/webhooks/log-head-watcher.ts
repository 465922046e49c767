import {
  CheckpointedConsumer,
  type BackoffOptions,
  type ConsumerDegradation,
  type EventStore,
} from '@ledger/event-store';

export interface LogHeadWatcherOptions {
  readonly eventStore: EventStore;
  /** Waits between attempts to resubscribe after an outage. */
  readonly retry?: BackoffOptions;
  readonly onRetry?: (degraded: ConsumerDegradation) => void;
}

/**
 * Knows how far the log reaches, without asking: one live subscription to `$all` (through the
 * CheckpointedConsumer, so an outage is waited out and resubscribed) from the head at start,
 * which moves `position` and wakes whoever waits. It is how a process that works per cursor (the
 * webhook dispatcher) sleeps while nothing is appended, instead of polling each cursor: on
 * SQLite the store's commit signal wakes the subscription, on KurrentDB the server pushes.
 */
export class LogHeadWatcher {
  private head = 0;
  private changes = 0;
  private consumer: CheckpointedConsumer | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: LogHeadWatcherOptions) {}

  /** The last position seen appended (the head when the watch began, at least). */
  get position(): number {
    return this.head;
  }

  /** Counts every move of the head and every `wake()`: what a waiter compares against. */
  get version(): number {
    return this.changes;
  }

  get started(): boolean {
    return this.consumer !== undefined;
  }

  /** Reads the head and follows the log from there. Rejects when the store does not answer. */
  async start(): Promise<void> {
    if (this.consumer) return;
    this.head = await this.options.eventStore.headPosition();
    this.consumer = new CheckpointedConsumer({
      eventStore: this.options.eventStore,
      mode: 'subscription',
      handler: {
        checkpoint: () => this.head,
        handle: (_events, upTo) => {
          if (upTo > this.head) {
            this.head = upTo;
            this.wake();
          }
          return Promise.resolve();
        },
      },
      // Moving a number cannot fail: whatever goes wrong is the store's, and is waited out.
      isOutage: () => true,
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      ...(this.options.onRetry ? { onRetry: this.options.onRetry } : {}),
    });
    this.consumer.start();
  }

  /** Wakes the waiters now: something they work from changed outside the log (a replay). */
  wake(): void {
    this.changes += 1;
    const waiting = [...this.waiters];
    this.waiters.clear();
    waiting.forEach((resolve) => resolve());
  }

  /**
   * Resolves once `version` has moved past `seen` (at once if it already has), or when `signal`
   * aborts. Taking `seen` before the work and waiting after it loses no wake-up in between.
   */
  changedSince(seen: number, signal: AbortSignal): Promise<void> {
    if (this.changes !== seen || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.wake();
  }
}
