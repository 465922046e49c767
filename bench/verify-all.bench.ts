/**
 * verify-all: events/s verifying the whole log (every per-stream chain recomputed, the RFC 9162
 * tree over every event hash, every checkpoint's signature, root and position, every stored tree
 * tile against the tree: LogVerifier as the api's verification job runs it) vs the raw baseline:
 * reading the same stored log with readAll in pages of the verifier's size and doing nothing, in
 * the same run
 * (BENCH_VERIFY_ROUNDS, default 5, alternating pairs of the two; medians reported). The log is
 * BENCH_VERIFY_EVENTS sample events (~300-byte bodies, full metadata) over 1000 streams, signed
 * every 1000 events with the tree tiles of the blocks completed (as the checkpointer stores them),
 * in a temp SQLite file.
 */
import { join } from 'node:path';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  LogVerifier,
  MerkleFrontier,
  TreeTileBuilder,
  eventLeafDigest,
  signCheckpoint,
  storedLog,
} from '@ledger/audit';
import { SqliteCheckpointStore, SqliteEventStore, storedEvents } from '@ledger/event-store';
import { report, round } from './support/bench-report';
import { alternatingRounds } from './support/alternating-rounds';
import { readWholeLog, RssSampler, sampledEventStore } from './support/rebuild';
import { sampleEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';

const EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 100_000);
const STREAMS = 1000;
const PAGE = 1000;
const CHECKPOINT_EVERY = 1000;
const ROUNDS = Number(process.env.BENCH_VERIFY_ROUNDS ?? 5);

export async function run(): Promise<void> {
  await withTempDir('verify-all', async (dir) => {
    const path = join(dir, 'events.sqlite');
    const log = await SqliteEventStore.open({ path });
    const checkpoints = await SqliteCheckpointStore.open({ path });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    try {
      // The log: batches of 10 events per stream, round robin, as a busy writer would leave it.
      for (let appended = 0, round_ = 0; appended < EVENTS; round_ += 1) {
        const stream = round_ % STREAMS;
        const batch = Math.min(10, EVENTS - appended);
        await log.append(
          `program-bench-${stream}`,
          Array.from({ length: batch }, (_, index) => sampleEvent(stream, appended + index)),
          round_ < STREAMS ? 'no-stream' : 'any',
        );
        appended += batch;
      }
      // The checkpoints and tree tiles, as the checkpointer would have stored them (the
      // verification checks both).
      const frontier = new MerkleFrontier();
      const tiles = new TreeTileBuilder(0);
      for await (const event of storedLog(log)) {
        frontier.appendLeafDigest(eventLeafDigest(event.hash), tiles);
        if (frontier.size % CHECKPOINT_EVERY === 0) {
          const signed = signCheckpoint(
            {
              size: frontier.size,
              lastPosition: event.position,
              rootHash: frontier.root().toString('hex'),
              timestamp: new Date().toISOString(),
            },
            privateKey,
          );
          const completed = tiles.pending;
          await checkpoints.append({ ...signed, frontier: frontier.hashes() }, completed);
          tiles.drop(completed.length);
        }
      }
      // Warm-up: the file into the page cache for both phases.
      await readWholeLog(storedEvents(log), PAGE);

      const {
        raws,
        ours: verifications,
        rawSeconds,
        seconds,
        roundRatios,
        roundRatioMedian,
      } = await alternatingRounds(
        ROUNDS,
        () => rawReadOnce(log),
        () => verifyOnce(log, checkpoints, publicKey),
      );
      const read = (raws[0] as { read: number }).read;

      report({
        bench: 'verify-all',
        ours: round(read / seconds),
        baseline: round(read / rawSeconds),
        unit: 'events/s',
        size: read,
        sizeUnit: 'events in the log',
        events: read,
        checkpoints: (verifications[0] as { checkpoints: number }).checkpoints,
        page: PAGE,
        rounds: ROUNDS,
        seconds: round(seconds, 2),
        baselineSeconds: round(rawSeconds, 2),
        roundRatios,
        roundRatioMedian,
        peakRssMiB: Math.max(...verifications.map((run) => run.peakRssMiB)),
        baselinePeakRssMiB: Math.max(...raws.map((run) => run.peakRssMiB)),
      });
    } finally {
      await checkpoints.close();
      await log.close();
    }
  });
}

async function rawReadOnce(
  log: SqliteEventStore,
): Promise<{ seconds: number; read: number; peakRssMiB: number }> {
  const sampler = new RssSampler();
  const started = process.hrtime.bigint();
  const read = await readWholeLog(sampledEventStore(log, sampler), PAGE);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, read, peakRssMiB: sampler.stop().peakRssMiB };
}

/** One whole-log verification as the api's job runs it, timed; throws unless the log verifies. */
async function verifyOnce(
  log: SqliteEventStore,
  checkpoints: SqliteCheckpointStore,
  publicKey: KeyObject,
): Promise<{ seconds: number; peakRssMiB: number; checkpoints: number }> {
  const sampler = new RssSampler();
  const verifier = new LogVerifier({
    eventStore: log,
    checkpoints,
    publicKey,
    densePositions: true,
    pageSize: PAGE,
  });
  const started = process.hrtime.bigint();
  const result = await verifier.verifyLog(() => sampler.sample());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memory = sampler.stop();
  if (!result.valid || result.checkedEvents !== EVENTS)
    throw new Error(
      `verify-all: the log did not verify: ${JSON.stringify(result.problems.slice(0, 3))}`,
    );
  return { seconds, peakRssMiB: memory.peakRssMiB, checkpoints: result.checkpoints };
}

if (require.main === module) void run();
