import {
  backoffDelay,
  CheckpointedConsumer,
  logHashSource,
  pause,
  type BackoffOptions,
  type ConsumerDegradation,
  type EventStore,
  type LogHashSource,
  type LogHashSubscription,
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
 *
 * Where the adapter offers the log's hashes (LogHashSource: SQLite), it follows those instead
 * of whole events: only the position is needed, and a subscription to `$all` read and parsed
 * every new event on the api's event loop once more (issue 12: one of the followers whose
 * `readAll` was 4.6 % of the http-commands server's CPU).
 */
export class LogHeadWatcher {
  private head = 0;
  private changes = 0;
  private following: { stop(): Promise<void> } | undefined;
  private wakeScheduled = false;
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
    return this.following !== undefined;
  }

  /** Reads the head and follows the log from there. Rejects when the store does not answer. */
  async start(): Promise<void> {
    if (this.following) return;
    this.head = await this.options.eventStore.headPosition();
    const hashes = logHashSource(this.options.eventStore);
    this.following = hashes ? this.followHashes(hashes) : this.followEvents();
  }

  /** Moves the head to `position` if it is further, waking the waiters. */
  private reach(position: number): void {
    if (position > this.head) {
      this.head = position;
      this.wake();
    }
  }

  /**
   * Moves the head at once and wakes the waiters once per event-loop turn: the hash subscription
   * hands out a page's positions one by one, and a wake per position made the dispatcher refresh
   * its registry per event instead of per batch (4 % of the http-commands server's CPU in a
   * profile, against 0.4 % per batch).
   */
  private reachSoon(position: number): void {
    if (position <= this.head) return;
    this.head = position;
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.wake();
    });
  }

  /** Whole events through the CheckpointedConsumer (adapters without a hash column). */
  private followEvents(): { stop(): Promise<void> } {
    const consumer = new CheckpointedConsumer({
      eventStore: this.options.eventStore,
      mode: 'subscription',
      handler: {
        checkpoint: () => this.head,
        handle: (_events, upTo) => {
          this.reach(upTo);
          return Promise.resolve();
        },
      },
      // Moving a number cannot fail: whatever goes wrong is the store's, and is waited out.
      isOutage: () => true,
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      ...(this.options.onRetry ? { onRetry: this.options.onRetry } : {}),
    });
    consumer.start();
    return { stop: () => consumer.stop() };
  }

  /**
   * The log's positions from its hash column: a subscription that fails or ends unasked (the
   * store closed or away) is waited out with backoff and resumed from the head seen, as the
   * consumer would.
   */
  private followHashes(source: LogHashSource): { stop(): Promise<void> } {
    const stopSignal = new AbortController();
    let subscription: LogHashSubscription | undefined;
    const loop = (async () => {
      let attempts = 0;
      let since: string | undefined;
      while (!stopSignal.signal.aborted) {
        subscription = source.subscribeToLogHashes({ after: this.head });
        let failure: unknown = new Error('the log subscription ended');
        try {
          for await (const { position } of subscription) {
            attempts = 0;
            since = undefined;
            this.reachSoon(position);
          }
        } catch (error) {
          failure = error;
        }
        if (stopSignal.signal.aborted) return;
        attempts += 1;
        since ??= new Date().toISOString();
        const retryInMs = backoffDelay(attempts, this.options.retry);
        const reason = failure instanceof Error ? failure.message : String(failure);
        this.options.onRetry?.({ reason, since, attempts, retryInMs });
        await pause(retryInMs, stopSignal.signal);
      }
    })();
    return {
      stop: async () => {
        stopSignal.abort();
        await subscription?.close();
        await loop;
      },
    };
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
    await this.following?.stop();
    this.wake();
  }
}
