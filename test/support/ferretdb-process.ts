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
  /** Whether it ever became live: from then on its ports are in use by the test (its uri). */
  private started = false;

  private constructor(
    private readonly binary: string,
    readonly dir: string,
    private listenPort: number,
    private debugPort: number,
  ) {}

  static async create(binary: string): Promise<FerretDbProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-ferretdb-'));
    return new FerretDbProcess(binary, dir, await freePort(), await freePort());
  }

  get port(): number {
    return this.listenPort;
  }

  /** mongodb://127.0.0.1:<port>/<database> */
  uri(database: string): string {
    return `mongodb://127.0.0.1:${this.listenPort}/${database}`;
  }

  /**
   * Starts it on its data folder and waits until it is live. A free port can be taken by another
   * process between the look-up and FerretDB's bind (the suite runs in parallel, and so may
   * other work on the machine): a first start whose server exits before it is live tries again
   * on new ports; a later one (the test holds its uri) fails at once, saying how it exited.
   */
  async start(): Promise<void> {
    const attempts = this.started ? 1 : 3;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.startOnce();
      if (outcome === 'live') {
        this.started = true;
        return;
      }
      if (outcome.startsWith('timed out') || attempt >= attempts) {
        await this.kill();
        throw new Error(`FerretDB did not become live: ${outcome}`);
      }
      this.listenPort = await freePort();
      this.debugPort = await freePort();
    }
  }

  /** One start: 'live', or why not (it exited first, or 15 s went by). */
  private async startOnce(): Promise<string> {
    const child = spawn(
      this.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${this.dir}/`,
        `--listen-addr=127.0.0.1:${this.listenPort}`,
        `--state-dir=${this.dir}`,
        `--debug-addr=127.0.0.1:${this.debugPort}`,
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-2000);
    });
    for (let poll = 0; poll < 150; poll += 1) {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.child = undefined;
        return `it exited (${child.exitCode ?? child.signalCode}) before it was live: ${errors.trim() || 'no output'}`;
      }
      try {
        const live = await fetch(`http://127.0.0.1:${this.debugPort}/debug/livez`);
        if (live.ok) return 'live';
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return `timed out after 15 s (ports ${this.listenPort} and ${this.debugPort})`;
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
