/**
 * http-commands: POST /api/programs over HTTP with 64 connections vs the same server answering
 * a no-op route mounted on Fastify only for this benchmark. The ratio is what our whole command
 * path (auth, validation, CQRS bus, decide, group-committed fsync'd append) costs per request.
 * The server runs in a child process so that autocannon does not share its event loop.
 *
 * The framework floor (FrameworkFloorModule, reported as `frameworkFloor`): the same request
 * through our own pipeline (token, roles, rate limit, body DTO, command context) answered
 * without the command. `floorRatio` (floor / no-op) is the most any command path could score;
 * `ofFloor` (ours / floor) is what the command itself costs.
 *
 * Checkpoint cost (issue 10 §4, with checkpoint-cost.bench.ts): `BENCH_CHECKPOINT_MODE=on|off
 * node dist/bench/bench/http-commands.bench.js` runs ONE mode, no baseline: the server as served
 * (on: the signed-checkpoint writer follows the log in a worker thread of the api's process, the
 * embedded default) or with the writer stopped after start (off, BENCH_CHECKPOINTS=off as
 * checkpoint-cost does), loaded with a FIXED number of commands (BENCH_HTTP_REQUESTS, default
 * 5,000) instead of a fixed duration, so a whole process's wall and CPU time (server child
 * included once reaped) measure the same work in both modes. Prints its requests/s and latencies;
 * it records nothing. Run the two modes alternately from outside (pairs A B A B …) and compare
 * medians.
 */
import autocannon from 'autocannon';
import { report, round } from './support/bench-report';
import { benchToken, startBenchServer } from './support/bench-server-process';
import { frameworkFloor } from './support/framework-floor';
import { withTempDir } from './support/temp-dir';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 5_000);
const BODY = JSON.stringify({
  name: '5G RAN rollout North',
  customerId: 'cust-1',
  customerName: 'Nordic Telco',
});

/** Load for DURATION_S seconds, or exactly `amount` requests when given. */
function load(
  url: string,
  token: string,
  body: string,
  amount?: number,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    ...(amount === undefined ? { duration: DURATION_S } : { amount }),
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
      const noop = await load(`${base}/bench/noop`, token, BODY);
      const floor = await load(`${base}/bench/floor/programs`, token, BODY);
      if (floor.non2xx > 0) throw new Error(`${floor.non2xx} floor requests failed`);
      const commands = await load(`${base}/api/programs`, token, BODY);
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
        ...frameworkFloor(floor, noop, commands),
      });
    } finally {
      await server.stop();
    }
  });
}

/** One checkpoint mode, a fixed number of commands, no baseline: for whole-process A/B pairs. */
async function runOneMode(mode: 'on' | 'off'): Promise<void> {
  await withTempDir('http', async (dataDir) => {
    const server = await startBenchServer(dataDir, {
      RATE_LIMIT_PER_MINUTE: '10000000',
      BENCH_CHECKPOINTS: mode,
    });
    try {
      const token = await benchToken('bench', ['pmo']);
      const commands = await load(`${server.base}/api/programs`, token, BODY, REQUESTS);
      if (commands.non2xx > 0) throw new Error(`${commands.non2xx} commands failed`);
      // Printed, not recorded: one mode alone has no baseline, so it stays out of latest.jsonl.
      console.log(
        JSON.stringify({
          bench: `http-commands-checkpoints-${mode}`,
          requestsPerSecond: round(commands.requests.average),
          requests: commands.requests.total,
          seconds: round(commands.duration, 2),
          p50Ms: commands.latency.p50,
          p99Ms: commands.latency.p99,
        }),
      );
    } finally {
      await server.stop();
    }
  });
}

if (require.main === module) {
  const mode = process.env.BENCH_CHECKPOINT_MODE;
  void (mode === 'on' || mode === 'off' ? runOneMode(mode) : run());
}
