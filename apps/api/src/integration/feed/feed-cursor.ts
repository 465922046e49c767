import { positionOfSequence } from '@ledger/contracts';

/** The resume point of a feed request could not be read (answered 400). */
export class InvalidFeedCursorError extends Error {
  override readonly name = 'InvalidFeedCursorError';
}

/**
 * Where a feed starts: strictly after this log position. `Last-Event-ID` (sent by an SSE client
 * when it reconnects) wins over `?after=`, since it is the newer of the two: the client set
 * `?after` once, the browser updates Last-Event-ID with every message it received. Both carry a
 * CloudEvents `sequence` (zero-padded or not). Neither: from the start of the log.
 */
export function resumePositionOf(
  lastEventId: string | undefined,
  after: string | undefined,
): number {
  const cursor = nonEmpty(lastEventId) ?? nonEmpty(after);
  if (cursor === undefined) return 0;
  try {
    return positionOfSequence(cursor);
  } catch {
    throw new InvalidFeedCursorError(
      `not a log position: ${JSON.stringify(cursor.slice(0, 40))} (Last-Event-ID or ?after takes ` +
        'the sequence of the last message received)',
    );
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
