import type { JsonObject } from '@ledger/event-store';
import type { PublicEventType } from './public-event-types';

/**
 * A public event as delivered: a CloudEvents 1.0 event in structured JSON mode (the envelope's
 * schema is schemas/cloudevents-envelope.v1.json). Extension names follow the spec's rules
 * (lower-case a–z and digits, at most 20 characters).
 */
export interface PublicCloudEvent {
  readonly specversion: '1.0';
  /** The internal event's id: stable across re-deliveries, unique in the log. */
  readonly id: string;
  /** `/delivery-ledger/programs/<programId>`: consumers can route by program on the source. */
  readonly source: string;
  readonly type: PublicEventType;
  readonly subject: string;
  /** When the log recorded the event (recordedAt). */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  /** The `$id` of the type's JSON Schema (see schemaIdOf). */
  readonly dataschema: string;
  /** CloudEvents sequence extension: the log position, zero-padded so it orders as a string. */
  readonly sequence: string;
  /** Business time the fact is true from (effectiveAt), which may be back-dated. */
  readonly effectivetime: string;
  readonly programid: string;
  readonly correlationid: string;
  /** The stored event's hash: the message is traceable to the tamper-evident log (P10). */
  readonly eventhash: string;
  readonly data: JsonObject;
}

/** Positions are below 2^53 (< 10^16), so 16 digits always suffice. */
const SEQUENCE_DIGITS = 16;

export function sequenceOf(position: number): string {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`not a log position: ${position}`);
  }
  return String(position).padStart(SEQUENCE_DIGITS, '0');
}

/** The log position a `sequence` (or an SSE Last-Event-ID carrying one) names. */
export function positionOfSequence(sequence: string): number {
  if (!/^[0-9]{1,16}$/.test(sequence)) throw new RangeError(`not a sequence: ${sequence}`);
  return Number(sequence);
}

/** The URI a type's JSON Schema is published under: its `$id`, and the CloudEvent's dataschema. */
export function schemaIdOf(type: string): string {
  return `urn:delivery-ledger:schema:${type}`;
}

export function sourceOf(programId: string): string {
  return `/delivery-ledger/programs/${programId}`;
}
