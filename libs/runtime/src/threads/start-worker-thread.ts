import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the module `entryFile` in a worker thread. Built code runs the compiled `.js` as it is.
 * The test suite runs our TypeScript sources through ts-jest, whose transform does not reach
 * another thread, so a `.ts` entry is loaded through tsx (a devDependency, never needed by a
 * build) with the repository's tsconfig, which maps the `@ledger/*` imports.
 */
export function startWorkerThread(entryFile: string, options: WorkerOptions = {}): Worker {
  if (extname(entryFile) !== '.ts') return new Worker(entryFile, options);
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(entryFile)});`;
  const tsconfig = nearestTsconfig(dirname(entryFile));
  const env = tsconfig ? { ...process.env, TSX_TSCONFIG_PATH: tsconfig } : process.env;
  return new Worker(bootstrap, { ...options, eval: true, env });
}

function nearestTsconfig(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
