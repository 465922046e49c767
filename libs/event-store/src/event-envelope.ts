/**
 * The envelope every stored event carries (ARCHITECTURE.md P4). Everything except `position`
 * is covered by the stream's hash chain; `position` is assigned by the store at commit.
 */

/**
 * Who caused an event, as the log recorded it: taken from the verified access token, never from
 * the request body. The store does not know the domain's roles (the domain's `Actor` is the one
 * commands carry); a role stays a string here so that an event written under a role retired
 * later still reads.
 */
export interface RecordedActor {
  readonly sub: string;
  readonly roles: readonly string[];
}

/** JSON-safe data: what an event body may contain. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** Metadata the command path attaches to every event it appends. */
export interface EventMetadata {
  /** Business time the fact is true from (ISO 8601); may be back-dated. */
  readonly effectiveAt: string;
  readonly actor: RecordedActor;
  readonly correlationId: string;
  /** The id of the message (command or event) that caused this event. */
  readonly causationId: string;
  readonly commandId: string;
  /** Set when the command carried an Idempotency-Key: the sha256 of the request it answered. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

/** An event as the writer proposes it, before the store gives it a place in the log. */
export interface ProposedEvent {
  /** Globally unique (UUID). Re-appending the same ids is how duplicates are detected. */
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/** An event as it is stored: the proposed event plus its place in the stream, log and chain. */
export interface RecordedEvent extends ProposedEvent {
  readonly streamId: string;
  /** 0-based index of the event within its stream. */
  readonly revision: number;
  /** Position in the global log ($all): strictly increasing in commit order, never reused. */
  readonly position: number;
  /** When the store recorded the event (ISO 8601, UTC, millisecond precision). */
  readonly recordedAt: string;
  /** Hash of the previous event of the same stream; GENESIS_HASH for revision 0. */
  readonly prevHash: string;
  /** sha256(prevHash ‖ canonical JSON of this envelope without `hash` and `position`). */
  readonly hash: string;
}
