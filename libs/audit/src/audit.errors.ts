import { DomainError } from '@ledger/domain';

/**
 * What the audit routes refuse: one factory per case, so each code and message is written once
 * (the problem filter maps `not-found` to 404 and `rule-violated` to 422).
 */
export const auditErrors = {
  /**
   * This process has no checkpoint store (only a harness that injects none): nothing is signed, so
   * there is no checkpoint to prove against or to export under. Both stores have one.
   */
  checkpointsNotKept: () =>
    new DomainError(
      'checkpoints-not-kept',
      'no checkpoint store is configured: nothing is signed',
      'not-found',
    ),
  /** Nothing signed yet covers what was asked (e.g. an export before the first checkpoint). */
  noCheckpoint: (detail: string) => new DomainError('no-checkpoint', detail, 'not-found'),
  /** No domain stream of that id (or not one an auditor may address). */
  streamNotFound: (streamId: string) =>
    new DomainError('stream-not-found', `no stream ${streamId}`, 'not-found'),
  /** No whole-log verification job of that id; `id` is cut to 40 characters in the message. */
  verificationNotFound: (id: string) =>
    new DomainError(
      'verification-not-found',
      `no verification ${id.slice(0, 40)} (jobs are kept in memory; a restart forgets them)`,
      'not-found',
    ),
  /** No signed checkpoint of exactly that size. */
  checkpointNotFound: (size: number) =>
    new DomainError('checkpoint-not-found', `no signed checkpoint of size ${size}`, 'not-found'),
  /** No event at that log position. */
  eventNotFound: (position: number) =>
    new DomainError('event-not-found', `no event at position ${position}`, 'not-found'),
  /** The event exists but no signed checkpoint covers it yet. */
  noCheckpointCoversEvent: (position: number, leafIndex: number) =>
    new DomainError(
      'no-checkpoint-covers-event',
      `no signed checkpoint covers position ${position} yet (it is leaf ${leafIndex}); ` +
        'the checkpointer signs every CHECKPOINT_EVERY_EVENTS events or CHECKPOINT_EVERY_SECONDS',
      'not-found',
    ),
  /** An inclusion proof asked of a checkpoint too small to hold the event. */
  checkpointDoesNotCoverEvent: (size: number, position: number, leafIndex: number) =>
    new DomainError(
      'checkpoint-does-not-cover-event',
      `checkpoint ${size} covers leaves 0..${size - 1}; position ${position} is leaf ${leafIndex}`,
      'rule-violated',
    ),
  /** A consistency proof goes from a smaller checkpoint to a larger one. */
  consistencyOrder: (from: number, to: number) =>
    new DomainError(
      'consistency-order',
      `from (${from}) must not be larger than to (${to})`,
      'rule-violated',
    ),
  /** One end of a diff is a recorded time or a revision, never both. */
  diffMomentAmbiguous: (name: 'from' | 'to') =>
    new DomainError('diff-moment-ambiguous', `give ${name} or ${name}Revision, not both`),
};
