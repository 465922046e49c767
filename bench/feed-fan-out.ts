/**
 * feed-fan-out (issue 11 §5): 100 SSE clients on the live tail of GET /api/feed while programs
 * are created over HTTP at a steady rate (500 commands/s by default). Latency is from the
 * command's answer (the append resolved) to each client's receipt of its message; reported as
 * p50/p99 over every (message, client) pair, with the server's RSS (sampled from /proc) at the
 * start and at its peak. The baseline is the same commands' own answer latency (p50), so the ratio
 * says how much later than its writer a subscriber learns of a fact. Server in its own process.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile, report, round } from './support/bench-report';
import { benchToken, startBenchServer } from './support/bench-server-process';
import { withTempDir } from './support/temp-dir';
import { PROBE_READ, PROBE_START, type MemorySample, type ProbeReport } from './feed-fan-out-probe';

const CLIENTS = Number(process.env.BENCH_FEED_CLIENTS ?? 100);
const RATE = Number(process.env.BENCH_FEED_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_FEED_SECONDS ?? 10);

export async function run(): Promise<void> {
  await withTempDir('feed-fan-out', async (dataDir) => {
    const server = await startBenchServer(dataDir, {
      RATE_LIMIT_PER_MINUTE: '10000000',
      FEED_MAX_CONNECTIONS_PER_TOKEN: String(CLIENTS),
      FEED_MAX_CONNECTIONS: String(CLIENTS),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'feed-fan-out-probe.js')}`,
    });
    try {
      const { base } = server;
      const feedToken = await benchToken('bench-feed', ['integration']);
      const adminToken = await benchToken('bench-admin', ['admin']);
      /** position → when its command was answered (ms, monotonic). */
      const answeredAt = new Map<number, number>();
      const receipts: { position: number; at: number }[] = [];
      const clients = await Promise.all(
        Array.from({ length: CLIENTS }, () =>
          follow(
            `${base}/api/feed?type=com.delivery-ledger.program.created.v1`,
            feedToken,
            (position) => receipts.push({ position, at: performance.now() }),
          ),
        ),
      );
      const rssBefore = rssMiB(server.process.pid);
      server.process.send(PROBE_START);
      // The receipts are timed on this process's loop: a blocked loop here would be counted as
      // delivery latency, so its own delay is reported beside the server's.
      const ownDelay = monitorEventLoopDelay({ resolution: 1 });
      ownDelay.enable();
      let rssPeak = rssBefore;
      const answerLatencies: number[] = [];
      let failedCommands = 0;
      const total = RATE * SECONDS;
      const started = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < total; i += 1) {
        const due = started + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (i % RATE === 0) rssPeak = Math.max(rssPeak, rssMiB(server.process.pid));
        const sent = performance.now();
        pending.push(
          post(`${base}/api/programs`, adminToken, {
            name: `Program ${i}`,
            customerId: 'cust-1',
            customerName: 'Bench Customer',
          })
            .then((position) => {
              const now = performance.now();
              answeredAt.set(position, now);
              answerLatencies.push(now - sent);
            })
            // A server that cannot keep up resets connections: counted and reported, not fatal.
            .catch(() => {
              failedCommands += 1;
            }),
        );
      }
      await Promise.all(pending);
      // Let the tail reach every client.
      const expected = (total - failedCommands) * CLIENTS;
      for (let i = 0; i < 100 && receipts.length < expected; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      rssPeak = Math.max(rssPeak, rssMiB(server.process.pid));
      ownDelay.disable();
      const probe = await readProbe(server.process);
      const seconds = (performance.now() - started) / 1000;
      for (const close of clients) close();

      const latencies = receipts
        .map((receipt) => receipt.at - (answeredAt.get(receipt.position) ?? receipt.at))
        .map((ms) => Math.max(0, ms))
        .sort((a, b) => a - b);
      answerLatencies.sort((a, b) => a - b);
      report({
        bench: 'feed-fan-out',
        ours: round(percentile(latencies, 50), 2),
        baseline: round(percentile(answerLatencies, 50), 2),
        unit: 'ms (p50)',
        size: CLIENTS,
        sizeUnit: 'clients',
        p99Ms: round(percentile(latencies, 99), 2),
        commandP99Ms: round(percentile(answerLatencies, 99), 2),
        clients: CLIENTS,
        commandsPerSecond: round(total / seconds),
        commands: total,
        failedCommands,
        deliveries: receipts.length,
        expectedDeliveries: expected,
        serverRssBeforeMiB: rssBefore,
        serverPeakRssMiB: rssPeak,
        serverCpuMs: probe.cpuMs,
        serverEventLoopDelayMs: probe.eventLoopDelayMs,
        benchEventLoopDelayMs: {
          p50: round(ownDelay.percentile(50) / 1e6, 2),
          p99: round(ownDelay.percentile(99) / 1e6, 2),
          max: round(ownDelay.max / 1e6, 2),
        },
        serverPeakRssByQuarterMiB: peakByQuarter(probe.memory, (sample) => sample.rssMiB),
        // Sockets beyond the clients' are commands in flight: a backlog (and its memory) shows here.
        serverPeakOpenSocketsByQuarter: peakByQuarter(probe.memory, (sample) => sample.openSockets),
        serverPeakSocketBufferedKiBByQuarter: peakByQuarter(
          probe.memory,
          (sample) => sample.socketBufferedKiB,
        ),
        serverMemoryAtEndMiB: probe.memory.at(-1),
        serverMemoryAfterFullGcMiB: probe.afterFullGc,
      });
      // The server's memory second by second, for telling heap from external from the rest.
      if (process.env.BENCH_FEED_MEMORY_TRACE === '1')
        for (const sample of probe.memory) console.error(JSON.stringify(sample));
    } finally {
      await server.stop();
    }
  });
}

/**
 * The server's peak of `figure` in each quarter of the run: "flat" means the later quarters stop
 * growing. The RSS's first quarter grows anyway while V8 sizes its heap to the allocation rate (in
 * a 60 s run the RSS stopped growing after ~14 s, the heap swinging 60-145 MiB between full
 * collections).
 */
function peakByQuarter(
  memory: readonly MemorySample[],
  figure: (sample: MemorySample) => number,
): number[] {
  const end = memory.at(-1)?.atSeconds ?? 0;
  const peaks = [0, 0, 0, 0];
  for (const sample of memory) {
    const quarter = Math.min(3, Math.floor((4 * sample.atSeconds) / Math.max(end, 1e-9)));
    peaks[quarter] = Math.max(peaks[quarter] ?? 0, figure(sample));
  }
  return peaks;
}

/** The server-side probe's figures over the measured stretch. */
function readProbe(server: ChildProcess): Promise<ProbeReport> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if ((message as Partial<ProbeReport> | null)?.type !== PROBE_READ) return;
      server.off('message', onMessage);
      resolve(message as ProbeReport);
    };
    server.on('message', onMessage);
    server.send(PROBE_READ);
  });
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

/** Opens a feed; calls `onMessage` with each message's position; answers a close function. */
function follow(
  url: string,
  token: string,
  onMessage: (position: number) => void,
): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the feed answered ${response.statusCode}`));
        return;
      }
      response.setEncoding('utf8');
      let pending = '';
      response.on('data', (chunk: string) => {
        pending += chunk;
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (line.startsWith('id: ')) onMessage(Number(line.slice(4)));
        }
      });
      response.on('error', () => undefined);
      resolve(() => req.destroy());
    });
    req.on('error', reject);
    req.end();
  });
}

/** POSTs a command; resolves with the position its answer names. */
function post(url: string, token: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode !== 201) reject(new Error(`${response.statusCode} ${text}`));
          else resolve((JSON.parse(text) as { position: number }).position);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
