/**
 * feed-catch-up (issue 11 §5): events/s one SSE client receives the log through GET /api/feed
 * from position 0 (`?live=false`, so the stream ends at the head), over the delivery history,
 * vs the raw baseline: reading the same log with readAll in pages of 1000 and doing nothing;
 * BENCH_FEED_ROUNDS (default 5) alternating pairs of the two, medians reported.
 * Both rates count every event of the log. The baseline reads and parses them all; the feed
 * reads only the internal types that can map to a public message (MAPPED_EVENT_TYPES: on the
 * 200k history, its 41,398 public events), so a ratio above 1 is expected. The server runs in its own process (bench-server) on a copy of the log,
 * with PROJECTOR=external: it runs no projection, reactor, checkpoint writer or webhook
 * dispatcher (its /health names the projector `external` and no reactor), so nothing of its own
 * competes with the feed; serverCpuDuringRawSeconds shows it idle between the feed's passes.
 */
import { copyFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { PublicEventMapper } from '@ledger/contracts';
import { deliveryHistoryLog, FULL_DELIVERY } from '@ledger/delivery-history';
import { SqliteEventStore, type EventStore } from '@ledger/event-store';
import { peakRssMiB, report, round } from './support/bench-report';
import { benchToken, startBenchServer } from './support/bench-server-process';
import { announceHistory, historyFields, readWholeLog } from './support/rebuild';
import { alternatingRounds } from './support/alternating-rounds';
import { processCpuSeconds } from './support/process-cpu';
import { withTempDir } from './support/temp-dir';

const EVENTS = Number(process.env.BENCH_FEED_EVENTS ?? 200_000);
const SEED = Number(process.env.BENCH_HISTORY_SEED ?? 1);
const PAGE = 1000;
const ROUNDS = Number(process.env.BENCH_FEED_ROUNDS ?? 5);

export async function run(): Promise<void> {
  const history = await deliveryHistoryLog({
    profile: FULL_DELIVERY,
    seed: SEED,
    maxEvents: EVENTS,
  });
  announceHistory('feed-catch-up', history);

  await withTempDir('feed-catch-up', async (dataDir) => {
    copyFileSync(history.path, join(dataDir, 'events.sqlite'));
    // The baseline's connection stays open beside the server's (SQLite's WAL lets both read), so
    // the two can alternate: one pass of each moved the ratio 0.42 <-> 1.10 between runs on the
    // shared machine.
    const log = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    const server = await startBenchServer(dataDir, { PROJECTOR: 'external' });
    try {
      const serverPid = server.process.pid as number;
      const published = await publicCount(log);
      const token = await benchToken('bench', ['integration']);
      const url = `${server.base}/api/feed?live=false`;
      // Warm-up of both: the server's code paths compiled, the log in the page cache.
      await readWholeLog(log, PAGE);
      await readFeed(url, token);
      let events = 0;
      const { raws, ours, rawSeconds, seconds, roundRatios, roundRatioMedian } =
        await alternatingRounds(
          ROUNDS,
          () =>
            timed(serverPid, async () => {
              events = await readWholeLog(log, PAGE);
            }),
          () =>
            timed(serverPid, async () => {
              const received = await readFeed(url, token);
              if (received !== published)
                throw new Error(
                  `the feed sent ${received} messages; the log has ${published} public events`,
                );
            }),
        );
      report({
        bench: 'feed-catch-up',
        ours: round(events / seconds),
        baseline: round(events / rawSeconds),
        unit: 'events/s',
        size: events,
        sizeUnit: 'events',
        events,
        publicMessages: published,
        publicPerSecond: round(published / seconds),
        seconds: round(seconds, 2),
        baselineSeconds: round(rawSeconds, 2),
        rounds: ROUNDS,
        roundRatios,
        roundRatioMedian,
        // CPU seconds per pass, round by round: the raw read's in this process, the feed's in the
        // server; the server's during the raw read is work of its own competing with either side
        // (near 0 when the comparison is fair). A rate that moves while these stay put moved
        // with the machine's load, not with the code.
        rawCpuSeconds: raws.map((pass) => pass.ownCpuSeconds),
        feedServerCpuSeconds: ours.map((pass) => pass.serverCpuSeconds),
        feedClientCpuSeconds: ours.map((pass) => pass.ownCpuSeconds),
        serverCpuDuringRawSeconds: raws.map((pass) => pass.serverCpuSeconds),
        ...historyFields(history),
        clientPeakRssMiB: peakRssMiB(),
      });
    } finally {
      await server.stop();
      await log.close();
    }
  });
}

/** How long `pass` took, and the CPU this process and the server used meanwhile. */
async function timed(
  serverPid: number,
  pass: () => Promise<void>,
): Promise<{ seconds: number; ownCpuSeconds: number; serverCpuSeconds: number }> {
  const serverBefore = processCpuSeconds(serverPid);
  const ownBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await pass();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const own = process.cpuUsage(ownBefore);
  return {
    seconds,
    ownCpuSeconds: round((own.user + own.system) / 1e6, 2),
    serverCpuSeconds: round(processCpuSeconds(serverPid) - serverBefore, 2),
  };
}

/** How many public messages the log maps to (what the feed must send), outside any measure. */
async function publicCount(log: EventStore): Promise<number> {
  const mapper = new PublicEventMapper();
  let count = 0;
  for (let after = 0; ;) {
    const page = await log.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return count;
    for (const event of page) if (mapper.map(event) !== null) count += 1;
    after = page[page.length - 1]!.position;
  }
}

/** Reads the SSE stream to its end, counting messages (each starts with an `id:` line). */
function readFeed(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the feed answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let carry = '';
      let count = 0;
      response.on('data', (chunk: string) => {
        const text = carry + chunk;
        count += text.split('\nid: ').length - 1;
        // Keep the tail so a marker split across two chunks is counted once, in the next one.
        carry = text.slice(-4);
      });
      response.on('end', () => resolve(count));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
