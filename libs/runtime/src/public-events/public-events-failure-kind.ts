import { convertToCommandError, ErrorType, isCommandError } from '@kurrent/kurrentdb-client';

/**
 * What the public-events writer does about a failure (issue 11):
 * - `outage`: the server (or a store of ours) is away for a while: back off, resume from the
 *   checkpoint, for as long as it takes;
 * - `version-conflict`: the stream is not at the revision the writer expected (another writer
 *   appended, or an append of ours landed without its answer reaching us): re-read the stream's
 *   head and continue after what it holds;
 * - `permanent`: retrying would fail the same way (access denied, the stream deleted, data the
 *   server refuses): stop, say so loudly, and show it on /health, for an operator to act.
 */
export type PublicEventsFailureKind = 'outage' | 'version-conflict' | 'permanent';

/**
 * The KurrentDB errors that pass by themselves: the server or the network is away or slow, a
 * leader election moved the leader, or the call was cut. The client reports some transport
 * failures as `unknown`, so that one waits too.
 */
const OUTAGES: ReadonlySet<ErrorType> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
  ErrorType.UNKNOWN,
]);

/**
 * Classifies an error of the writer. The client throws some failures as raw gRPC errors (a refused
 * connection is a plain `Error` with status 14), which its own `convertToCommandError` names.
 * Anything that is not KurrentDB's comes from our own stores (the checkpoint save, reads of the
 * log), whose outages are waited out as before.
 */
export function publicEventsFailureKind(error: unknown): PublicEventsFailureKind {
  if (!(error instanceof Error)) return 'outage';
  const named = isGrpcError(error) ? convertToCommandError(error) : error;
  if (!isCommandError(named)) return 'outage';
  if (named.type === ErrorType.WRONG_EXPECTED_VERSION) return 'version-conflict';
  return OUTAGES.has(named.type) ? 'outage' : 'permanent';
}

/**
 * A gRPC status error: a numeric code and its details text. Checked before converting, since the
 * client's converter reads `details` of anything with a numeric `code` (a MongoDB error has one).
 */
function isGrpcError(error: Error): boolean {
  const { code, details } = error as { code?: unknown; details?: unknown };
  return typeof code === 'number' && typeof details === 'string';
}
