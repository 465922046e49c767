import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private FerretDB (a real MongoDB-wire server) that a test can kill and start again on the
 * same data: the binary .ci/ferretdb.sh builds and caches (same version, same cache folder, same
 * flags), its own temp folder and free ports. `ferretdbBinary()` is undefined when it was never
 * built on this machine: the caller then skips, loudly.
 */
const VERSION = 'v1.24.2';

export function ferretdbBinary(): string | undefined {
  const cache = process.env.FERRETDB_CACHE ?? join(homedir(), '.cache', 'delivery-ledger');
  const binary = join(cache, `ferretdb-${VERSION}`);
  return existsSync(binary) ? binary : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class FerretDbProcess {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly binary: string,
    readonly dir: string,
    readonly port: number,
    private readonly debugPort: number,
  ) {}

  static async create(binary: string): Promise<FerretDbProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-ferretdb-'));
    return new FerretDbProcess(binary, dir, await freePort(), await freePort());
  }

  /** mongodb://127.0.0.1:<port>/<database> */
  uri(database: string): string {
    return `mongodb://127.0.0.1:${this.port}/${database}`;
  }

  /** Starts it on its data folder and waits until it is live. */
  async start(): Promise<void> {
    this.child = spawn(
      this.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${this.dir}/`,
        `--listen-addr=127.0.0.1:${this.port}`,
        `--state-dir=${this.dir}`,
        `--debug-addr=127.0.0.1:${this.debugPort}`,
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; attempt < 150; attempt += 1) {
      try {
        const live = await fetch(`http://127.0.0.1:${this.debugPort}/debug/livez`);
        if (live.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('FerretDB did not become live within 15 s');
  }

  /** SIGKILL: no shutdown, as a crashed server or a pulled cable. Resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
