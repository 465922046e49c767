import type { RecordedEvent } from '../event-envelope';
import type { AllSubscription, EventStore } from '../event-store.port';
import { backoffDelay, pause, type BackoffOptions } from '../retry-backoff';
import type { ConsumerHandler } from './consumer-handler';
import { SubscriptionEndedError } from './subscription-ended.error';

/**
 * `catch-up-then-live`: bounded `readAll` batches (filtered by the handler's types) up to the
 * head, then one unfiltered subscription. `subscription`: one subscription from the checkpoint
 * (the store's own catch-up hands over to live with no gap), for a handler that needs every
 * event anyway and gains nothing from filtered reads.
 */
export type ConsumerMode = 'catch-up-then-live' | 'subscription';

/**
 * `retrying`: an outage interrupted the loop; it waits (backoff) and resumes from the
 * handler's checkpoint. `failed`: the handler itself failed; only a restart resumes it.
 */
export type ConsumerState =
  'idle' | 'catching-up' | 'live' | 'retrying' | 'stopping' | 'stopped' | 'failed';

/** Why the consumer is waiting to resume (a store it needs did not answer). */
export interface ConsumerDegradation {
  /** The store error, as a message. */
  readonly reason: string;
  /** When the current outage began (ISO 8601). */
  readonly since: string;
  /** Failed attempts since then. */
  readonly attempts: number;
  /** The wait before the next attempt (ms). */
  readonly retryInMs: number;
}

export interface CheckpointedConsumerOptions {
  readonly eventStore: EventStore;
  readonly handler: ConsumerHandler;
  /** Default `catch-up-then-live`. */
  readonly mode?: ConsumerMode;
  /** Upper bound on the events of one batch (catch-up read size, live batch). Default 5000. */
  readonly batchSize?: number;
  /**
   * Whether an error is an outage of a store (waited out, resumed from the checkpoint) rather
   * than the handler's own failure (stops the consumer: retrying would fail the same way).
   * Each owner knows its errors: the engine wraps store calls, the reactor wraps its policies.
   */
  readonly isOutage: (error: unknown) => boolean;
  /**
   * Wraps a failure of the consumer's own store calls (`operation`: `readAll`, `headPosition`,
   * `subscribeToAll`, `event store ping`) so that `isOutage` recognises it. Default: the cause
   * itself, as an Error.
   */
  readonly storeError?: (operation: string, cause: unknown) => Error;
  /** Waits between attempts to resume (exponential, jittered). Default 250 ms doubling to 30 s. */
  readonly retry?: BackoffOptions;
  /** Called when an outage makes the consumer wait and resume (for logs). */
  readonly onRetry?: (degraded: ConsumerDegradation) => void;
  /** Called once when the loop ends: with the handler's failure, or undefined when stopped. */
  readonly onEnd?: (failure: Error | undefined) => void;
}

const WAIT = Symbol('wait');
const nextMacrotask = (): Promise<typeof WAIT> =>
  new Promise((resolve) => setImmediate(() => resolve(WAIT)));

const asError = (value: unknown): Error =>
  value instanceof Error ? value : new Error(String(value));

/**
 * Follows `$all` for one handler from its checkpoint, one batch at a time, for as long as it
 * runs: the one loop behind the projection engine and the durable reactor.
 * - catch-up (mode `catch-up-then-live`): `readAll` after the checkpoint, `batchSize` events. A
 *   full batch covers the log up to its last event; a short one up to the head read just before
 *   it (positions become visible in increasing order), so the checkpoint also moves past events
 *   the handler does not read.
 * - live: `subscribeToAll` from the checkpoint, unfiltered. A batch is what the subscription
 *   hands out without waiting (up to `batchSize`). Only `stop()` may end it: an end without it is
 *   the server going away (SubscriptionEndedError), an outage.
 * - an outage (`isOutage`): the subscription is closed, `degraded` says why, the loop waits with
 *   exponential backoff and jitter, pings the event store and the handler's own store, and
 *   resumes from the checkpoint, for as long as it takes. Nothing is skipped; the handler makes
 *   a re-delivered prefix harmless.
 * - anything else (the handler's own failure) stops it: `state` 'failed', `onEnd(error)`.
 */
export class CheckpointedConsumer {
  private readonly handler: ConsumerHandler;
  private readonly batchSize: number;
  private currentState: ConsumerState = 'idle';
  private failure: Error | undefined;
  private stopRequested = false;
  private loop: Promise<void> | undefined;
  private subscription: AllSubscription | undefined;
  private degradation: ConsumerDegradation | undefined;
  /** Failed attempts, and when they began, since a batch last went through. */
  private outage: { attempts: number; since: string } | undefined;
  private readonly stopSignal = new AbortController();
  private wakeLive: (() => void) | undefined;

  constructor(private readonly options: CheckpointedConsumerOptions) {
    this.handler = options.handler;
    this.batchSize = options.batchSize ?? 5000;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
    }
  }

  get state(): ConsumerState {
    return this.currentState;
  }

  /** The handler's failure that stopped the loop, if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Why the loop is waiting to resume, while a store it needs is away (else undefined). */
  get degraded(): ConsumerDegradation | undefined {
    return this.degradation;
  }

  /** Whether stop() was called: a handler may end a batch early on it. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  /** Whether the loop runs (so betweenBatches will be called). */
  get running(): boolean {
    return ['catching-up', 'live', 'retrying', 'stopping'].includes(this.currentState);
  }

  /** Starts the loop from the handler's checkpoint (the owner loads it first). */
  start(): void {
    if (this.currentState !== 'idle') {
      throw new Error(`cannot start: consumer is ${this.currentState}`);
    }
    this.currentState = this.mode() === 'subscription' ? 'live' : 'catching-up';
    this.loop = this.run();
  }

  /**
   * Catch-up only, no retry: applies the log from the checkpoint up to its head, then goes back
   * to idle (callable again). Errors reject; the owner decides what they mean.
   */
  async catchUpToHead(): Promise<void> {
    if (this.currentState !== 'idle') {
      throw new Error(`cannot catch up: consumer is ${this.currentState}`);
    }
    this.currentState = 'catching-up';
    try {
      await this.catchUp();
    } finally {
      if (this.currentState === 'catching-up') this.currentState = 'idle';
    }
  }

  /** Lets the handler's betweenBatches run now rather than at the next live event. */
  wake(): void {
    this.wakeLive?.();
  }

  /** Finishes the batch in flight, then stops; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.currentState === 'idle') {
      this.finish();
      return;
    }
    if (['catching-up', 'live', 'retrying'].includes(this.currentState)) {
      this.currentState = 'stopping';
    }
    this.stopSignal.abort();
    await this.subscription?.close();
    await this.loop;
  }

  private mode(): ConsumerMode {
    return this.options.mode ?? 'catch-up-then-live';
  }

  private async run(): Promise<void> {
    while (!this.stopRequested) {
      try {
        if (this.outage) await this.pingStores();
        if (this.mode() === 'catch-up-then-live') {
          this.currentState = 'catching-up';
          await this.catchUp();
          if (this.stopRequested) break;
        }
        this.currentState = 'live';
        await this.followLive();
      } catch (error) {
        if (!this.options.isOutage(error)) {
          this.fail(error);
          return;
        }
        if (this.stopRequested) break;
        await this.waitOut(error);
      }
    }
    this.finish();
  }

  /**
   * Back from a pause: resume only once the stores answer (a batch with nothing to write would
   * otherwise look like a recovery while the handler's store is still away).
   */
  private async pingStores(): Promise<void> {
    const { eventStore } = this.options;
    await this.storeCall('event store ping', () => eventStore.ping());
    await this.handler.ping?.();
    // A subscription from an idle log delivers no batch to prove the recovery: the answering
    // stores are the proof. Catch-up always applies a batch, which clears it there.
    if (this.mode() === 'subscription') this.degradation = undefined;
  }

  private async waitOut(error: unknown): Promise<void> {
    this.outage = {
      attempts: (this.outage?.attempts ?? 0) + 1,
      since: this.outage?.since ?? new Date().toISOString(),
    };
    const retryInMs = backoffDelay(this.outage.attempts, this.options.retry);
    this.degradation = { reason: asError(error).message, ...this.outage, retryInMs };
    this.currentState = 'retrying';
    this.options.onRetry?.(this.degradation);
    await pause(retryInMs, this.stopSignal.signal);
  }

  private async catchUp(): Promise<void> {
    const { eventStore } = this.options;
    const filter = this.handler.eventTypes ? { eventTypes: this.handler.eventTypes } : undefined;
    while (!this.stopRequested) {
      // Catch-up over a local store can run on microtasks alone; let HTTP and timers in
      // between two batches so a process catching up keeps answering (health, queries).
      await nextMacrotask();
      await this.handler.betweenBatches?.();
      const after = this.handler.checkpoint();
      // Read before the batch: everything at or below it is visible to the read that follows.
      const head = await this.storeCall('headPosition', () => eventStore.headPosition());
      const events = await this.storeCall('readAll', () =>
        eventStore.readAll({ after, maxCount: this.batchSize, ...(filter ? { filter } : {}) }),
      );
      const last = events[events.length - 1]?.position ?? after;
      const full = events.length === this.batchSize;
      await this.handle(events, full ? last : Math.max(head, last));
      if (!full) return;
    }
  }

  private async followLive(): Promise<void> {
    const subscription = this.options.eventStore.subscribeToAll({
      after: this.handler.checkpoint(),
    });
    this.subscription = subscription;
    // stop() may have come while this attempt was starting: it closed no subscription then.
    if (this.stopRequested) await subscription.close();
    const events = subscription[Symbol.asyncIterator]();
    // A subscription that fails (server restart, leader change, dropped connection) is a store
    // error like any other: the run loop resubscribes from the checkpoint after a pause.
    const next = (): Promise<IteratorResult<RecordedEvent>> =>
      events.next().catch((cause: unknown) => {
        throw this.storeError('subscribeToAll', cause);
      });
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    try {
      while (!this.stopRequested) {
        // Re-driving a long log from a subscription also runs on microtasks: yield per batch.
        await nextMacrotask();
        await this.handler.betweenBatches?.();
        pending ??= next();
        const woken = new Promise<typeof WAIT>((resolve) => {
          this.wakeLive = () => resolve(WAIT);
        });
        const first = await Promise.race([pending, woken]);
        this.wakeLive = undefined;
        if (first === WAIT) continue;
        pending = undefined;
        if (first.done) break;
        const batch = [first.value];
        let ended = false;
        // Take what the subscription hands out without waiting; a step that would wait is kept
        // for the next batch.
        while (batch.length < this.batchSize) {
          pending = next();
          pending.catch(() => undefined);
          const step = await Promise.race([pending, nextMacrotask()]);
          if (step === WAIT) break;
          pending = undefined;
          if (step.done) {
            ended = true;
            break;
          }
          batch.push(step.value);
        }
        await this.handle(batch, batch[batch.length - 1]?.position ?? this.handler.checkpoint());
        if (ended) break;
      }
      if (!this.stopRequested)
        throw this.storeError('subscribeToAll', new SubscriptionEndedError());
    } finally {
      await subscription.close();
      if (this.subscription === subscription) this.subscription = undefined;
    }
  }

  private async handle(events: readonly RecordedEvent[], upTo: number): Promise<void> {
    await this.handler.handle(events, upTo);
    // A batch went through: whatever outage there was is over.
    this.outage = undefined;
    this.degradation = undefined;
  }

  private async storeCall<T>(operation: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (cause) {
      throw this.storeError(operation, cause);
    }
  }

  private storeError(operation: string, cause: unknown): Error {
    return this.options.storeError?.(operation, cause) ?? asError(cause);
  }

  private finish(): void {
    if (this.currentState === 'failed' || this.currentState === 'stopped') return;
    this.currentState = 'stopped';
    this.options.onEnd?.(undefined);
  }

  private fail(error: unknown): void {
    this.failure = asError(error);
    this.outage = undefined;
    this.degradation = undefined;
    this.currentState = 'failed';
    this.options.onEnd?.(this.failure);
  }
}
