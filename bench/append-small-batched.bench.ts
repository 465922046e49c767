/**
 * append-small-batched: the store alone, 1,000-event appends of small events (a 100-character
 * body, minimal metadata) vs raw inserts of the same rows into the minimal log table (position,
 * id, stream, revision, type, data, metadata, recorded_at; unique id and (stream, revision)),
 * same run, batches interleaved, same durability. Per-event overhead (sealing, the hash chain,
 * the envelope) shows here more than with realistic bodies. Two log sizes (issue 12 "Scale").
 */
import { SqliteEventStore } from '@ledger/event-store';
import { benchSizes } from './support/bench-sizes';
import { report, round } from './support/bench-report';
import { minimalRawInsert, openMinimalRawLog } from './support/raw-sqlite';
import { smallEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';
import { timeInterleavedBatches } from './support/timed-batches';

const SIZES = benchSizes('BENCH_SMALL_EVENTS', [100_000, 300_000]);
const BATCH = 1_000;
const STREAMS = 10;

const batchOf = (b: number) => Array.from({ length: BATCH }, (_, i) => smallEvent(b * BATCH + i));

async function measure(total: number) {
  return withTempDir('small-batched', async (dir) => {
    const store = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    const db = openMinimalRawLog(dir);
    const insert = minimalRawInsert(db);
    const revisions = new Map<string, number>();
    const rawRevisions = new Map<string, number>();
    const writeRaw = db.transaction((streamId: string, batch: ReturnType<typeof smallEvent>[]) => {
      // One timestamp per transaction, as ours stamps one per append.
      const recordedAt = new Date().toISOString();
      let revision = rawRevisions.get(streamId) ?? -1;
      for (const event of batch) {
        revision += 1;
        insert(streamId, revision, event, recordedAt);
      }
      rawRevisions.set(streamId, revision);
    });
    const rates = await timeInterleavedBatches(
      total,
      BATCH,
      batchOf,
      async (b, batch) => {
        const streamId = `small-${b % STREAMS}`;
        const result = await store.append(streamId, batch, revisions.get(streamId) ?? 'no-stream');
        revisions.set(streamId, result.nextExpectedRevision);
      },
      (b, batch) => writeRaw(`small-${b % STREAMS}`, batch),
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
      bench: 'append-small-batched',
      ours: round(rates.ours),
      baseline: round(rates.baseline),
      unit: 'events/s',
      size,
      sizeUnit: 'events',
      batch: BATCH,
    });
  }
}

if (require.main === module) void run();
