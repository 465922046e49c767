import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { Role } from '@ledger/domain';
import { mintToken } from '@ledger/runtime';

/** The JWT secret every bench server is started with and every bench token is signed with. */
export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** A bearer token for a bench server: all programs, valid for an hour. */
export function benchToken(sub: string, roles: readonly Role[]): Promise<string> {
  return mintToken({ secret: BENCH_SECRET, sub, roles, programs: '*', ttlSeconds: 3600 });
}

export interface BenchServer {
  readonly process: ChildProcess;
  readonly base: string;
  /** Disconnects the server and waits for it to exit (nothing to do if it already has). */
  stop(): Promise<void>;
}

/**
 * Forks support/bench-server.js (the API as served, in its own process) on `dataDir` with
 * LOG_LEVEL=silent and the bench secret, plus `env`, and resolves once it tells its port.
 */
export async function startBenchServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const server = fork(join(__dirname, 'bench-server.js'), [], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      JWT_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.disconnect();
    await exited;
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (message: { port: number }) => resolve(message.port));
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    return { process: server, base: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
