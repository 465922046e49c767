import type { CommandMeta } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { recordedEvent } from './recorded-event.spec-fixtures';

export const reactionMeta: CommandMeta = {
  actor: { sub: 'carla', roles: ['project-manager'] },
  now: '2026-03-10T09:00:02.000Z',
  effectiveAt: '2026-03-10T09:00:00.000Z',
};

/** An acceptance event as the store hands it to reactions, for the acceptance reaction specs. */
export function recorded(type: string, data: object, streamId = 'acceptance-acc-1'): RecordedEvent {
  return recordedEvent(type, data, {
    streamId,
    revision: 4,
    position: 42,
    meta: reactionMeta,
    recordedAt: '2026-03-10T09:00:01.000Z',
    id: `event-${type}`,
  });
}
