import { Inject, Injectable } from '@nestjs/common';
import {
  replayBitemporal,
  stateTimeline,
  toJsonState,
  jsonPatch,
  type BitemporalMoment,
  type Evolve,
  type JsonPatchOperation,
  type ReplayedEventRef,
  type TimelineEntry,
} from '@ledger/audit';
import type { AggregateDefinition, AnyDomainEvent } from '@ledger/domain';
import {
  EVENT_STORE,
  storedEvents,
  type EventStore,
  type JsonValue,
  type RecordedEvent,
} from '@ledger/event-store';

/** An aggregate replayed at a moment: what GET /api/audit/.../state answers besides kind and id. */
export interface ReplayedState {
  readonly asOf: string | null;
  readonly effectiveOn: string | null;
  readonly state: JsonValue;
  readonly lastEvent: ReplayedEventRef | null;
  readonly eventsApplied: number;
  readonly eventsSkippedAsNotYetEffective: number;
}

/** Where a revision-paged listing stops: the revision to ask for next, or null at the end. */
export interface RevisionPage<T> {
  readonly items: readonly T[];
  readonly next: number | null;
}

export interface StreamEventsFilter {
  readonly fromRevision: number;
  readonly limit: number;
  readonly type?: string;
  readonly recordedFrom?: string;
  readonly recordedTo?: string;
}

/** Bounded reads: a stream is read in batches of this many events. */
const READ_BATCH = 500;

/** The definition's evolve over the stream's (current-shape) events: the type is the stored one. */
const evolveOf = <TState>(
  definition: AggregateDefinition<unknown, TState, AnyDomainEvent>,
): Evolve<TState> => definition.decider.evolve.bind(definition.decider);

/**
 * Replay from the log, never from read models (issue 10 §1). The folds read the app's store
 * (upcast to current shapes, as the command path folds); the raw listing reads the stored
 * events under it, so its hashes are the stored ones.
 */
@Injectable()
export class AuditReplay {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Does the stream hold any event? */
  async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }

  /** The stored envelopes of a stream, by revision, filtered; reads until a page is full. */
  async storedEvents(
    streamId: string,
    filter: StreamEventsFilter,
  ): Promise<RevisionPage<RecordedEvent>> {
    const raw = storedEvents(this.store);
    const from = filter.recordedFrom === undefined ? undefined : Date.parse(filter.recordedFrom);
    const to = filter.recordedTo === undefined ? undefined : Date.parse(filter.recordedTo);
    const items: RecordedEvent[] = [];
    let revision = filter.fromRevision;
    for (;;) {
      const batch = await raw.readStream(streamId, {
        fromRevision: revision,
        maxCount: READ_BATCH,
      });
      for (const [index, event] of batch.entries()) {
        revision = event.revision + 1;
        const recorded = Date.parse(event.recordedAt);
        if (filter.type !== undefined && event.type !== filter.type) continue;
        if (from !== undefined && recorded < from) continue;
        if (to !== undefined && recorded > to) continue;
        items.push(event);
        if (items.length === filter.limit) {
          // A later event of this batch already says there is more; only the batch's last reads on.
          const more =
            index + 1 < batch.length ||
            (await raw.readStream(streamId, { fromRevision: revision, maxCount: 1 })).length > 0;
          return { items, next: more ? revision : null };
        }
      }
      if (batch.length < READ_BATCH) return { items, next: null };
    }
  }

  async state<TState>(
    definition: AggregateDefinition<unknown, TState, AnyDomainEvent>,
    streamId: string,
    moment: BitemporalMoment,
  ): Promise<ReplayedState> {
    const events = await this.store.readStream(streamId);
    const replay = replayBitemporal(
      evolveOf(definition),
      definition.decider.initialState,
      events,
      moment,
    );
    return {
      asOf: moment.asOf ?? null,
      effectiveOn: moment.effectiveOn ?? null,
      state: toJsonState(replay.state),
      lastEvent: replay.lastEvent,
      eventsApplied: replay.eventsApplied,
      eventsSkippedAsNotYetEffective: replay.eventsSkippedAsNotYetEffective,
    };
  }

  async timeline<TState>(
    definition: AggregateDefinition<unknown, TState, AnyDomainEvent>,
    streamId: string,
    page: { readonly fromRevision: number; readonly limit: number },
  ): Promise<RevisionPage<TimelineEntry>> {
    const events = await this.store.readStream(streamId);
    const items = stateTimeline(
      evolveOf(definition),
      definition.decider.initialState,
      events,
      page,
    );
    const last = items.at(-1);
    const next = last && last.revision + 1 < events.length ? last.revision + 1 : null;
    return { items, next };
  }

  /**
   * The patch from the state at one moment to the state at another. A moment is a recorded time
   * or a revision (the state after it); an omitted start is the initial state, an omitted end now.
   */
  async diff<TState>(
    definition: AggregateDefinition<unknown, TState, AnyDomainEvent>,
    streamId: string,
    from: Moment,
    to: Moment,
  ): Promise<{
    from: ReplayedEventRef | null;
    to: ReplayedEventRef | null;
    patch: JsonPatchOperation[];
  }> {
    const events = await this.store.readStream(streamId);
    const at = (moment: Moment) =>
      replayBitemporal(
        evolveOf(definition),
        definition.decider.initialState,
        moment.kind === 'revision'
          ? events.filter((event) => event.revision <= moment.revision)
          : moment.kind === 'start'
            ? []
            : events,
        moment.kind === 'recorded' ? { asOf: moment.at } : {},
      );
    const before = at(from);
    const after = at(to);
    return {
      from: before.lastEvent,
      to: after.lastEvent,
      patch: jsonPatch(toJsonState(before.state), toJsonState(after.state)),
    };
  }
}

/** A point of a diff: before every event, a recorded time, a revision, or now. */
export type Moment =
  | { readonly kind: 'start' }
  | { readonly kind: 'now' }
  | { readonly kind: 'recorded'; readonly at: string }
  | { readonly kind: 'revision'; readonly revision: number };
