import type { AllSubscription, EventStore, RecordedEvent } from '@ledger/event-store';
import type { CommandExecutor } from './execute-command';
import { runReactions, type FollowUpResult, type Reaction } from './reaction';

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
 * the triggering fact stays true. Any other error stops the reactor (`failed`), nothing skipped.
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

  /** The log position whose follow-ups have all run. */
  get checkpoint(): number {
    return this.position;
  }

  async start(): Promise<void> {
    this.position = (await this.options.checkpoints.getCheckpoint(this.name)) ?? 0;
    this.subscription = this.options.eventStore.subscribeToAll({ after: this.position });
    this.loop = this.run(this.subscription);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    await this.loop;
  }

  private async run(subscription: AllSubscription): Promise<void> {
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
        if (handled) await this.redrive(event);
        this.position = event.position;
        // Saved for every handled event; others only move it in memory, cheaply, until the next.
        if (handled) await this.options.checkpoints.saveCheckpoint(this.name, this.position);
        if (this.stopping) break;
      }
    } catch (error) {
      if (this.stopping) return;
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.reportFailure(this.failure);
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
