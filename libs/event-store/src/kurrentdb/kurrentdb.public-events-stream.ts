/**
 * The KurrentDB stream where the writer process republishes the public contract (CloudEvents,
 * libs/runtime/src/public-events) for consumers who subscribe on the server (issue 11 §4).
 *
 * It is beside the log, never in it, like the signed checkpoints' stream: its events are our
 * CloudEvents, not envelopes of the log, so the event store's reads of $all, its subscriptions
 * and its head must leave them out. Were they read as log events, every position, the Merkle
 * tree and the projections would count them, the decoding would refuse them as malformed, and
 * the public-events writer would read back its own output. The name is the one published to
 * consumers (`public-events`); as an aggregate stream it would be category `public`, which no
 * aggregate has, and the event store refuses appends to it all the same. Names under it
 * (`public-events.<x>`) are reserved too, so tests can keep one stream each on a shared server.
 */
export const PUBLIC_EVENTS_STREAM = 'public-events';

/** True for the public-events stream and the names reserved under it. */
export function isPublicEventsStream(streamId: string): boolean {
  return streamId === PUBLIC_EVENTS_STREAM || streamId.startsWith(`${PUBLIC_EVENTS_STREAM}.`);
}
