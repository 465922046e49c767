import { PublicEventMapper, type PublicCloudEvent } from '@ledger/contracts';
import {
  backoffDelay,
  pause,
  type BackoffOptions,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { WebhookDeliveryFailures } from './webhook-delivery-failures';
import type { WebhookSecrets } from './webhook-secrets';
import { LogHeadWatcher } from './log-head-watcher';
import type { WebhookSender } from './webhook-sender';
import {
  WebhookSubscriptionRegistry,
  type KnownWebhookSubscription,
} from './webhook-subscription-registry';

export interface WebhookDispatcherOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly sender: WebhookSender;
  /** Where the subscriptions' secrets are kept, sealed (the api saves them there). */
  readonly secrets: WebhookSecrets;
  /** Records the pause as an event by the system actor (the command path, in the module). */
  readonly pauseFailing: (subscriptionId: string, consecutiveFailures: number) => Promise<void>;
  /** Failures in a row after which a subscription is paused. */
  readonly maxConsecutiveFailures: number;
  /** Waits between attempts of one message, and after a failed round (exponential, jittered). */
  readonly retry?: BackoffOptions;
  readonly batchSize?: number;
  readonly onError?: (subscriptionId: string, error: Error) => void;
}

/** The checkpoint name of one subscription: the last position it has been handed. */
export const webhookCheckpointName = (subscriptionId: string): string =>
  `webhook:${subscriptionId}`;

type RoundOutcome = 'more' | 'idle' | 'failed';

interface Cursor {
  /** Last position handled (delivered, or not for this subscription). */
  position: number;
  /** The position last saved as the subscription's durable checkpoint. */
  saved: number;
  mapper: PublicEventMapper;
  consecutiveFailures: number;
  /** Loaded once per cursor (a resume or replay makes a new cursor, so it is re-read then). */
  secret: string | null;
}

/**
 * Delivers the public events to every active webhook subscription, in the writer process and off
 * the command path. Per subscription: in log order, one message at a time, at least once (the
 * checkpoint is saved after the receiver said 2xx, so a crash re-sends at most the message in
 * flight), retried with exponential backoff and jitter; after `maxConsecutiveFailures` the
 * subscription is paused by the system actor, and its checkpoint stays on the failed message so a
 * resume starts there. Events a subscription does not take (internal, other programs or types:
 * most of the log) only move its checkpoint once at the end of the batch, not one durable write
 * each; a crash re-reads them and skips them again. Each subscription has its own cursor: a stuck receiver delays only itself.
 * Idle costs nothing: with every cursor at the head, the dispatcher sleeps until the log's live
 * subscription (LogHeadWatcher) says something was appended, and then reads only for the
 * subscriptions behind it.
 */
export class WebhookDispatcher {
  private readonly registry: WebhookSubscriptionRegistry;
  private readonly secrets: WebhookSecrets;
  readonly failures: WebhookDeliveryFailures;
  private readonly cursors = new Map<string, Cursor>();
  private readonly stopSignal = new AbortController();
  private loop: Promise<void> | undefined;
  private replays = new Map<string, number>();
  private readonly head: LogHeadWatcher;
  /** The round running now for a subscription (one at most). */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Failed rounds in a row of a subscription, and when it may be tried again. */
  private readonly retries = new Map<string, { failures: number; at: number }>();

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.head = new LogHeadWatcher({
      eventStore: options.eventStore,
      ...(options.retry ? { retry: options.retry } : {}),
      onRetry: ({ reason }) => options.onError?.('*', new Error(`log subscription: ${reason}`)),
    });
    this.registry = new WebhookSubscriptionRegistry(options.eventStore);
    this.secrets = options.secrets;
    this.failures = new WebhookDeliveryFailures(options.readStore);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the loop after the message in flight, the log subscription, and the sender's sockets. */
  async stop(): Promise<void> {
    this.stopSignal.abort();
    await this.loop;
    await this.head.stop();
    this.options.sender.close();
  }

  /**
   * Re-delivers from `from` (inclusive): moves the durable checkpoint back, and the running
   * cursor with it at the next round.
   */
  async replay(subscriptionId: string, from: number): Promise<void> {
    // Marked before the save: a round running now sees it and saves nothing over it.
    this.replays.set(subscriptionId, from - 1);
    await this.options.readStore.saveCheckpoint(webhookCheckpointName(subscriptionId), from - 1);
    this.head.wake();
  }

  private get stopped(): boolean {
    return this.stopSignal.signal.aborted;
  }

  /**
   * Sleeps until the log moves (the head watcher's subscription), a replay asks for it or a
   * round ends; then starts a round for each active subscription that is behind the head (or not
   * yet loaded) and has none running. Rounds run on their own: the loop never waits for one, so a
   * receiver that hangs or backs off holds up only its own subscription. A round that failed is
   * tried again after its own backoff (a timer wakes the loop), since nothing else would come
   * back to it while the log is quiet.
   */
  private async run(): Promise<void> {
    let failures = 0;
    let plaintextSealed = false;
    while (!this.stopped) {
      // Taken before the work: a change during it makes the wait below return at once.
      const seen = this.head.version;
      try {
        await this.head.start();
        // Secrets an earlier version stored in clear are sealed once, by the writer process.
        if (!plaintextSealed) {
          await this.secrets.sealPlaintext();
          plaintextSealed = true;
        }
        await this.registry.refresh();
        for (const subscription of this.registry.all()) {
          if (subscription.status === 'active' && this.isDue(subscription.subscriptionId)) {
            this.launch(subscription);
          }
        }
        failures = 0;
      } catch (error) {
        this.options.onError?.('*', error instanceof Error ? error : new Error(String(error)));
        failures += 1;
        await pause(backoffDelay(failures, this.options.retry), this.stopSignal.signal);
        continue;
      }
      await this.head.changedSince(seen, this.stopSignal.signal);
    }
    await Promise.all(this.inFlight.values());
  }

  /** Starts one round for one subscription; its end wakes the loop (there may be more). */
  private launch(subscription: KnownWebhookSubscription): void {
    const { subscriptionId } = subscription;
    const running = this.round(subscription).then((outcome) => {
      this.inFlight.delete(subscriptionId);
      if (outcome === 'failed') {
        const failures = (this.retries.get(subscriptionId)?.failures ?? 0) + 1;
        const delay = backoffDelay(failures, this.options.retry);
        this.retries.set(subscriptionId, { failures, at: Date.now() + delay });
        setTimeout(() => this.head.wake(), delay).unref();
      } else {
        this.retries.delete(subscriptionId);
        this.head.wake();
      }
    });
    this.inFlight.set(subscriptionId, running);
  }

  /** No round running, no backoff pending, and events to look at. */
  private isDue(subscriptionId: string): boolean {
    if (this.inFlight.has(subscriptionId)) return false;
    const retry = this.retries.get(subscriptionId);
    if (retry !== undefined && Date.now() < retry.at) return false;
    return this.isBehind(subscriptionId);
  }

  /** Whether a subscription has events to look at: unknown cursors and replays always do. */
  private isBehind(subscriptionId: string): boolean {
    if (this.replays.has(subscriptionId)) return true;
    const cursor = this.cursors.get(subscriptionId);
    return cursor === undefined || cursor.position < this.head.position;
  }

  /**
   * One batch for one subscription: `more` when it handled events (there may be more), `idle`
   * when it is caught up or paused, `failed` when a store or the secret failed it. The
   * checkpoint is saved after each delivery and once at the end for the events skipped since; a
   * failed round saves nothing more (the next one re-reads the skipped events, harmlessly).
   */
  private async round(subscription: KnownWebhookSubscription): Promise<RoundOutcome> {
    const { subscriptionId } = subscription;
    try {
      const cursor = await this.cursorOf(subscriptionId);
      const events = await this.options.eventStore.readAll({
        after: cursor.position,
        maxCount: this.options.batchSize ?? 500,
      });
      let outcome: RoundOutcome = events.length > 0 ? 'more' : 'idle';
      for (const event of events) {
        if (this.stopped) {
          outcome = 'idle';
          break;
        }
        // A replay asked for meanwhile: end here, the next round starts from it.
        if (this.replays.has(subscriptionId)) break;
        const delivered = await this.handle(subscription, cursor, event);
        if (!delivered) {
          // Paused (or stopping): re-warm from the checkpoint when it resumes.
          this.cursors.delete(subscriptionId);
          outcome = 'idle';
          break;
        }
      }
      // The skipped events up to the last one handled, so a resume starts at the next (for a
      // pause, the failed message).
      await this.saveCheckpoint(subscriptionId, cursor);
      return outcome;
    } catch (error) {
      this.cursors.delete(subscriptionId);
      this.options.onError?.(
        subscriptionId,
        error instanceof Error ? error : new Error(String(error)),
      );
      return 'failed';
    }
  }

  /** Where the subscription stands, warming a fresh mapper with the log up to its checkpoint. */
  private async cursorOf(subscriptionId: string): Promise<Cursor> {
    const replayFrom = this.replays.get(subscriptionId);
    if (replayFrom !== undefined) {
      this.replays.delete(subscriptionId);
      this.cursors.delete(subscriptionId);
    }
    const known = this.cursors.get(subscriptionId);
    if (known) return known;
    const checkpoint = webhookCheckpointName(subscriptionId);
    let saved: number;
    if (replayFrom === undefined) {
      saved = (await this.options.readStore.getCheckpoint(checkpoint)) ?? 0;
    } else {
      // Saved again: a round that ended while the replay's own save ran may have written after it.
      saved = replayFrom;
      await this.options.readStore.saveCheckpoint(checkpoint, saved);
    }
    const mapper = await PublicEventMapper.warmedTo(this.options.eventStore, saved);
    const cursor: Cursor = { position: saved, saved, mapper, consecutiveFailures: 0, secret: null };
    this.cursors.set(subscriptionId, cursor);
    return cursor;
  }

  /** Saves the cursor's position as the durable checkpoint, unless it is there or a replay waits. */
  private async saveCheckpoint(subscriptionId: string, cursor: Cursor): Promise<void> {
    if (cursor.position === cursor.saved || this.replays.has(subscriptionId)) return;
    await this.options.readStore.saveCheckpoint(
      webhookCheckpointName(subscriptionId),
      cursor.position,
    );
    cursor.saved = cursor.position;
  }

  /** False when the subscription was paused (or the dispatcher stops) before it went through. */
  private async handle(
    subscription: KnownWebhookSubscription,
    cursor: Cursor,
    event: RecordedEvent,
  ): Promise<boolean> {
    const message = cursor.mapper.map(event);
    if (message === null || !wants(subscription, message)) {
      // Nothing to send: the round's end saves the checkpoint past it.
      cursor.position = event.position;
      return true;
    }
    const delivered = await this.deliver(subscription, cursor, event, message);
    if (!delivered) return false;
    cursor.position = event.position;
    // The receiver has it: saved now, so a crash re-sends at most the message in flight.
    await this.saveCheckpoint(subscription.subscriptionId, cursor);
    return true;
  }

  private async deliver(
    subscription: KnownWebhookSubscription,
    cursor: Cursor,
    event: RecordedEvent,
    message: PublicCloudEvent,
  ): Promise<boolean> {
    const { subscriptionId, url } = subscription;
    cursor.secret ??= await this.secrets.load(subscriptionId);
    const secret = cursor.secret;
    if (secret === null) throw new Error(`no secret stored for webhook ${subscriptionId}`);
    const body = JSON.stringify(message);
    while (!this.stopped) {
      const result = await this.options.sender.send(url, message.id, body, secret);
      if (result.ok) {
        cursor.consecutiveFailures = 0;
        return true;
      }
      cursor.consecutiveFailures += 1;
      await this.failures.record({
        subscriptionId,
        eventId: message.id,
        eventPosition: event.position,
        attemptedAt: new Date().toISOString(),
        reason: result.reason,
        consecutiveFailures: cursor.consecutiveFailures,
      });
      if (cursor.consecutiveFailures >= this.options.maxConsecutiveFailures) {
        await this.options.pauseFailing(subscriptionId, cursor.consecutiveFailures);
        return false;
      }
      await pause(
        backoffDelay(cursor.consecutiveFailures, this.options.retry),
        this.stopSignal.signal,
      );
    }
    return false;
  }
}

/** The subscription's filter: its programs, and its types unless it takes them all. */
function wants(subscription: KnownWebhookSubscription, message: PublicCloudEvent): boolean {
  if (!subscription.programIds.includes(message.programid)) return false;
  return subscription.eventTypes === 'all' || subscription.eventTypes.includes(message.type);
}
