import { type ExpectedRevision, describeExpectedRevision } from './expected-revision';

/** The stream was not where the writer expected it (optimistic concurrency, P2). */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current head revision, or -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(
      `stream ${streamId}: expected ${describeExpectedRevision(expected)}, ` +
        `found ${actual < 0 ? 'no stream' : `revision ${actual}`}`,
    );
  }
}

/**
 * An event id of the batch is already stored somewhere other than as this exact batch
 * (a whole-batch replay is not an error: it returns the original result).
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`event id ${eventId} is already stored (appending to ${streamId})`);
  }
}

/** A stored event does not match its hash chain: the log was altered after it was written. */
export class HashChainBrokenError extends Error {
  override readonly name = 'HashChainBrokenError';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`stream ${streamId} revision ${revision}: ${reason}`);
  }
}

/**
 * An event bigger than every store of ours takes (MAX_EVENT_BYTES of data and metadata, as
 * canonical JSON): refused before anything is written. The HTTP shell answers 413.
 */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`event ${eventId} for ${streamId} is ${bytes} bytes; the limit is ${limit}`);
  }
}
