/**
 * export: events/s into an evidence bundle (GET /api/audit/exports' generator,
 * exportEvidenceBundle: one pass over the log, format version 2, every exported event's inclusion
 * proof from that pass, NDJSON written to a file as the chunks come) vs the raw baseline: one
 * readAll of the same stored log in pages of the same size, in the same run. Measured at two log
 * sizes (BENCH_EXPORT_EVENTS and 4× it) to show the peak RSS of the export as the log grows.
 * The log: sample events (~300-byte bodies, full metadata) over 1000 streams, round robin in
 * batches of 10; half the streams (every other one) belong to the exported program, so its events
 * are spread over the whole log (the proofs' worst case: few shared siblings). Events/s counts the events of the LOG read (the
 * export reads all of it), as the baseline does.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { generateKeyPairSync } from 'node:crypto';
import {
  exportEvidenceBundle,
  eventHashBytes,
  MerkleFrontier,
  signCheckpoint,
  storedLog,
} from '@ledger/audit';
import { SqliteCheckpointStore, SqliteEventStore, storedEvents } from '@ledger/event-store';
import { report, round } from './support/bench-report';
import { readWholeLog, RssSampler } from './support/rebuild';
import { sampleEvent } from './support/sample-events';
import { withTempDir } from './support/temp-dir';

const BASE_EVENTS = Number(process.env.BENCH_EXPORT_EVENTS ?? 25_000);
const STREAMS = 1000;
const PAGE = 1000;

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
      // One checkpoint over the whole log, as the checkpointer would have signed it last.
      const frontier = new MerkleFrontier();
      let lastPosition = 0;
      for await (const event of storedLog(log)) {
        frontier.append(eventHashBytes(event.hash));
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
      await checkpoints.append({ ...signed, frontier: frontier.hashes() });
      await readWholeLog(storedEvents(log), PAGE); // warm-up: the file into the page cache

      const rawSampler = new RssSampler();
      const rawStarted = process.hrtime.bigint();
      const read = await readWholeLog(storedEvents(log), PAGE);
      const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;
      const rawMemory = rawSampler.stop();

      global.gc?.();
      const sampler = new RssSampler();
      const out = createWriteStream(join(dir, 'bundle.ndjson'));
      let bytes = 0;
      let last = '';
      const started = process.hrtime.bigint();
      for await (const chunk of exportEvidenceBundle({
        store: log,
        checkpoints,
        publicKey,
        scope: { programId: 'bench' },
        tool: { name: 'delivery-ledger', version: 'bench' },
        pageSize: PAGE,
      })) {
        last = chunk;
        bytes += chunk.length;
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await finished(out);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const memory = sampler.stop();
      // The last chunk is the trailer (format version 2): it counts the exported events.
      const exported = (JSON.parse(last) as { events: number }).events;

      report({
        bench: 'export',
        ours: round(read / seconds),
        baseline: round(read / rawSeconds),
        unit: 'events/s',
        size: read,
        sizeUnit: 'events in the log',
        logEvents: read,
        exportedEvents: exported,
        bundleMiB: round(bytes / 2 ** 20),
        page: PAGE,
        seconds: round(seconds, 2),
        baselineSeconds: round(rawSeconds, 2),
        peakRssMiB: memory.peakRssMiB,
        rssBeforeMiB: memory.rssBeforeMiB,
        baselinePeakRssMiB: rawMemory.peakRssMiB,
      });
    } finally {
      await checkpoints.close();
      await log.close();
    }
  });
}

if (require.main === module) void run();
