import {
  CheckpointedConsumer,
  type BackoffOptions,
  type ConsumerDegradation,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import { actorFromRecord } from '@ledger/domain';
import type { CommandExecutor } from './command-executor';
import { ReactionFailedError, runReactions, type FollowUpResult, type Reaction } from './reaction';

/**
 * Events of one batch: the consumer yields to the event loop between batches, so re-driving a
 * long log keeps the process answering HTTP meanwhile.
 */
const BATCH_SIZE = 200;

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
export type ReactorDegradation = ConsumerDegradation;

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
 * harmless. The loop, the batching and the outage handling are the CheckpointedConsumer's (the
 * projection engine's too); this class is its handler.
 */
export class DurableReactor {
  readonly failed: Promise<Error>;
  private reportFailure: (error: Error) => void = () => undefined;
  private position = 0;
  private readonly name: string;
  private readonly types: ReadonlySet<string>;
  private readonly consumer: CheckpointedConsumer;

  constructor(private readonly options: DurableReactorOptions) {
    this.name = options.name ?? 'reactor';
    this.types = new Set(options.reactions.flatMap((reaction) => reaction.on));
    this.failed = new Promise((resolve) => {
      this.reportFailure = resolve;
    });
    this.consumer = new CheckpointedConsumer({
      eventStore: options.eventStore,
      // One subscription from the checkpoint: every event goes through `handle` one by one
      // anyway (its checkpoint is saved per reacted event), so filtered catch-up reads would
      // buy nothing, and the store's own catch-up hands over to live with no gap.
      mode: 'subscription',
      batchSize: BATCH_SIZE,
      handler: {
        checkpoint: () => this.position,
        handle: (events) => this.handle(events),
        // The checkpoint store answers before an outage counts as over.
        ping: async () => {
          await options.checkpoints.getCheckpoint(this.name);
        },
      },
      // Only a reaction policy that throws is the reactor's own failure; anything else (the
      // subscription failing or ending unasked, an append, a checkpoint) is a store away.
      isOutage: (error) => !(error instanceof ReactionFailedError),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      onEnd: (failure) => {
        if (failure) this.reportFailure(failure);
      },
    });
  }

  /** Why it stopped, if it failed (health reports it). */
  get error(): Error | undefined {
    return this.consumer.error;
  }

  /** Why it is waiting to resume, while a store it needs is away (else undefined). */
  get degraded(): ReactorDegradation | undefined {
    return this.consumer.degraded;
  }

  /** The log position whose follow-ups have all run. */
  get checkpoint(): number {
    return this.position;
  }

  async start(): Promise<void> {
    this.position = (await this.options.checkpoints.getCheckpoint(this.name)) ?? 0;
    this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  /**
   * Re-drives each event's reactions, then saves the checkpoint at it (a failed save re-drives
   * the event on resume, harmlessly); events no reaction handles only move it in memory,
   * cheaply, until the next save. Stops between two events once asked to.
   */
  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (this.types.has(event.type)) {
        await this.redrive(event);
        await this.options.checkpoints.saveCheckpoint(this.name, event.position);
      }
      this.position = event.position;
      if (this.consumer.stopping) return;
    }
  }

  private async redrive(event: RecordedEvent): Promise<void> {
    const { actor, correlationId } = event.metadata;
    const results = await runReactions(this.options.executor, this.options.reactions, [event], {
      actor: actorFromRecord(actor),
      correlationId,
      commandId: event.metadata.commandId,
    });
    for (const result of results) this.options.onFollowUp?.(event, result);
  }
}
