import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The built apps (apps/api, apps/projector) as real child processes on 127.0.0.1, for the tests
 * that kill them (test/reliability). Each process gets its own free port, keeps the tail of its
 * output for the failure message, and can be SIGKILLed (a crash: no shutdown hook runs) or
 * stopped with SIGTERM, then started again on the same port and data.
 *
 * The apps run from `dist/` (`npm run build`, which .ci/run does before `npm test`). When the
 * entry point is missing (a fresh clone running `npm test` straight away), the app is built
 * first with `nest build <app>`; so is an entry point older than any source under apps/ or libs/,
 * because a stale build would test yesterday's code and pass or fail for the wrong reason (it
 * happened: a crash test ran a dist/ from hours before and reported read-model documents missing
 * that the code under test writes). LEDGER_DIST points at another build root (e.g. a private build
 * while others rebuild dist/ in the same checkout); that build is taken as it is.
 */
export type LedgerApp = 'api' | 'projector' | 'ledger';

const REPO = resolve(__dirname, '..', '..');

function distRoot(): string {
  const configured = process.env.LEDGER_DIST?.trim();
  if (!configured) return join(REPO, 'dist');
  return isAbsolute(configured) ? configured : join(REPO, configured);
}

/** The newest modification time of a TypeScript source under the given folders. */
function newestSourceMtime(folders: readonly string[]): number {
  let newest = 0;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of folders) if (existsSync(folder)) walk(folder);
  return newest;
}

function isStale(entry: string): boolean {
  return statSync(entry).mtimeMs < newestSourceMtime([join(REPO, 'apps'), join(REPO, 'libs')]);
}

/** The entry point of a built app; builds it into dist/ when it is absent or older than the sources. */
export function appEntry(app: LedgerApp): string {
  const entry = join(distRoot(), 'apps', app, 'apps', app, 'src', 'main.js');
  if (process.env.LEDGER_DIST?.trim()) {
    if (existsSync(entry)) return entry;
    throw new Error(`LEDGER_DIST is set but ${entry} does not exist: build it first`);
  }
  const reason = !existsSync(entry) ? 'is missing' : isStale(entry) ? 'is older than the sources' : '';
  if (reason === '') return entry;
  // Several Jest workers may get here at once: one builds (mkdir is the lock), the others wait.
  const lock = join(REPO, 'node_modules', '.cache', `ledger-build-${app}.lock`);
  mkdirSync(dirname(lock), { recursive: true });
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // another worker builds it
  }
  if (owner) {
    try {
      process.stderr.write(`[processes] ${entry} ${reason}: nest build ${app} (about a minute)\n`);
      execFileSync(join(REPO, 'node_modules', '.bin', 'nest'), ['build', app], {
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  } else {
    const waitUntil = Date.now() + 10 * 60_000;
    while (existsSync(lock) && Date.now() < waitUntil) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  if (!existsSync(entry)) throw new Error(`nest build ${app} did not produce ${entry}`);
  return entry;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

const TAIL_LINES = 40;

export interface LedgerProcessOptions {
  readonly app: LedgerApp;
  /** Merged over the parent's environment; PORT and HOST are set by the process itself. */
  readonly env: Record<string, string>;
  /** A name for messages (e.g. "api", "projector"). */
  readonly name?: string;
  /** How long `start` waits for /health to answer (default 60 s: a loaded CI machine). */
  readonly readyTimeoutMs?: number;
}

/** One app as a child process; `start` again after `kill` or `stop` reuses the port. */
export class LedgerProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<void> = Promise.resolve();
  private readonly tail: string[] = [];
  /** How many times the process was started. */
  starts = 0;

  private constructor(
    private readonly options: LedgerProcessOptions,
    readonly port: number,
  ) {}

  static async create(options: LedgerProcessOptions): Promise<LedgerProcess> {
    return new LedgerProcess(options, await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get name(): string {
    return this.options.name ?? this.options.app;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string {
    return this.tail.join('\n');
  }

  /** Spawns the app and resolves once GET /health answers (any status); rejects if it exits. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, [appEntry(this.options.app)], {
      cwd: REPO,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...this.options.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        this.tail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolveExit) => child.once('exit', () => resolveExit()));
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.name} exited during start-up; its output:\n${this.output()}`);
      }
      try {
        const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        return;
      } catch {
        await sleep(100);
      }
    }
    await this.kill();
    throw new Error(`${this.name} did not answer /health in time; its output:\n${this.output()}`);
  }

  /** SIGKILL, as a crash or a pulled plug: nothing is flushed. Resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill('SIGKILL');
    await this.exit;
  }

  /** SIGTERM (shutdown hooks run); SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const gone = await Promise.race([
      this.exit.then(() => true),
      new Promise<boolean>((resolveLate) => {
        timer = setTimeout(() => resolveLate(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!gone) await this.kill();
  }
}
