/**
 * append-concurrent: 64 concurrent single-event commands through the full command handler
 * (load → fold → decide → append, group-committed) vs raw single-row fsync'd transactions.
 * Two sizes (commands per run, issue 12 "Scale"); `cpuMicrosPerCommand` is the process CPU time
 * per command (user + system), the figure group commit leaves to improve.
 */
import { CommandExecutor } from '@ledger/command-path';
import { SqliteEventStore } from '@ledger/event-store';
import { benchSizes } from './support/bench-sizes';
import { perSecond, report, round } from './support/bench-report';
import { openRawLog, rawInsert } from './support/raw-sqlite';
import { createProgramsConcurrently } from './support/create-programs';
import { sampleEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';

const CONCURRENCY = 64;
const SIZES = benchSizes('BENCH_COMMANDS', [5_000, 20_000]);
const RAW_TRANSACTIONS = Number(process.env.BENCH_RAW_TRANSACTIONS ?? 3_000);

async function ours(
  commands: number,
): Promise<{ rate: number; transactions: number; cpuMicros: number }> {
  return withTempDir('concurrent-ours', async (dir) => {
    const store = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    const executor = new CommandExecutor(store);
    const before = store.stats().transactions;
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await createProgramsConcurrently(executor, commands, CONCURRENCY);
    const rate = perSecond(commands, started);
    const cpu = process.cpuUsage(cpuBefore);
    const transactions = store.stats().transactions - before;
    await store.close();
    return { rate, transactions, cpuMicros: cpu.user + cpu.system };
  });
}

async function baseline(): Promise<number> {
  return withTempDir('concurrent-raw', (dir) => {
    const db = openRawLog(dir);
    const insert = rawInsert(db);
    const started = process.hrtime.bigint();
    for (let i = 0; i < RAW_TRANSACTIONS; i++) {
      const event = sampleEvent(i, 0);
      insert(`program-p${i}`, 0, event, new Date().toISOString());
    }
    const rate = perSecond(RAW_TRANSACTIONS, started);
    db.close();
    return rate;
  });
}

export async function run(): Promise<void> {
  for (const size of SIZES) {
    // The fsync rate of a shared disk drifts within minutes: the baseline is measured before and
    // after ours and averaged, and both are in the line so a reader sees the drift.
    const rawBefore = await baseline();
    const { rate, transactions, cpuMicros } = await ours(size);
    const rawAfter = await baseline();
    const raw = (rawBefore + rawAfter) / 2;
    report({
      bench: 'append-concurrent',
      ours: round(rate),
      baseline: round(raw),
      baselineBefore: round(rawBefore),
      baselineAfter: round(rawAfter),
      unit: 'commands/s',
      size,
      sizeUnit: 'commands',
      concurrency: CONCURRENCY,
      commands: size,
      eventsPerTransaction: round(size / transactions, 1),
      cpuMicrosPerCommand: round(cpuMicros / size, 1),
    });
  }
}

if (require.main === module) void run();
