import {
  NO_STREAM,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type EventData,
  type Filter,
  type JSONEventType,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, JsonObject, RecordedEvent } from '../event-envelope';
import type { AllFilter } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import type { SealedEvent } from '../hash-chain';
import { isCheckpointStream } from './kurrentdb.checkpoint-stream';
import { isPublicEventsStream } from './kurrentdb.public-events-stream';

/**
 * Pure translation between our envelope (P4) and KurrentDB's events. No I/O here, so it is
 * unit-tested without a server (kurrentdb.mapping.spec.ts).
 *
 * Layout of a stored event:
 * - KurrentDB `id` = envelope id (KurrentDB dedupes by it), `type` = envelope type,
 *   `data` = envelope data as JSON;
 * - KurrentDB JSON `metadata` = the rest of the envelope under `ledger` (so every stored event is
 *   self-contained and can be verified without KurrentDB's own numbering), plus KurrentDB's
 *   conventional `$correlationId` / `$causationId`, which its `$by_correlation_id` projection reads.
 */

/** Which append wrote an event: lets an idempotent retry prove it is replaying a whole append. */
export interface AppendBatch {
  /** Revision of the append's first event. */
  readonly firstRevision: number;
  /** Number of events the append wrote. */
  readonly size: number;
}

/** The `ledger` member of a stored event's metadata (format 1). */
export type LedgerMetadata = {
  readonly format: 1;
  /** The envelope id as the writer spelled it (KurrentDB hands ids back lower-cased). */
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly metadata: EventMetadata;
  readonly append: AppendBatch;
};

/** A type alias (not an interface) so it satisfies the client's `MetadataType` (a Record). */
export type KurrentEventMetadata = {
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly ledger: LedgerMetadata;
};

export type LedgerEventType = JSONEventType<string, JsonObject, KurrentEventMetadata>;

/** A decoded stored event: the port's RecordedEvent plus which append wrote it. */
export interface DecodedEvent {
  readonly event: RecordedEvent;
  readonly append: AppendBatch;
}

/** The client's event shape for one sealed event (a JSON event whose id is the envelope id). */
export function toEventData(sealed: SealedEvent, append: AppendBatch): EventData<LedgerEventType> {
  return jsonEvent<LedgerEventType>({
    id: sealed.id,
    type: sealed.type,
    data: sealed.data,
    metadata: {
      $correlationId: sealed.metadata.correlationId,
      $causationId: sealed.metadata.causationId,
      ledger: {
        format: 1,
        id: sealed.id,
        streamId: sealed.streamId,
        revision: sealed.revision,
        schemaVersion: sealed.schemaVersion,
        recordedAt: sealed.recordedAt,
        prevHash: sealed.prevHash,
        hash: sealed.hash,
        metadata: sealed.metadata,
        append,
      },
    },
  });
}

/** KurrentDB's own bookkeeping ($-types such as `$metadata`, `$>` links; $-streams). */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/**
 * True for resolved events that carry no event of ours (system events, unresolved links) and for
 * the streams kept beside the log (the signed checkpoints, kurrentdb.checkpoint-stream.ts, and the
 * republished public events, kurrentdb.public-events-stream.ts): none of them is part of the log.
 */
export function isForeignToLedger(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  return (
    event === undefined ||
    isSystemEvent(event.streamId, event.type) ||
    isCheckpointStream(event.streamId) ||
    isPublicEventsStream(event.streamId)
  );
}

/**
 * Decodes a resolved event read back from KurrentDB. Revision and position come from KurrentDB
 * (where the event really is); everything else from the stored envelope. An event that was not
 * written by this adapter is an error, never skipped: the log is ours, and a silent skip would
 * hide corruption from the audit.
 */
export function fromResolvedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): DecodedEvent {
  const stored = resolved.event;
  if (stored === undefined)
    throw new MalformedStoredEventError('?', -1, 'no event (unresolved link)');
  const revision = revisionToNumber(stored.revision);
  const fail = (reason: string): MalformedStoredEventError =>
    new MalformedStoredEventError(stored.streamId, revision, reason);
  if (!stored.isJson) throw fail('not a JSON event');
  if (!isPlainObject(stored.data)) throw fail('data is not a JSON object');
  const ledger = readLedgerMetadata(stored.metadata);
  if (typeof ledger === 'string') throw fail(ledger);
  const commit = stored.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) {
    throw fail('KurrentDB returned no commit position (stream reads carry one from server 22.6)');
  }
  return {
    event: {
      // The writer's spelling of the id, unless KurrentDB stores a different id altogether.
      id: ledger.id.toLowerCase() === stored.id.toLowerCase() ? ledger.id : stored.id,
      type: stored.type,
      schemaVersion: ledger.schemaVersion,
      // `data` came out of JSON.parse (isJson), so it is JSON-safe by construction.
      data: stored.data as JsonObject,
      metadata: ledger.metadata,
      streamId: stored.streamId,
      revision,
      position: positionToNumber(commit),
      recordedAt: ledger.recordedAt,
      prevHash: ledger.prevHash,
      hash: ledger.hash,
    },
    append: ledger.append,
  };
}

/** A stored event this adapter cannot read as an envelope. */
export class MalformedStoredEventError extends Error {
  override readonly name = 'MalformedStoredEventError';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`KurrentDB event ${streamId}@${revision} is not a delivery-ledger envelope: ${reason}`);
  }
}

// ---- positions and revisions ------------------------------------------------------------------

/**
 * A commit position as a JS number. The commit position is a byte offset into KurrentDB's
 * transaction log, so it passes Number.MAX_SAFE_INTEGER (2^53 - 1) only after 8 PiB have been
 * written to one database, which no deployment of ours approaches; throwing beats silently
 * rounding a position (that would reorder or merge events for every consumer).
 */
export function positionToNumber(commit: bigint): number {
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`KurrentDB commit position ${commit} is outside 0..2^53-1`);
  }
  return Number(commit);
}

/**
 * Our number back to a KurrentDB position. Events appended through gRPC are committed implicitly,
 * and KurrentDB gives each one the position (its record's log position, its record's log
 * position): commit and prepare are equal, so the commit position alone identifies the event.
 */
export function numberToPosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`position must be a non-negative safe integer, got ${position}`);
  }
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

export function revisionToNumber(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`KurrentDB stream revision ${revision} is outside 0..2^53-1`);
  }
  return Number(revision);
}

// ---- expected revision ------------------------------------------------------------------------

/** Whether a stream whose head is at `headRevision` (-1: absent) meets the caller's expectation. */
export function satisfiesExpectation(expected: ExpectedRevision, headRevision: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return headRevision < 0;
    case 'stream-exists':
      return headRevision >= 0;
    default:
      return expected === headRevision;
  }
}

/**
 * The `streamState` of an append. The adapter never sends ANY or STREAM_EXISTS: every append
 * names the exact head it sealed the hash chain on, so KurrentDB refuses it if anything was
 * appended in between (P4: each hash needs its predecessor).
 */
export function streamStateFor(headRevision: number): AppendStreamState {
  return headRevision < 0 ? NO_STREAM : BigInt(headRevision);
}

// ---- $all filters -----------------------------------------------------------------------------

/**
 * The server-side part of our $all filter. KurrentDB takes one filter per read, on either event
 * type or stream name: event types go to the server when present (exact-match regex), else stream
 * categories (category = the stream id up to its first '-', hence `^(cat)(-|$)`), else only
 * `$`-typed system events are excluded. Callers re-check every event with `matchesFilter` (which
 * covers the half KurrentDB could not take) and drop events of `$`-streams.
 */
export function serverFilterFor(filter: AllFilter | undefined): Filter {
  if (filter?.eventTypes) {
    return eventTypeFilter({ regex: `^(?:${alternation(filter.eventTypes)})$` });
  }
  if (filter?.streamCategories) {
    return streamNameFilter({ regex: `^(?:${alternation(filter.streamCategories)})(?:-|$)` });
  }
  return excludeSystemEvents();
}

function alternation(values: readonly string[]): string {
  return values.map(escapeRegex).join('|');
}

/** Escapes the characters that are special in both JS and .NET regular expressions. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- validation of what comes back ------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonNegativeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function isEventMetadata(value: unknown): value is EventMetadata {
  if (!isPlainObject(value)) return false;
  const actor = value.actor;
  if (!isPlainObject(actor) || !isString(actor.sub)) return false;
  if (!Array.isArray(actor.roles) || !actor.roles.every(isString)) return false;
  const idempotency = value.idempotency;
  if (
    idempotency !== undefined &&
    !(isPlainObject(idempotency) && isString(idempotency.key) && isString(idempotency.requestHash))
  ) {
    return false;
  }
  return (
    isString(value.effectiveAt) &&
    isString(value.correlationId) &&
    isString(value.causationId) &&
    isString(value.commandId)
  );
}

/** The `ledger` member of a stored event's metadata, or why it is not one. */
function readLedgerMetadata(metadata: unknown): LedgerMetadata | string {
  if (!isPlainObject(metadata)) return 'metadata is not a JSON object';
  const ledger = metadata.ledger;
  if (!isPlainObject(ledger)) return 'metadata has no `ledger` envelope';
  if (ledger.format !== 1) return `unknown envelope format ${String(ledger.format)}`;
  const append = ledger.append;
  if (
    !isPlainObject(append) ||
    !isNonNegativeInteger(append.firstRevision) ||
    !isNonNegativeInteger(append.size) ||
    append.size === 0
  ) {
    return 'envelope has no valid `append`';
  }
  if (
    !isString(ledger.id) ||
    !isString(ledger.streamId) ||
    !isNonNegativeInteger(ledger.revision) ||
    !isNonNegativeInteger(ledger.schemaVersion) ||
    !isString(ledger.recordedAt) ||
    !isString(ledger.prevHash) ||
    !isString(ledger.hash)
  ) {
    return 'envelope fields are missing or of the wrong type';
  }
  // The metadata object is returned as stored (not rebuilt field by field): the hash covers it
  // exactly as the writer gave it, extra members included.
  if (!isEventMetadata(ledger.metadata)) return 'envelope metadata is incomplete';
  return {
    format: 1,
    id: ledger.id,
    streamId: ledger.streamId,
    revision: ledger.revision,
    schemaVersion: ledger.schemaVersion,
    recordedAt: ledger.recordedAt,
    prevHash: ledger.prevHash,
    hash: ledger.hash,
    metadata: ledger.metadata,
    append: { firstRevision: append.firstRevision, size: append.size },
  };
}
