/**
 * append-batched: events/s through the port's append (1,000-event batches over 10 streams) vs raw
 * better-sqlite3 inserts of the same rows in 1,000-row transactions into the same table (the
 * log's schema, so only the indexes the log needs), batches interleaved in the same run. Two log
 * sizes (issue 12 "Scale"), each line with `size` / `sizeUnit` for the chart.
 */
import { APPEND_BATCH, measureBatchedAppends } from './support/batched-appends';
import { benchSizes } from './support/bench-sizes';
import { report, round } from './support/bench-report';
import { openRawLog, rawInsert } from './support/raw-sqlite';
import { sampleEvent } from './support/sample-events';

const SIZES = benchSizes('BENCH_EVENTS', [100_000, 300_000]);

export async function run(): Promise<void> {
  for (const size of SIZES) {
    const rates = await measureBatchedAppends(
      {
        label: 'batched',
        streamPrefix: 'program-bench-',
        eventOf: sampleEvent,
        openRawLog: (dir) => {
          const db = openRawLog(dir);
          const insert = rawInsert(db);
          return {
            db,
            insertRows: (streamId, fromRevision, events) => {
              // One timestamp per transaction, as ours stamps one per append.
              const recordedAt = new Date().toISOString();
              let revision = fromRevision;
              for (const event of events) insert(streamId, revision++, event, recordedAt);
            },
          };
        },
      },
      size,
    );
    report({
      bench: 'append-batched',
      ours: round(rates.ours),
      baseline: round(rates.baseline),
      unit: 'events/s',
      size,
      sizeUnit: 'events',
      events: size,
      batch: APPEND_BATCH,
    });
  }
}

if (require.main === module) void run();
