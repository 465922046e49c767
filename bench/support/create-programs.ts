import { randomUUID } from 'node:crypto';
import type { CommandExecutor } from '@ledger/command-path';
import { programAggregate, type ProgramCommand } from '@ledger/domain';

/**
 * `commands` CreateProgram commands through the command path by `concurrency` workers, each
 * program its own new stream (one event each: the common case). Programs are p0, p1, …
 */
export async function createProgramsConcurrently(
  executor: CommandExecutor,
  commands: number,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < commands) {
      const programId = `p${next++}`;
      await executor.execute(
        programAggregate,
        `program-${programId}`,
        (meta): ProgramCommand => ({
          type: 'CreateProgram',
          data: { programId, name: 'Bench', customer: { id: 'c', name: 'C' }, managerId: null },
          meta,
        }),
        {
          actor: { sub: 'bench', roles: ['pmo'] },
          correlationId: randomUUID(),
          commandId: randomUUID(),
        },
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
