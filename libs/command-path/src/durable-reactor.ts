import {
  backoffDelay,
  pause,
  type AllSubscription,
  type BackoffOptions,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import type { CommandExecutor } from './execute-command';
import {
  ReactionFailedError,
  runReactions,
  type FollowUpResult,
  type Reaction,
} from './reaction';

/** Events handled between two yields to the event loop. */
const YIELD_EVERY = 200;

/** Where the reactor keeps how far it got (the read store's checkpoints fit this shape). */
export interface ReactorCheckpoints {
  getCheckpoint(name: string): Promise<number | null>;
  saveCheckpoint(name: string, position: number): Promise<void>;
}

export interface DurableReactorOptions {
  readonly eventStore: EventStore;
  readonly executor: CommandExecutor;
  readonly reactions: readonly Reaction[];
  readonly checkpoints: ReactorCheckpoints;
  /** The checkpoint's name. Default `reactor`. */
  readonly name?: string;
  /** Called for every follow-up it ran (appended, already there, or refused). */
  readonly onFollowUp?: (event: RecordedEvent, result: FollowUpResult) => void;
  /** Waits between attempts after a store error. Default: 250 ms doubling up to 30 s, jittered. */
  readonly retry?: BackoffOptions;
  /** Called when a store error makes the reactor wait and resume (for logs). */
  readonly onRetry?: (degraded: ReactorDegradation) => void;
}

/** Why the reactor is waiting to resume. */
export interface ReactorDegradation {
  readonly reason: string;
  /** When the current outage began (ISO 8601). */
  readonly since: string;
  readonly attempts: number;
  readonly retryInMs: number;
}

/**
 * Re-drives the reactions from the log, so a follow-up is never lost (issue 4): the api runs
 * a command's reactions right after it (fast path, answered in the response), but a process
 * that dies between the command's append and its follow-up's would leave e.g. an approved
 * handover never recorded on the project. This reactor follows `$all` from its checkpoint and
 * runs every reaction again for each event. Follow-ups carry an idempotency key derived from
 * (reaction, event id), so one already appended by the fast path (or by an earlier run) is found
 * and nothing is written twice. The checkpoint moves after the event's follow-ups ran, so a
 * crash re-drives at most the events since the last checkpoint, harmlessly.
 *
 * A follow-up the target refuses (a DomainError) is reported through onFollowUp and skipped:
 * the triggering fact stays true. A reaction policy that throws (ReactionFailedError: a bug)
 * stops the reactor (`failed`), nothing skipped. Anything else is taken for an outage of a store
 * (the subscription failing or ending unasked, an append or a checkpoint that fails): the
 * reactor reports it (`degraded`), waits with exponential backoff and jitter, and resubscribes
 * from its checkpoint, for as long as it takes; the derived keys make the re-driven prefix
 * harmless.
 */
export class DurableReactor {
  readonly failed: Promise<Error>;
  private reportFailure: (error: Error) => void = () => undefined;
  private subscription: AllSubscription | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private position = 0;
  private readonly name: string;
  private readonly types: ReadonlySet<string>;
  private failure: Error | undefined;
  private degradation: ReactorDegradation | undefined;
  /** Failed attempts, and when they began, since an event last went through. */
  private outage: { attempts: number; since: string } | undefined;
  private readonly stopSignal = new AbortController();

  constructor(private readonly options: DurableReactorOptions) {
    this.name = options.name ?? 'reactor';
    this.types = new Set(options.reactions.flatMap((reaction) => reaction.on));
    this.failed = new Promise((resolve) => {
      this.reportFailure = resolve;
    });
  }

  /** Why it stopped, if it failed (health reports it). */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Why it is waiting to resume, while a store it needs is away (else undefined). */
  get degraded(): ReactorDegradation | undefined {
    return this.degradation;
  }

  /** The log position whose follow-ups have all run. */
  get checkpoint(): number {
    return this.position;
  }

  async start(): Promise<void> {
    this.position = (await this.options.checkpoints.getCheckpoint(this.name)) ?? 0;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.abort();
    await this.subscription?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (this.degradation) {
          // Back from a pause: both stores answer before it counts as recovered.
          await this.options.eventStore.ping();
          await this.options.checkpoints.getCheckpoint(this.name);
          this.degradation = undefined;
        }
        await this.follow();
        if (this.stopping) return;
        // Only close() may end a subscription; an end without it is the server going away.
        throw new Error('the subscription to $all ended without close()');
      } catch (error) {
        if (this.stopping) return;
        if (error instanceof ReactionFailedError) {
          this.degradation = undefined;
          this.failure = error;
          this.reportFailure(error);
          return;
        }
        this.outage = {
          attempts: (this.outage?.attempts ?? 0) + 1,
          since: this.outage?.since ?? new Date().toISOString(),
        };
        const retryInMs = backoffDelay(this.outage.attempts, this.options.retry);
        this.degradation = {
          reason: error instanceof Error ? error.message : String(error),
          ...this.outage,
          retryInMs,
        };
        this.options.onRetry?.(this.degradation);
        await pause(retryInMs, this.stopSignal.signal);
      }
    }
  }

  /** One subscription from the checkpoint, until it ends or fails. */
  private async follow(): Promise<void> {
    const subscription = this.options.eventStore.subscribeToAll({ after: this.position });
    this.subscription = subscription;
    // stop() may have come while this attempt was starting: it closed no subscription then.
    if (this.stopping) await subscription.close();
    try {
      let sinceYield = 0;
      for await (const event of subscription) {
        // Re-driving a long log runs on microtasks over a local store: yield now and then so
        // the process keeps answering HTTP meanwhile.
        if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
        const handled = this.types.has(event.type);
        if (handled) {
          await this.redrive(event);
          await this.options.checkpoints.saveCheckpoint(this.name, event.position);
        }
        // Moved once saved (a failed save re-drives the event on resume, harmlessly); events
        // no reaction handles only move it in memory, cheaply, until the next save.
        this.position = event.position;
        // An event went through: whatever outage there was is over.
        this.outage = undefined;
        this.degradation = undefined;
        if (this.stopping) break;
      }
    } finally {
      await subscription.close();
      if (this.subscription === subscription) this.subscription = undefined;
    }
  }

  private async redrive(event: RecordedEvent): Promise<void> {
    const { actor, correlationId } = event.metadata;
    const results = await runReactions(this.options.executor, this.options.reactions, [event], {
      actor,
      correlationId,
      commandId: event.metadata.commandId,
    });
    for (const result of results) this.options.onFollowUp?.(event, result);
  }
}
