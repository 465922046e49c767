/**
 * http-commands: POST /api/programs over HTTP with 64 connections vs the same server answering
 * a no-op route mounted on Fastify only for this benchmark. The ratio is what our whole command
 * path (auth, validation, CQRS bus, decide, group-committed fsync'd append) costs per request.
 * The server runs in a child process so that autocannon does not share its event loop.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@ledger/runtime';
import { report, round } from './support/bench-report';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

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
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  const server = fork(join(__dirname, 'support', 'bench-server.js'), [], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      // One token drives the whole run: measure the server, not the per-caller rate limit.
      RATE_LIMIT_PER_MINUTE: '10000000',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (message: { port: number }) => resolve(message.port));
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const token = await mintToken({
      secret: SECRET,
      sub: 'bench',
      roles: ['pmo'],
      programs: '*',
      ttlSeconds: 3600,
    });
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
    server.disconnect();
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
