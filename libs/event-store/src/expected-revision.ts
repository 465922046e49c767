/**
 * What the writer believes about the stream it appends to. Mirrors KurrentDB's `streamState`
 * so the KurrentDB adapter maps it one to one:
 * - `no-stream`: the stream must not exist yet (creation);
 * - `stream-exists`: the stream must have at least one event;
 * - `any`: no check (the append still extends the hash chain from the real head);
 * - a number: the revision of the last event the writer read (0-based). The append fails
 *   unless the stream's head is exactly that revision.
 */
export type ExpectedRevision = 'no-stream' | 'any' | 'stream-exists' | number;

export function describeExpectedRevision(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? `revision ${expected}` : expected;
}
