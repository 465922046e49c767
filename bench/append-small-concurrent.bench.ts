/**
 * append-small-concurrent: the store alone, 64 concurrent single-event appends of small events,
 * each to a new stream ('no-stream'), group-committed; events/s and how many appends failed (none
 * should). Baseline: raw one-row fsync'd transactions of the same rows into the minimal log table,
 * same run. Two sizes (appends per run, issue 12 "Scale").
 */
import { SqliteEventStore } from '@ledger/event-store';
import { benchSizes } from './support/bench-sizes';
import { perSecond, report, round } from './support/bench-report';
import { minimalRawInsert, openMinimalRawLog } from './support/raw-sqlite';
import { smallEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';

const CONCURRENCY = 64;
const SIZES = benchSizes('BENCH_SMALL_APPENDS', [10_000, 40_000]);
const RAW_TRANSACTIONS = Number(process.env.BENCH_RAW_TRANSACTIONS ?? 3_000);

interface Measured {
  readonly rate: number;
  readonly failures: number;
  readonly transactions: number;
  readonly cpuMicros: number;
}

async function ours(appends: number): Promise<Measured> {
  return withTempDir('small-concurrent-ours', async (dir) => {
    const store = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    let next = 0;
    let failures = 0;
    const worker = async () => {
      while (next < appends) {
        const sequence = next++;
        try {
          await store.append(`small-${sequence}`, [smallEvent(sequence)], 'no-stream');
        } catch {
          failures += 1;
        }
      }
    };
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const rate = perSecond(appends, started);
    const cpu = process.cpuUsage(cpuBefore);
    const { transactions } = store.stats();
    await store.close();
    return { rate, failures, transactions, cpuMicros: cpu.user + cpu.system };
  });
}

async function baseline(): Promise<number> {
  return withTempDir('small-concurrent-raw', (dir) => {
    const db = openMinimalRawLog(dir);
    const insert = minimalRawInsert(db);
    const started = process.hrtime.bigint();
    for (let i = 0; i < RAW_TRANSACTIONS; i++) {
      insert(`small-${i}`, 0, smallEvent(i), new Date().toISOString());
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
    const { rate, failures, transactions, cpuMicros } = await ours(size);
    const rawAfter = await baseline();
    const raw = (rawBefore + rawAfter) / 2;
    report({
      bench: 'append-small-concurrent',
      ours: round(rate),
      baseline: round(raw),
      baselineBefore: round(rawBefore),
      baselineAfter: round(rawAfter),
      unit: 'events/s',
      size,
      sizeUnit: 'appends',
      concurrency: CONCURRENCY,
      failures,
      eventsPerTransaction: round(size / transactions, 1),
      cpuMicrosPerAppend: round(cpuMicros / size, 1),
    });
  }
}

if (require.main === module) void run();
