/**
 * rebuild-embedded: events/s rebuilding every read model (READ_MODELS) from a realistic SQLite
 * event log (200,000 events of the delivery history, generated through the command path) into a
 * fresh embedded read store (SqliteReadStore) with the real ProjectionEngine (its defaults, as
 * the api and apps/projector run it), vs the raw baseline: reading the same log with readAll in
 * batches of the engine's default size (DEFAULT_PROJECTION_BATCH_SIZE) and doing nothing. Both rates count every event
 * of the log. Peak RSS shows memory stays bounded.
 *
 * Then, outside the measured phases, the ceiling (support/rebuild-ceiling.ts): the engine over the
 * same event types folding nothing, and the rebuilt documents written once; `ceilingRatio` is the
 * ratio a rebuild would score if its folds cost nothing.
 */
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { DEFAULT_PROJECTION_BATCH_SIZE } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { report, round } from './support/bench-report';
import { deliveryHistoryLog, FULL_DELIVERY } from '@ledger/delivery-history';
import {
  announceHistory,
  documentCounts,
  historyFields,
  readWholeLog,
  rebuildReadModels,
  RssSampler,
  sampledEventStore,
} from './support/rebuild';
import { rebuildCeiling } from './support/rebuild-ceiling';
import { withTempDir } from './support/temp-dir';

const EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 200_000);
const SEED = Number(process.env.BENCH_HISTORY_SEED ?? 1);
/** The engine's default batch size (ProjectionEngineOptions.batchSize), for the baseline. */
const BATCH = DEFAULT_PROJECTION_BATCH_SIZE;

export async function run(): Promise<void> {
  const history = await deliveryHistoryLog({
    profile: FULL_DELIVERY,
    seed: SEED,
    maxEvents: EVENTS,
  });
  announceHistory('rebuild-embedded', history);

  const log = await SqliteEventStore.open({ path: history.path });
  try {
    const head = await log.headPosition();
    // Warm-up: the log into the page cache, so neither phase pays the first disk read.
    await readWholeLog(log, BATCH);

    const rawSampler = new RssSampler();
    const rawStarted = process.hrtime.bigint();
    const read = await readWholeLog(sampledEventStore(log, rawSampler), BATCH);
    const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;
    const rawMemory = rawSampler.stop();

    const { seconds, memory, documents, ceiling } = await withTempDir(
      'rebuild-embedded',
      async (dir) => {
        const readStore = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
        try {
          const sampler = new RssSampler();
          const elapsed = await rebuildReadModels(
            sampledEventStore(log, sampler),
            readStore,
            head,
            {
              label: 'rebuild-embedded',
            },
          );
          const memory = sampler.stop();
          return {
            seconds: elapsed,
            memory,
            documents: await documentCounts(readStore),
            // After the measured phases (and their memory samples): what the folds leave room for.
            ceiling: await rebuildCeiling(log, head, readStore, dir, rawSeconds),
          };
        } finally {
          await readStore.close();
        }
      },
    );

    report({
      bench: 'rebuild-embedded',
      ours: round(read / seconds),
      baseline: round(read / rawSeconds),
      unit: 'events/s',
      size: read,
      sizeUnit: 'events',
      events: read,
      batch: BATCH,
      seconds: round(seconds, 2),
      baselineSeconds: round(rawSeconds, 2),
      ...historyFields(history),
      documents,
      rssBeforeMiB: memory.rssBeforeMiB,
      peakRssMiB: memory.peakRssMiB,
      baselinePeakRssMiB: rawMemory.peakRssMiB,
      maxRssMiB: memory.maxRssMiB,
      ...ceiling,
    });
  } finally {
    await log.close();
  }
}

if (require.main === module) void run();
