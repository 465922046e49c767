import type { CommandMeta } from '@ledger/domain';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';

/** Where a reaction spec's triggering event stands in the log, and who wrote it. */
export interface RecordedPlace {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  /** Its actor and effectiveAt; `now` is when it was recorded unless `recordedAt` says. */
  readonly meta: CommandMeta;
  readonly recordedAt?: string;
  readonly id?: string;
}

/**
 * An event as the store hands it to a reaction (test-only, out of the build): the envelope every
 * reaction spec needs around the data it is about, written once for all of them.
 */
export function recordedEvent(type: string, data: object, place: RecordedPlace): RecordedEvent {
  return {
    id: place.id ?? '00000000-0000-4000-8000-000000000001',
    type,
    schemaVersion: 1,
    data: data as JsonObject,
    metadata: {
      effectiveAt: place.meta.effectiveAt,
      actor: place.meta.actor,
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      commandId: 'cmd-1',
    },
    streamId: place.streamId,
    revision: place.revision,
    position: place.position,
    recordedAt: place.recordedAt ?? place.meta.now,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}
