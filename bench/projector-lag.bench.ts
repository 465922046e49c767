/**
 * projector-lag: a steady 500 commands/s (POST /api/programs) over HTTP for 30 s against the
 * API as `npm start` runs it (embedded stores, projector in the same process), and per command
 * the lag from its answer (the append resolved) to every read model having applied its position
 * (the engine's `waitForPosition`, what a query's minPosition waits on). Aim: p99 ≤ 100 ms.
 * The baseline is the commands' own p99 latency in the same run, so the ratio says how the read
 * side's delay compares with the write's. The server runs in a child process (support/
 * projector-lag-server) so that the load generator does not share its event loop.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, report, round } from './support/bench-report';
import { BENCH_SECRET, benchToken } from './support/bench-server-process';

const RATES = (process.env.BENCH_LAG_RATES ?? '500').split(',').map(Number);
const DURATION_S = Number(process.env.BENCH_LAG_SECONDS ?? 30);
const CONNECTIONS = 32;

interface Lags {
  readonly lagsMs: number[];
  readonly notApplied: number;
}

function nextMessage<T>(server: ChildProcess, type: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      server.off('message', onMessage);
      resolve(message as T);
    };
    server.on('message', onMessage);
    server.once('exit', (code) => reject(new Error(`lag server exited with ${code}`)));
  });
}

async function measure(rate: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-lag-'));
  const server = fork(join(__dirname, 'support', 'projector-lag-server.js'), [], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      JWT_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'silent',
      PROJECTOR: 'in-process',
      RATE_LIMIT_PER_MINUTE: '10000000',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const { port } = await nextMessage<{ port: number }>(server, 'port');
    const token = await benchToken('bench', ['pmo']);
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/programs`,
      method: 'POST',
      connections: CONNECTIONS,
      overallRate: rate,
      duration: DURATION_S,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: '5G RAN rollout North',
        customerId: 'cust-1',
        customerName: 'Nordic Telco',
      }),
    });
    if (result.non2xx > 0) throw new Error(`${result.non2xx} commands failed`);
    const reported = nextMessage<Lags>(server, 'lags');
    server.send({ type: 'report' });
    const { lagsMs, notApplied } = await reported;
    const sorted = [...lagsMs].sort((a, b) => a - b);
    report({
      bench: 'projector-lag',
      ours: round(percentile(sorted, 99), 1),
      baseline: result.latency.p99,
      unit: 'ms p99 lag, answer -> read models applied (baseline: the commands p99 latency)',
      size: rate,
      sizeUnit: 'commands/s offered',
      seconds: DURATION_S,
      connections: CONNECTIONS,
      achievedPerSecond: round(result.requests.average),
      commands: lagsMs.length,
      notApplied,
      lagP50Ms: round(percentile(sorted, 50), 1),
      lagP99Ms: round(percentile(sorted, 99), 1),
      lagMaxMs: round(sorted[sorted.length - 1] ?? NaN, 1),
      commandP50Ms: result.latency.p50,
      commandP99Ms: result.latency.p99,
    });
  } finally {
    server.disconnect();
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  for (const rate of RATES) await measure(rate);
}

if (require.main === module) void run();
