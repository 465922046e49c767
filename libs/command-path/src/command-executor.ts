import { randomUUID } from 'node:crypto';
import type { AggregateDefinition, AnyDomainEvent, CommandMeta } from '@ledger/domain';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type ProposedEvent,
  type RecordedEvent,
} from '@ledger/event-store';
import type { CommandContext } from './command-context';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-path.errors';
import { deterministicUuid } from './deterministic-uuid';
import { KeyedMutex } from './keyed-mutex';

/** What a command did: the stream's new head and the events it appended (none for a no-op). */
export interface CommandOutcome {
  readonly streamId: string;
  /** Head revision of the stream after the command (-1 if the stream still does not exist). */
  readonly revision: number;
  /** Global position of the last event appended, or of the stream head when nothing was. */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
  /** True when an Idempotency-Key matched an earlier command: nothing new was appended. */
  readonly replayed: boolean;
}

export interface CommandExecutorOptions {
  /** Attempts before a concurrency conflict is given up as 409 (P2). */
  readonly maxAttempts?: number;
  readonly clock?: () => string;
}

/** A domain command is built by the shell once the decision time is known. */
export type CommandFactory<TCommand> = (meta: CommandMeta) => TCommand;

/** A stream folded into its aggregate's state, and the revision that state was read at. */
export interface LoadedAggregate<TState> {
  readonly state: TState;
  /** Head revision of the stream (-1 if it does not exist yet). */
  readonly revision: number;
}

/**
 * The one command handler template: load the stream → fold → decide → append with the revision
 * that was read → on a concurrency conflict re-load and re-decide, a bounded number of times.
 * Deciding is the domain's; this class only moves events. The store answers current shapes
 * (open it with `upcasting(store, EVENT_SCHEMAS)`): an event read in another version is refused.
 */
export class CommandExecutor {
  private readonly maxAttempts: number;
  private readonly clock: () => string;
  private readonly streamLocks = new KeyedMutex();

  constructor(
    private readonly store: EventStore,
    options: CommandExecutorOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.clock = options.clock ?? (() => new Date().toISOString());
  }

  execute<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    streamId: string,
    buildCommand: CommandFactory<TCommand>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    return this.streamLocks.run(streamId, () =>
      this.decideAndAppend(aggregate, streamId, buildCommand, context),
    );
  }

  /** Folds a stream into the aggregate's current state (also used by look-ups of cross-aggregate facts). */
  async load<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    streamId: string,
  ): Promise<LoadedAggregate<TState>> {
    const recorded = await this.store.readStream(streamId);
    return {
      state: this.fold(aggregate, recorded),
      revision: recorded.length === 0 ? -1 : recorded[recorded.length - 1]!.revision,
    };
  }

  private async decideAndAppend<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    streamId: string,
    buildCommand: CommandFactory<TCommand>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const now = this.clock();
    const meta: CommandMeta = {
      actor: { sub: context.actor.sub, roles: context.actor.roles },
      now,
      effectiveAt: context.effectiveAt ?? now,
    };
    const command = buildCommand(meta);

    for (let attempt = 1; ; attempt += 1) {
      const recorded = await this.store.readStream(streamId);
      const replay = this.findReplay(streamId, recorded, context);
      if (replay) return replay;

      const head = recorded[recorded.length - 1];
      const state = this.fold(aggregate, recorded);
      const decided = aggregate.decider.decide(command, state);
      if (decided.length === 0) {
        return {
          streamId,
          revision: head?.revision ?? -1,
          position: head?.position ?? 0,
          events: [],
          replayed: false,
        };
      }

      const proposed = decided.map((event, index) =>
        this.propose(aggregate, event, index, meta, context),
      );
      try {
        const result = await this.store.append(
          streamId,
          proposed,
          head ? head.revision : 'no-stream',
        );
        return {
          streamId,
          revision: result.nextExpectedRevision,
          position: result.position,
          events: result.events,
          replayed: false,
        };
      } catch (error) {
        if (error instanceof DuplicateEventIdError && context.idempotency) {
          // A concurrent request with the same key won the race (same stream), or the key was
          // used on another stream: the re-read on the next attempt tells which.
          const again = this.findReplay(streamId, await this.store.readStream(streamId), context);
          if (again) return again;
          throw new IdempotencyKeyReusedError(context.idempotency.key);
        }
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= this.maxAttempts) throw new ConcurrencyConflictError(streamId, attempt);
        await backoff(attempt);
      }
    }
  }

  private fold<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    recorded: readonly RecordedEvent[],
  ): TState {
    let state = aggregate.decider.initialState;
    for (const event of recorded) {
      const current = versionOf(aggregate, event.type);
      if (current === undefined) {
        throw new Error(
          `${aggregate.name} does not know event type ${event.type} (${event.streamId}@${event.revision})`,
        );
      }
      if (event.schemaVersion > current) {
        throw new Error(
          `${event.type} v${event.schemaVersion} is newer than this build understands (v${current})`,
        );
      }
      if (event.schemaVersion < current) {
        // P6: upcasting happens once, on read (UpcastingEventStore); folding an old shape here
        // would decide on a state the domain never defined.
        throw new Error(
          `${event.type} v${event.schemaVersion} read where v${current} is current ` +
            `(${event.streamId}@${event.revision}): open the store with upcasting()`,
        );
      }
      // The stored type is one the definition declares (checked above) in its current version:
      // that is what the aggregate's event union describes.
      state = aggregate.decider.evolve(state, { type: event.type, data: event.data } as TEvent);
    }
    return state;
  }

  private propose<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    event: TEvent,
    index: number,
    meta: CommandMeta,
    context: CommandContext,
  ): ProposedEvent {
    const schemaVersion = versionOf(aggregate, event.type);
    if (schemaVersion === undefined) {
      throw new Error(`${aggregate.name} decided an event type it does not declare: ${event.type}`);
    }
    return {
      id: context.idempotency
        ? idempotentEventId(context.actor.sub, context.idempotency.key, index)
        : randomUUID(),
      type: event.type,
      schemaVersion,
      data: event.data as JsonObject,
      metadata: {
        effectiveAt: meta.effectiveAt,
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId ?? context.commandId,
        commandId: context.commandId,
        ...(context.idempotency ? { idempotency: context.idempotency } : {}),
      },
    };
  }

  /**
   * P3: the first event of a keyed command has an id derived from (caller, key). Finding it in
   * the stream means this command already ran: answer what it answered then, if the request is
   * the same one, and refuse the key otherwise.
   */
  private findReplay(
    streamId: string,
    recorded: readonly RecordedEvent[],
    context: CommandContext,
  ): CommandOutcome | undefined {
    if (!context.idempotency) return undefined;
    const firstId = idempotentEventId(context.actor.sub, context.idempotency.key, 0);
    const first = recorded.find((event) => event.id === firstId);
    if (!first) return undefined;
    if (first.metadata.idempotency?.requestHash !== context.idempotency.requestHash) {
      throw new IdempotencyKeyReusedError(context.idempotency.key);
    }
    const original = recorded.filter(
      (event) => event.metadata.commandId === first.metadata.commandId,
    );
    const last = original[original.length - 1]!;
    return {
      streamId,
      revision: last.revision,
      position: last.position,
      events: original,
      replayed: true,
    };
  }
}

/** The current schemaVersion of a type, or undefined when the aggregate does not declare it. */
function versionOf<TCommand, TState, TEvent extends AnyDomainEvent>(
  aggregate: AggregateDefinition<TCommand, TState, TEvent>,
  type: string,
): number | undefined {
  const versions: Readonly<Record<string, number>> = aggregate.schemaVersions;
  return Object.hasOwn(versions, type) ? versions[type] : undefined;
}

export function idempotentEventId(sub: string, key: string, index: number): string {
  return deterministicUuid(`delivery-ledger/idempotency\n${sub}\n${key}\n${index}`);
}

/** Jittered, growing pause so that competing writers in other processes spread out. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * 5 * attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
