/**
 * append-small-batched: the store alone, 1,000-event appends of small events (a 100-character
 * body, minimal metadata) vs raw inserts of the same rows into the minimal log table (position,
 * id, stream, revision, type, data, metadata, recorded_at; unique id and (stream, revision)),
 * same run, batches interleaved, same durability. Per-event overhead (sealing, the hash chain,
 * the envelope) shows here more than with realistic bodies. Two log sizes (issue 12 "Scale").
 */
import { APPEND_BATCH, measureBatchedAppends } from './support/batched-appends';
import { benchSizes } from './support/bench-sizes';
import { report, round } from './support/bench-report';
import { minimalRawInsert, openMinimalRawLog } from './support/raw-sqlite';
import { smallEvent } from './support/sample-events';

const SIZES = benchSizes('BENCH_SMALL_EVENTS', [100_000, 300_000]);

export async function run(): Promise<void> {
  for (const size of SIZES) {
    const rates = await measureBatchedAppends(
      {
        label: 'small-batched',
        streamPrefix: 'small-',
        eventOf: (_streamIndex, sequence) => smallEvent(sequence),
        openRawLog: (dir) => {
          const db = openMinimalRawLog(dir);
          const insert = minimalRawInsert(db);
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
      bench: 'append-small-batched',
      ours: round(rates.ours),
      baseline: round(rates.baseline),
      unit: 'events/s',
      size,
      sizeUnit: 'events',
      batch: APPEND_BATCH,
    });
  }
}

if (require.main === module) void run();
