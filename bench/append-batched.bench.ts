/**
 * append-batched: events/s through the port's append (1,000-event batches over 10 streams) vs raw
 * better-sqlite3 inserts of the same rows in 1,000-row transactions into the same table (the
 * log's schema, so only the indexes the log needs), batches interleaved in the same run. Two log
 * sizes (issue 12 "Scale"), each line with `size` / `sizeUnit` for the chart.
 */
import { SqliteEventStore } from '@ledger/event-store';
import { benchSizes } from './support/bench-sizes';
import { report, round } from './support/bench-report';
import { openRawLog, rawInsert } from './support/raw-sqlite';
import { sampleEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';
import { timeInterleavedBatches } from './support/timed-batches';

const SIZES = benchSizes('BENCH_EVENTS', [100_000, 300_000]);
const BATCH = 1_000;
const STREAMS = 10;

const batchOf = (b: number) =>
  Array.from({ length: BATCH }, (_, i) => sampleEvent(b % STREAMS, b * BATCH + i));

async function measure(total: number) {
  return withTempDir('batched', async (dir) => {
    const store = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    const db = openRawLog(dir);
    const insert = rawInsert(db);
    const revisions = new Map<string, number>();
    const rawRevisions = new Map<string, number>();
    const writeRaw = db.transaction((streamId: string, batch: ReturnType<typeof sampleEvent>[]) => {
      let revision = rawRevisions.get(streamId) ?? -1;
      for (const event of batch) {
        revision += 1;
        insert(streamId, revision, event);
      }
      rawRevisions.set(streamId, revision);
    });
    const rates = await timeInterleavedBatches(
      total,
      BATCH,
      batchOf,
      async (b, batch) => {
        const streamId = `program-bench-${b % STREAMS}`;
        const result = await store.append(streamId, batch, revisions.get(streamId) ?? 'no-stream');
        revisions.set(streamId, result.nextExpectedRevision);
      },
      (b, batch) => writeRaw(`program-bench-${b % STREAMS}`, batch),
    );
    await store.close();
    db.close();
    return rates;
  });
}

export async function run(): Promise<void> {
  for (const size of SIZES) {
    const rates = await measure(size);
    report({
      bench: 'append-batched',
      ours: round(rates.ours),
      baseline: round(rates.baseline),
      unit: 'events/s',
      size,
      sizeUnit: 'events',
      events: size,
      batch: BATCH,
    });
  }
}

if (require.main === module) void run();
