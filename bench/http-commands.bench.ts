/**
 * http-commands: POST /api/programs over HTTP with 64 connections vs the same server answering
 * a no-op route mounted on Fastify only for this benchmark. The ratio is what our whole command
 * path (auth, validation, CQRS bus, decide, group-committed fsync'd append) costs per request.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../apps/api/src/auth/mint-token';
import { createApp } from '../apps/api/src/create-app';
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
  Object.assign(process.env, { DATA_DIR: dataDir, JWT_SECRET: SECRET, LOG_LEVEL: 'silent', PORT: '0' });
  const app = await createApp();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.post('/bench/noop', async (_request, reply) => reply.code(201).send({ id: 'x', streamId: 'program-x', revision: 0, position: 0 }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = fastify.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  const token = await mintToken({ secret: SECRET, sub: 'bench', roles: ['pmo'], programs: '*', ttlSeconds: 3600 });
  const body = JSON.stringify({ name: '5G RAN rollout North', customer: { id: 'cust-1', name: 'Nordic Telco' } });

  try {
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
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
