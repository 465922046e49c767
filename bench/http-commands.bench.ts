/**
 * http-commands: POST /api/programs over HTTP with 64 connections vs the same server answering
 * a no-op route mounted on Fastify only for this benchmark. The ratio is what our whole command
 * path (auth, validation, CQRS bus, decide, group-committed fsync'd append) costs per request.
 * The server runs in a child process so that autocannon does not share its event loop.
 */
import autocannon from 'autocannon';
import { report, round } from './support/bench-report';
import { benchToken, startBenchServer } from './support/bench-server-process';
import { withTempDir } from './support/temp-dir';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);

function load(url: string, token: string, body: string): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
}

export async function run(): Promise<void> {
  await withTempDir('http', async (dataDir) => {
    const server = await startBenchServer(dataDir, {
      // One token drives the whole run: measure the server, not the per-caller rate limit.
      RATE_LIMIT_PER_MINUTE: '10000000',
    });
    try {
      const { base } = server;
      const token = await benchToken('bench', ['pmo']);
      const body = JSON.stringify({
        name: '5G RAN rollout North',
        customerId: 'cust-1',
        customerName: 'Nordic Telco',
      });

      const noop = await load(`${base}/bench/noop`, token, body);
      const commands = await load(`${base}/api/programs`, token, body);
      if (commands.non2xx > 0) throw new Error(`${commands.non2xx} commands failed`);
      report({
        bench: 'http-commands',
        ours: round(commands.requests.average),
        baseline: round(noop.requests.average),
        unit: 'requests/s',
        connections: CONNECTIONS,
        seconds: DURATION_S,
        p50Ms: commands.latency.p50,
        p99Ms: commands.latency.p99,
        baselineP50Ms: noop.latency.p50,
        baselineP99Ms: noop.latency.p99,
      });
    } finally {
      await server.stop();
    }
  });
}

if (require.main === module) void run();
