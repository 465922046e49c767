/**
 * command-long-stream: one command (RecordActualCost) on a project whose stream already holds
 * 1,000 or 5,000 events vs the same command on a fresh project (the three events that let it
 * execute), through the full command handler (read → upcast → fold → decide → fsync'd append).
 * The figure is the cost per command in ms; the ratio is long / fresh (aim ≤ 1.5). Commands run
 * one at a time, alternating long and fresh, so both see the same machine load.
 *
 * Also measured in the same run, on the same stream: the first command after a start (nothing
 * cached: the whole stream is read once) and the command with the folded-state cache off
 * (`foldedStateCacheSize: 0`, how every command ran before the cache).
 */
import { randomUUID } from 'node:crypto';
import {
  CommandExecutor,
  EVENT_SCHEMAS,
  type CommandContext,
  type CommandFactory,
} from '@ledger/command-path';
import { projectAggregate, projectStreamId, type ProjectCommand } from '@ledger/domain';
import {
  SqliteEventStore,
  upcasting,
  type EventStore,
  type ProposedEvent,
} from '@ledger/event-store';
import { percentile, report, round } from './support/bench-report';
import { costReadyProjectCommands } from './support/cost-ready-project';
import { withTempDir } from './support/temp-dir';

const SIZES = (process.env.BENCH_LONG_STREAM_SIZES ?? '1000,5000').split(',').map(Number);
const COMMANDS = Number(process.env.BENCH_LONG_STREAM_COMMANDS ?? 300);
const UNCACHED_COMMANDS = Number(process.env.BENCH_LONG_STREAM_UNCACHED_COMMANDS ?? 10);
/** The events a project needs before it takes actual costs: created, baselined, authorised. */
const SETUP_EVENTS = 3;
const APPEND_BATCH = 500;

const context = (): CommandContext => ({
  actor: { sub: 'bench', roles: ['admin'] },
  correlationId: randomUUID(),
  commandId: randomUUID(),
});

const recordCost =
  (erpDocumentId: string): CommandFactory<ProjectCommand> =>
  (meta) => ({
    type: 'RecordActualCost',
    data: { erpDocumentId, amount: { amount: 1_000, currency: 'EUR' }, postedOn: '2026-03-01' },
    meta,
  });

/** A project able to take costs, through the command path itself. */
async function createProject(executor: CommandExecutor, projectId: string): Promise<void> {
  for (const command of costReadyProjectCommands(projectId, `h-${projectId}`)) {
    await executor.execute(projectAggregate, projectStreamId(projectId), command, context());
  }
}

/**
 * Grows a project's stream to `size` events with cost postings as the command path would have
 * appended them, in batches (thousands of one-by-one fsyncs would only slow the setup).
 */
async function growProject(store: EventStore, projectId: string, size: number): Promise<void> {
  const streamId = projectStreamId(projectId);
  for (let revision = SETUP_EVENTS; revision < size; revision += APPEND_BATCH) {
    const count = Math.min(APPEND_BATCH, size - revision);
    const events: ProposedEvent[] = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      type: 'ActualCostRecorded',
      schemaVersion: EVENT_SCHEMAS.currentVersion('ActualCostRecorded') ?? 1,
      data: {
        projectId,
        erpDocumentId: `grow-${revision + i}`,
        amount: { amount: 1_000, currency: 'EUR' },
        postedOn: '2026-02-01',
        recordedBy: 'bench',
      },
      metadata: {
        effectiveAt: '2026-02-01T00:00:00.000Z',
        actor: { sub: 'bench', roles: ['admin'] },
        correlationId: 'grow',
        causationId: 'grow',
        commandId: `grow-${revision}`,
      },
    }));
    await store.append(streamId, events, revision - 1);
  }
}

async function timedCommand(
  executor: CommandExecutor,
  projectId: string,
  erpDocumentId: string,
): Promise<number> {
  const started = process.hrtime.bigint();
  await executor.execute(
    projectAggregate,
    projectStreamId(projectId),
    recordCost(erpDocumentId),
    context(),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

async function measure(size: number): Promise<void> {
  await withTempDir('long-stream', async (dir) => {
    const raw = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    const store = upcasting(raw, EVENT_SCHEMAS);
    const setup = new CommandExecutor(store);
    await createProject(setup, 'long');
    await growProject(raw, 'long', size);
    await createProject(setup, 'fresh');

    // A process that just started: its first command on the long project reads it whole.
    const executor = new CommandExecutor(store);
    const coldFirstMs = await timedCommand(executor, 'long', 'cold');
    await timedCommand(executor, 'fresh', 'cold');

    const long: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < COMMANDS; i += 1) {
      long.push(await timedCommand(executor, 'long', `doc-${i}`));
      fresh.push(await timedCommand(executor, 'fresh', `doc-${i}`));
    }

    // The same commands with the cache off: every command reads and folds the whole stream.
    const uncached = new CommandExecutor(store, { foldedStateCacheSize: 0 });
    const longUncached: number[] = [];
    const freshUncached: number[] = [];
    for (let i = 0; i < UNCACHED_COMMANDS; i += 1) {
      longUncached.push(await timedCommand(uncached, 'long', `off-${i}`));
      freshUncached.push(await timedCommand(uncached, 'fresh', `off-${i}`));
    }
    await raw.close();

    const sortedLong = [...long].sort((a, b) => a - b);
    const sortedFresh = [...fresh].sort((a, b) => a - b);
    report({
      bench: 'command-long-stream',
      ours: round(mean(long), 3),
      baseline: round(mean(fresh), 3),
      unit: 'ms/command (lower is better; ratio = long / fresh, aim ≤ 1.5)',
      size,
      sizeUnit: 'events per stream',
      commands: COMMANDS,
      p50Ms: round(percentile(sortedLong, 50), 3),
      p99Ms: round(percentile(sortedLong, 99), 3),
      baselineP50Ms: round(percentile(sortedFresh, 50), 3),
      baselineP99Ms: round(percentile(sortedFresh, 99), 3),
      coldFirstMs: round(coldFirstMs, 3),
      cacheOffMs: round(mean(longUncached), 3),
      cacheOffBaselineMs: round(mean(freshUncached), 3),
      cacheOffRatio: round(mean(longUncached) / mean(freshUncached), 3),
    });
  });
}

export async function run(): Promise<void> {
  for (const size of SIZES) await measure(size);
}

if (require.main === module) void run();
