import type { ProposedEvent } from './event-envelope';
import { EventTooLargeError } from './event-store.errors';

/**
 * The largest event (its data and metadata as canonical JSON) any store of ours accepts.
 * KurrentDB refuses an append over 1 MiB (gRPC message, before server 25.1) and a record over
 * 16 MiB; the envelope our KurrentDB adapter adds (hashes, ids, revision, append) is well under
 * the 48 KiB left. SQLite has no such limit, but the same bound holds for every store so that
 * a command accepted on the embedded default is never refused in production.
 */
export const MAX_EVENT_BYTES = 1_000_000;

/**
 * What every adapter checks before it resolves the stream head (port contract): `$`-prefixed
 * types are KurrentDB's own (`$metadata`, `$>`…): every `$all` read leaves them out, so such
 * an event would be stored and then never seen. Refused everywhere. The size is checked where
 * the events are serialised anyway (assertWithinSize, from sealEventsForStorage), so an append
 * still serialises each body once.
 */
export function assertStorableEvents(_streamId: string, events: readonly ProposedEvent[]): void {
  for (const event of events) {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`event ${event.id}: the type must be a non-empty string`);
    }
    if (event.type.startsWith('$')) {
      throw new TypeError(
        `event type ${event.type}: types starting with '$' are reserved (KurrentDB's own)`,
      );
    }
  }
}

/**
 * An event over MAX_EVENT_BYTES (its data and metadata as the canonical texts that are hashed
 * and stored): EventTooLargeError, before anything of the append is written. A UTF-8 character
 * is at most 3 bytes per UTF-16 unit, so the exact count is only taken near the limit.
 */
export function assertWithinSize(
  streamId: string,
  eventId: string,
  dataJson: string,
  metadataJson: string,
): void {
  if ((dataJson.length + metadataJson.length) * 3 <= MAX_EVENT_BYTES) return;
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (bytes > MAX_EVENT_BYTES)
    throw new EventTooLargeError(streamId, eventId, bytes, MAX_EVENT_BYTES);
}
