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

const SMALL_BODY = 'x'.repeat(89);

/**
 * A small event (issue 12's append-small-*): a 100-character body and the least metadata the
 * port's envelope has (short ids, no idempotency), so per-event overhead, not bytes, dominates.
 */
export function smallEvent(sequence: number): ProposedEvent {
  return {
    id: randomUUID(),
    type: 'Small',
    schemaVersion: 1,
    // {"text":"…89 x…"} is 100 characters of JSON.
    data: { text: SMALL_BODY },
    metadata: {
      effectiveAt: '2026-03-01T09:00:00.000Z',
      actor: { sub: 'b', roles: [] },
      correlationId: `c${sequence}`,
      causationId: `c${sequence}`,
      commandId: `c${sequence}`,
    },
  };
}
