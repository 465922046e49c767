import type { RecordedEvent } from '@ledger/event-store';

/** An event's `data` as a projection reads it: stored JSON, checked field by field. */
export type EventData = Readonly<Record<string, unknown>>;

/**
 * A string field the event must carry. Throwing stops the engine and names the event (a
 * projection never guesses over a malformed fact).
 */
export function str(data: EventData, key: string): string {
  const value = data[key];
  if (typeof value !== 'string') throw new TypeError(`event data.${key} is not a string`);
  return value;
}

/** The id in `data[key]` when it is a non-empty string, else null: a `documentId` by field. */
export function idFrom(event: RecordedEvent, key: string): string | null {
  const id = event.data[key];
  return typeof id === 'string' && id.length > 0 ? id : null;
}
