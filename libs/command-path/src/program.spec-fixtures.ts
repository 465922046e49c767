import type { ProgramCommand } from '@ledger/domain';
import type { ProposedEvent } from '@ledger/event-store';
import type { CommandContext } from './command-context';

/**
 * Shared givens for the executor's int-specs (test-only, out of the build): a caller's context
 * with a fresh command id, program commands as the executor takes them (built from the meta it
 * makes) and a v1 event from before an upcaster. The program, because it is the smallest
 * aggregate with a history and an upcaster.
 */
export const commandContext = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: { sub: 'alice', roles: ['pmo'] },
  correlationId: 'corr-1',
  commandId: `cmd-${Math.random().toString(36).slice(2)}`,
  ...overrides,
});

export const createProgram =
  (programId: string) =>
  (meta: ProgramCommand['meta']): ProgramCommand => ({
    type: 'CreateProgram',
    data: { programId, name: 'Rollout', customer: { id: 'c1', name: 'Telco' }, managerId: null },
    meta,
  });

export const assignProgramManager =
  (managerId: string) =>
  (meta: ProgramCommand['meta']): ProgramCommand => ({
    type: 'AssignProgramManager',
    data: { managerId },
    meta,
  });

export const closeProgram =
  () =>
  (meta: ProgramCommand['meta']): ProgramCommand => ({
    type: 'CloseProgram',
    data: { reason: 'done', openProjectIds: [] },
    meta,
  });

/** `ProgramCreated` as a v1 writer stored it (no managerId): what only its upcaster can fold. */
export const programCreatedV1 = (eventId: string): ProposedEvent => ({
  id: eventId,
  type: 'ProgramCreated',
  schemaVersion: 1,
  data: {
    programId: 'old',
    name: 'Legacy rollout',
    customer: { id: 'c1', name: 'Telco' },
    createdBy: 'alice',
  },
  metadata: {
    effectiveAt: '2025-01-01T00:00:00.000Z',
    actor: { sub: 'alice', roles: ['pmo'] },
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
  },
});
