import { randomUUID } from 'node:crypto';
import type { ProposedEvent } from '@ledger/event-store';

/**
 * A generic event for the event store's and the auditors' specs, which care about the log, not
 * the domain: `ItemRecorded` carrying `data`, with complete metadata (every field is hashed).
 */
export function itemRecorded(data: ProposedEvent['data']): ProposedEvent {
  return {
    id: randomUUID(),
    type: 'ItemRecorded',
    schemaVersion: 1,
    data,
    metadata: {
      effectiveAt: '2025-01-01T00:00:00.000Z',
      actor: { sub: 'alice', roles: ['pm'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
  };
}
