/**
 * export: events/s into an evidence bundle (GET /api/audit/exports' generator,
 * exportEvidenceBundle: one pass over the log, format version 2, every exported event's inclusion
 * proof from that pass, NDJSON piped to a file as the route pipes it to its answer) vs the raw
 * baseline: one readAll of the same stored log in pages of the same size, in the same run;
 * BENCH_EXPORT_ROUNDS (default 5) alternating pairs of the two, medians reported. Measured at two
 * log sizes (BENCH_EXPORT_EVENTS and 4× it) to show the peak RSS of the export as the log grows.
 * The log: sample events (~300-byte bodies, full metadata) over 1000 streams, round robin in
 * batches of 10, with its tree tiles (as the checkpointer stores them with its checkpoints); half
 * the streams (every other one) belong to the exported program, so its events are spread over the
 * whole log (the proofs' worst case: few shared siblings). Events/s counts the events of the LOG
 * read (the export reads all of it), as the baseline does.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  eventLeafDigest,
  exportEvidenceBundle,
  MerkleFrontier,
  signCheckpoint,
  storedLog,
  TreeTileBuilder,
} from '@ledger/audit';
import { SqliteCheckpointStore, SqliteEventStore, storedEvents } from '@ledger/event-store';
import { report, round } from './support/bench-report';
import { alternatingRounds } from './support/alternating-rounds';
import { readWholeLog, RssSampler } from './support/rebuild';
import { sampleEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';

const BASE_EVENTS = Number(process.env.BENCH_EXPORT_EVENTS ?? 25_000);
const STREAMS = 1000;
const PAGE = 1000;
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 5);

export async function run(): Promise<void> {
  for (const events of [BASE_EVENTS, BASE_EVENTS * 4]) await measure(events);
}

async function measure(total: number): Promise<void> {
  await withTempDir('export', async (dir) => {
    const path = join(dir, 'events.sqlite');
    const log = await SqliteEventStore.open({ path });
    const checkpoints = await SqliteCheckpointStore.open({ path });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    try {
      for (let appended = 0, round_ = 0; appended < total; round_ += 1) {
        const stream = round_ % STREAMS;
        const batch = Math.min(10, total - appended);
        const programId = stream % 2 === 0 ? 'bench' : `bench-${stream}`;
        await log.append(
          `program-bench-${stream}`,
          Array.from({ length: batch }, (_, index) => {
            const event = sampleEvent(stream, appended + index);
            return { ...event, data: { ...event.data, programId } };
          }),
          round_ < STREAMS ? 'no-stream' : 'any',
        );
        appended += batch;
      }
      // One checkpoint over the whole log, as the checkpointer would have signed it last, with
      // the tree tiles it would have stored with its checkpoints (the same builder).
      const frontier = new MerkleFrontier();
      const tiles = new TreeTileBuilder(0);
      let lastPosition = 0;
      for await (const event of storedLog(log)) {
        frontier.appendLeafDigest(eventLeafDigest(event.hash), tiles);
        lastPosition = event.position;
      }
      const signed = signCheckpoint(
        {
          size: frontier.size,
          lastPosition,
          rootHash: frontier.root().toString('hex'),
          timestamp: new Date().toISOString(),
        },
        privateKey,
      );
      await checkpoints.append({ ...signed, frontier: frontier.hashes() }, tiles.pending);
      await readWholeLog(storedEvents(log), PAGE); // warm-up: the file into the page cache

      const {
        raws,
        ours: exports,
        rawSeconds,
        seconds,
        roundRatios,
        roundRatioMedian,
      } = await alternatingRounds(
        ROUNDS,
        () => rawReadOnce(log),
        () => exportOnce(log, checkpoints, publicKey, join(dir, 'bundle.ndjson')),
      );
      const read = (raws[0] as { read: number }).read;
      const first = exports[0] as Awaited<ReturnType<typeof exportOnce>>;

      report({
        bench: 'export',
        ours: round(read / seconds),
        baseline: round(read / rawSeconds),
        unit: 'events/s',
        size: read,
        sizeUnit: 'events in the log',
        logEvents: read,
        exportedEvents: first.exported,
        bundleMiB: round(first.bytes / 2 ** 20),
        page: PAGE,
        rounds: ROUNDS,
        seconds: round(seconds, 2),
        baselineSeconds: round(rawSeconds, 2),
        roundRatios,
        roundRatioMedian,
        // Memory: the first export's peak over the RSS before it, and the highest of every round.
        peakRssMiB: first.peakRssMiB,
        rssBeforeMiB: first.rssBeforeMiB,
        highestPeakRssMiB: Math.max(...exports.map((run) => run.peakRssMiB)),
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
  const read = await readWholeLog(storedEvents(log), PAGE);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, read, peakRssMiB: sampler.stop().peakRssMiB };
}

/** One export of the bench program into `file`, timed, with its peak RSS. */
async function exportOnce(
  log: SqliteEventStore,
  checkpoints: SqliteCheckpointStore,
  publicKey: KeyObject,
  file: string,
): Promise<{
  seconds: number;
  exported: number;
  bytes: number;
  peakRssMiB: number;
  rssBeforeMiB: number;
}> {
  global.gc?.();
  const sampler = new RssSampler();
  let bytes = 0;
  let last: Buffer = Buffer.alloc(0);
  const started = process.hrtime.bigint();
  const chunks = exportEvidenceBundle({
    store: log,
    checkpoints,
    publicKey,
    scope: { programId: 'bench' },
    tool: { name: 'delivery-ledger', version: 'bench' },
    pageSize: PAGE,
  });
  // Written as GET /api/audit/exports serves it (a Readable.from over the generator piped to
  // the socket): the export goes on making the next chunks while the last ones are written.
  // Awaiting each chunk's 'drain' before asking for the next, as this bench did, left the
  // export idle for every write (15-17 % of its profile).
  await pipeline(
    Readable.from(
      (async function* counted(): AsyncGenerator<Buffer> {
        for await (const chunk of chunks) {
          last = chunk;
          bytes += chunk.length;
          yield chunk;
        }
      })(),
    ),
    createWriteStream(file),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memory = sampler.stop();
  // The last chunk is the trailer (format version 2): it counts the exported events.
  const exported = (JSON.parse(last.toString('utf8')) as { events: number }).events;
  return { seconds, exported, bytes, ...memory };
}

if (require.main === module) void run();
