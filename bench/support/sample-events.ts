import { randomUUID } from 'node:crypto';
import type { ProposedEvent } from '@ledger/event-store';

/** A realistic event: a ~300-byte body and the full metadata the command path writes. */
export function sampleEvent(streamIndex: number, sequence: number): ProposedEvent {
  return {
    id: randomUUID(),
    type: 'ProgramManagerAssigned',
    schemaVersion: 1,
    data: {
      programId: `bench-${streamIndex}`,
      managerId: `manager-${sequence}`,
      assignedBy: 'bench',
      note: 'Assigned after the steering committee of week 12; handover to the regional PMO follows.',
    },
    metadata: {
      effectiveAt: '2026-03-01T09:00:00.000Z',
      actor: { sub: 'bench', roles: ['pmo'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
    },
  };
}
