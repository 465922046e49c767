import type { RecordedEvent } from '@ledger/event-store';

/** The two times an auditor can fix (ARCHITECTURE P4: every event has both). */
export interface BitemporalMoment {
  /** Recorded time (ISO 8601): only events the store had recorded by then. Omitted: now. */
  readonly asOf?: string;
  /** Business date (YYYY-MM-DD): only facts effective on or before that day (UTC). Omitted: all. */
  readonly effectiveOn?: string;
}

/** Where an event sits in the log and in time: what the answer names as the last one applied. */
export interface ReplayedEventRef {
  readonly position: number;
  readonly revision: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly effectiveAt: string;
}

export interface BitemporalReplay<TState> {
  readonly state: TState;
  readonly lastEvent: ReplayedEventRef | null;
  readonly eventsApplied: number;
  /** Recorded by `asOf` but effective after `effectiveOn`: left out of the fold. */
  readonly eventsSkippedAsNotYetEffective: number;
}

/** `evolve` as a definition declares it, over the event shape the stream holds. */
export type Evolve<TState> = (state: TState, event: { type: string; data: unknown }) => TState;

export const eventRef = (event: RecordedEvent): ReplayedEventRef => ({
  position: event.position,
  revision: event.revision,
  type: event.type,
  recordedAt: event.recordedAt,
  effectiveAt: event.metadata.effectiveAt,
});

/** Instants compare as instants, whatever offset or precision the caller wrote. */
const instant = (iso: string): number => Date.parse(iso);
/** The UTC calendar day an event's business time falls on. */
const businessDay = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

/** Was the event in the log at `asOf`? */
export const recordedBy = (event: RecordedEvent, asOf: string | undefined): boolean =>
  asOf === undefined || instant(event.recordedAt) <= instant(asOf);

/** Is the event's fact true on `effectiveOn`? */
export const effectiveBy = (event: RecordedEvent, effectiveOn: string | undefined): boolean =>
  effectiveOn === undefined || businessDay(event.metadata.effectiveAt) <= effectiveOn;

/**
 * An aggregate as the system knew it at `asOf`, counting only the facts effective by
 * `effectiveOn` (issue 10 §1): `evolve` from the initial state over the stream's events (current
 * shapes, in revision order) that pass both tests.
 *
 * Skipping a not-yet-effective event means the fold goes on without it: later events that
 * depend on it meet a state that lacks it (e.g. a back-dated approval of a change request whose
 * submission is dated later). `evolve` never throws, so this is safe, and the state is exactly
 * "the facts in force on that day, as known then" — which may be a state the command path never
 * held. The answer counts the skipped events so that an auditor sees it happened.
 */
export function replayBitemporal<TState>(
  evolve: Evolve<TState>,
  initialState: TState,
  events: Iterable<RecordedEvent>,
  moment: BitemporalMoment,
): BitemporalReplay<TState> {
  let state = initialState;
  let lastEvent: ReplayedEventRef | null = null;
  let eventsApplied = 0;
  let eventsSkippedAsNotYetEffective = 0;
  for (const event of events) {
    if (!recordedBy(event, moment.asOf)) continue;
    if (!effectiveBy(event, moment.effectiveOn)) {
      eventsSkippedAsNotYetEffective += 1;
      continue;
    }
    state = evolve(state, { type: event.type, data: event.data });
    lastEvent = eventRef(event);
    eventsApplied += 1;
  }
  return { state, lastEvent, eventsApplied, eventsSkippedAsNotYetEffective };
}
