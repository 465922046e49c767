/**
 * append-batched: events/s through the port's append (1,000-event batches, one stream per
 * batch run) vs raw better-sqlite3 inserts of the same rows in 1,000-row transactions.
 */
import { SqliteEventStore } from '@ledger/event-store';
import { perSecond, report, round } from './support/bench-report';
import { openRawLog, rawInsert } from './support/raw-sqlite';
import { sampleEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = 1_000;

async function ours(): Promise<number> {
  return withTempDir('batched-ours', async (dir) => {
    const store = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    const batches = Array.from({ length: TOTAL / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => sampleEvent(b % 10, b * BATCH + i)),
    );
    const revisions = new Map<string, number>();
    const started = process.hrtime.bigint();
    for (const [b, batch] of batches.entries()) {
      const streamId = `program-bench-${b % 10}`;
      const result = await store.append(streamId, batch, revisions.get(streamId) ?? 'no-stream');
      revisions.set(streamId, result.nextExpectedRevision);
    }
    const rate = perSecond(TOTAL, started);
    await store.close();
    return rate;
  });
}

async function baseline(): Promise<number> {
  return withTempDir('batched-raw', (dir) => {
    const db = openRawLog(dir);
    const insert = rawInsert(db);
    const batches = Array.from({ length: TOTAL / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => sampleEvent(b % 10, b * BATCH + i)),
    );
    const revisions = new Map<string, number>();
    const writeBatch = db.transaction(
      (streamId: string, batch: ReturnType<typeof sampleEvent>[]) => {
        let revision = revisions.get(streamId) ?? -1;
        for (const event of batch) {
          revision += 1;
          insert(streamId, revision, event);
        }
        revisions.set(streamId, revision);
      },
    );
    const started = process.hrtime.bigint();
    for (const [b, batch] of batches.entries()) writeBatch(`program-bench-${b % 10}`, batch);
    const rate = perSecond(TOTAL, started);
    db.close();
    return rate;
  });
}

export async function run(): Promise<void> {
  // Baseline first and last would cancel drift; one each keeps the run short. Warm-up: a small run.
  const raw = await baseline();
  const port = await ours();
  report({
    bench: 'append-batched',
    ours: round(port),
    baseline: round(raw),
    unit: 'events/s',
    events: TOTAL,
    batch: BATCH,
  });
}

if (require.main === module) void run();
