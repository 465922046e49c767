import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandExecutor } from '@ledger/command-path';
import { programAggregate, programStreamId, type ProgramCommand } from '@ledger/domain';
import { SqliteEventStore } from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';

/** A real SQLite log and read store in a fresh folder, for the public-events writer's specs. */
export interface TemporaryStores {
  readonly events: SqliteEventStore;
  readonly reads: SqliteReadStore;
  /** Closes both stores and removes the folder. */
  close(): Promise<void>;
}

export async function openTemporaryStores(prefix: string): Promise<TemporaryStores> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const events = await SqliteEventStore.open({
    path: join(dir, 'events.sqlite'),
    pollIntervalMs: 10,
  });
  const reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
  return {
    events,
    reads,
    close: async () => {
      await Promise.all([events.close(), reads.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One public event each (`program.created`): programs created through the command path. */
export async function createPrograms(
  events: SqliteEventStore,
  programIds: readonly string[],
): Promise<void> {
  const executor = new CommandExecutor(events);
  for (const programId of programIds) {
    await executor.execute(
      programAggregate,
      programStreamId(programId),
      (meta): ProgramCommand => ({
        type: 'CreateProgram',
        data: { programId, name: 'Rollout', customer: { id: 'c', name: 'C' }, managerId: null },
        meta,
      }),
      { actor: { sub: 'pat', roles: ['pmo'] }, correlationId: 'c', commandId: randomUUID() },
    );
  }
}

/** Polls `check` every 25 ms until it holds; fails after 10 s, naming what it waited for. */
