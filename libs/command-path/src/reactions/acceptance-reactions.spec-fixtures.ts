import type { CommandMeta } from '@ledger/domain';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';

/** An acceptance event as the store hands it to reactions, for the acceptance reaction specs. */
export function recorded(type: string, data: object, streamId = 'acceptance-acc-1'): RecordedEvent {
  return {
    id: `event-${type}`,
    type,
    schemaVersion: 1,
    data: data as JsonObject,
    metadata: {
      effectiveAt: '2026-03-10T09:00:00.000Z',
      actor: { sub: 'carla', roles: ['project-manager'] },
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      commandId: 'cmd-1',
    },
    streamId,
    revision: 4,
    position: 42,
    recordedAt: '2026-03-10T09:00:01.000Z',
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}

export const reactionMeta: CommandMeta = {
  actor: { sub: 'carla', roles: ['project-manager'] },
  now: '2026-03-10T09:00:02.000Z',
  effectiveAt: '2026-03-10T09:00:00.000Z',
};
