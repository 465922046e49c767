/**
 * The KurrentDB stream(s) where the log's signed checkpoints are kept. They are beside the log,
 * never in it: the event store's reads of $all, its subscriptions and its head leave them out
 * (as they leave out KurrentDB's own `$` streams), so positions, the Merkle tree and projections
 * see exactly the events the writers appended; and the event store refuses to append to them,
 * so a checkpoint cannot be forged through the event port.
 *
 * `$`-names are KurrentDB's own (and `$ledger-checkpoints` would collide with its reserved
 * namespace), so the name is a plain one no aggregate stream can take: aggregate streams are
 * `<category>-<id>`, and this one has no `-` at all. Names under it (`ledger.checkpoints.<x>`)
 * are reserved too, so tests can keep one stream each on a shared server.
 */
export const CHECKPOINT_STREAM = 'ledger.checkpoints';

/** The event type of a kept checkpoint (its data is the StoredCheckpoint). */
export const CHECKPOINT_EVENT_TYPE = 'LogCheckpointSigned';

/** True for the checkpoint stream and the names reserved under it. */
export function isCheckpointStream(streamId: string): boolean {
  return streamId === CHECKPOINT_STREAM || streamId.startsWith(`${CHECKPOINT_STREAM}.`);
}
