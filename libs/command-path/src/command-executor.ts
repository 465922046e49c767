import { randomUUID } from 'node:crypto';
import type { AggregateDefinition, AnyDomainEvent, CommandMeta } from '@ledger/domain';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type ProposedEvent,
  type RecordedEvent,
  systemIsoClock,
} from '@ledger/event-store';
import type { CommandContext } from './command-context';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-path.errors';
import { deterministicUuid } from './deterministic-uuid';
import { FoldedStateCache, type FoldedStream } from './folded-state-cache';
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
  /**
   * Streams whose folded state is kept between commands (least recently used evicted), so a
   * command reads only the events after the kept revision; 0 re-reads every stream whole.
   */
  readonly foldedStateCacheSize?: number;
}

/** Enough for the streams a busy process works on at once; a project fold is kilobytes. */
export const DEFAULT_FOLDED_STATE_CACHE_SIZE = 1000;

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
  private readonly folded: FoldedStateCache;

  constructor(
    private readonly store: EventStore,
    options: CommandExecutorOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.clock = options.clock ?? systemIsoClock;
    this.folded = new FoldedStateCache(
      options.foldedStateCacheSize ?? DEFAULT_FOLDED_STATE_CACHE_SIZE,
    );
  }

  /** How many streams' folded states are kept now (bounded by `foldedStateCacheSize`). */
  get cachedStreams(): number {
    return this.folded.size;
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
    const current = await this.readFolded(aggregate, streamId);
    return { state: stateOf(aggregate, current), revision: current.revision };
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
      const current = await this.readFolded(aggregate, streamId);
      if (this.mayBeReplay(current, context)) {
        // The key's first event id is (probably) in the stream: the whole stream says what the
        // original command answered. Rare (a retried request), so the full read is fine here.
        const replay = this.findReplay(streamId, await this.store.readStream(streamId), context);
        if (replay) return replay;
      }

      const decided = aggregate.decider.decide(command, stateOf(aggregate, current));
      if (decided.length === 0) {
        return {
          streamId,
          revision: current.revision,
          position: current.position,
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
          current.revision >= 0 ? current.revision : 'no-stream',
        );
        this.remember(aggregate, streamId, current, result.events);
        return {
          streamId,
          revision: result.nextExpectedRevision,
          position: result.position,
          events: result.events,
          replayed: false,
        };
      } catch (error) {
        // Whatever went wrong, the next attempt (or command) starts from the store, not from a
        // fold that another writer may have overtaken.
        this.folded.drop(streamId);
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

  /**
   * The stream folded up to its head: the cached fold brought up to date with the events
   * recorded after it (by this process or any other), or the whole stream when none is cached.
   * Events come through the store, so they are upcast exactly as a full read would be.
   */
  private async readFolded<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    streamId: string,
  ): Promise<FoldedStream> {
    const cached = this.folded.get(streamId, aggregate);
    const from = cached ?? emptyFold(aggregate);
    const recorded = await this.store.readStream(streamId, { fromRevision: from.revision + 1 });
    if (recorded.length === 0) {
      if (cached === undefined) this.folded.put(streamId, from);
      return from;
    }
    if (recorded[0]!.revision !== from.revision + 1) {
      // Not the continuation of what was cached (a store replaced under a live process): start over.
      this.folded.drop(streamId);
      return this.extend(aggregate, emptyFold(aggregate), await this.store.readStream(streamId));
    }
    const current = this.extend(aggregate, from, recorded);
    this.folded.put(streamId, current);
    return current;
  }

  /** After an append: the fold moves on by the events just stored, if they follow it directly. */
  private remember<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    streamId: string,
    decidedOn: FoldedStream,
    appended: readonly RecordedEvent[],
  ): void {
    // An idempotent re-append answers the earlier events, which the fold already holds.
    if (appended.length === 0 || appended[0]!.revision !== decidedOn.revision + 1) {
      this.folded.drop(streamId);
      return;
    }
    this.folded.put(streamId, this.extend(aggregate, decidedOn, appended));
  }

  private extend<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    from: FoldedStream,
    recorded: readonly RecordedEvent[],
  ): FoldedStream {
    const last = recorded[recorded.length - 1];
    if (last === undefined) return from;
    for (const event of recorded) {
      if (event.metadata.idempotency !== undefined) from.keyedEventIds.add(event.id);
    }
    return {
      foldedBy: aggregate,
      state: this.fold(aggregate, recorded, stateOf(aggregate, from)),
      revision: last.revision,
      position: last.position,
      keyedEventIds: from.keyedEventIds,
    };
  }

  /** False only when the command's Idempotency-Key was certainly never used on this stream. */
  private mayBeReplay(current: FoldedStream, context: CommandContext): boolean {
    if (!context.idempotency) return false;
    return current.keyedEventIds.has(
      idempotentEventId(context.actor.sub, context.idempotency.key, 0),
    );
  }

  private fold<TCommand, TState, TEvent extends AnyDomainEvent>(
    aggregate: AggregateDefinition<TCommand, TState, TEvent>,
    recorded: readonly RecordedEvent[],
    from: TState,
  ): TState {
    let state = from;
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

/** Nothing folded yet: the stream before its first event. */
function emptyFold<TCommand, TState, TEvent extends AnyDomainEvent>(
  aggregate: AggregateDefinition<TCommand, TState, TEvent>,
): FoldedStream {
  return {
    foldedBy: aggregate,
    state: aggregate.decider.initialState,
    revision: -1,
    position: 0,
    keyedEventIds: new Set(),
  };
}

/**
 * The fold's state in its aggregate's type. Every fold is made by `extend`/`emptyFold` from
 * this aggregate's own initial state and evolve, and the cache answers a fold only to the
 * definition that made it (`foldedBy`), so the state is this aggregate's.
 */
function stateOf<TCommand, TState, TEvent extends AnyDomainEvent>(
  _aggregate: AggregateDefinition<TCommand, TState, TEvent>,
  fold: FoldedStream,
): TState {
  return fold.state as TState;
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
