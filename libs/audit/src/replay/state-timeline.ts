import type { JsonValue, RecordedEvent } from '@ledger/event-store';
import type { Evolve, ReplayedEventRef } from './bitemporal-replay';
import { eventRef } from './bitemporal-replay';
import { jsonPatch, type JsonPatchOperation } from './json-patch';
import { toJsonState } from './json-state';

/** The fields of an event body that say under whose authority it was done, when it has them. */
export const AUTHORITY_FIELDS = [
  'authority',
  'changeRequestId',
  'decidedBy',
  'approvedBy',
  'customerSignatureRef',
  'waivedBy',
  'reason',
] as const;

export type EventAuthority = Partial<Record<(typeof AUTHORITY_FIELDS)[number], JsonValue>>;

export interface TimelineEntry extends ReplayedEventRef {
  readonly actor: { readonly sub: string; readonly roles: readonly string[] };
  /** The authority fields the event carries, or null when it carries none. */
  readonly authority: EventAuthority | null;
  /** RFC 6902: the aggregate's state before this event → after it. */
  readonly patch: readonly JsonPatchOperation[];
}

export function authorityOf(data: unknown): EventAuthority | null {
  if (data === null || typeof data !== 'object') return null;
  const body = data as Record<string, JsonValue | undefined>;
  const found: EventAuthority = {};
  for (const field of AUTHORITY_FIELDS) {
    const value = body[field];
    if (value !== undefined) found[field] = value;
  }
  return Object.keys(found).length > 0 ? found : null;
}

/**
 * Every event of a stream with what it changed: folds from the initial state (the events before
 * `fromRevision` only to reach the starting state) and answers one entry per event from
 * `fromRevision`, at most `limit`.
 */
export function stateTimeline<TState>(
  evolve: Evolve<TState>,
  initialState: TState,
  events: readonly RecordedEvent[],
  page: { readonly fromRevision: number; readonly limit: number },
): TimelineEntry[] {
  let state = initialState;
  // The JSON of the state before the current event; only built once the page starts.
  let before: JsonValue | undefined;
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    if (entries.length >= page.limit) break;
    if (event.revision < page.fromRevision) {
      state = evolve(state, { type: event.type, data: event.data });
      continue;
    }
    before ??= toJsonState(state);
    state = evolve(state, { type: event.type, data: event.data });
    const after = toJsonState(state);
    entries.push({
      ...eventRef(event),
      actor: { sub: event.metadata.actor.sub, roles: event.metadata.actor.roles },
      authority: authorityOf(event.data),
      patch: jsonPatch(before, after),
    });
    before = after;
  }
  return entries;
}
