import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CommandExecutor } from '@ledger/command-path';
import { programAggregate, programStreamId, type ProgramCommand } from '@ledger/domain';
import { commitNotifications, type EventStore } from '@ledger/event-store';
import { PORTFOLIO_PROGRAMS, READ_MODELS } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { openEventStore } from '../../event-store/open-event-store';
import { openReadStore } from '../../read-store/open-read-store';
import type { ProjectorWorkerData } from './projector-worker.messages';
import { ProjectorWorker } from './projector-worker';

const ROOT = resolve(__dirname, '../../../../..');

/**
 * The worker's script runs from its TypeScript source here (the build runs the compiled one):
 * the thread transpiles each .ts file as it is required and resolves `@ledger/*` by the
 * tsconfig paths, as ts-jest does in the test's own thread.
 */
const TS_WORKER = `
const { readFileSync } = require('node:fs');
const ts = require('typescript');
const { workerData } = require('node:worker_threads');
const { compilerOptions } = require(${JSON.stringify(join(ROOT, 'tsconfig.json'))});
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  });
  module._compile(outputText, filename);
};
require('tsconfig-paths').register({ baseUrl: ${JSON.stringify(ROOT)}, paths: compilerOptions.paths });
require(workerData.script);
`;

const createProgram =
  (programId: string) =>
  (meta: ProgramCommand['meta']): ProgramCommand => ({
    type: 'CreateProgram',
    data: { programId, name: 'Rollout', customer: { id: 'c1', name: 'Telco' }, managerId: null },
    meta,
  });

describe('ProjectorWorker: the projection engine in a worker thread (real SQLite stores)', () => {
  let dataDir: string;
  let eventStore: EventStore;
  let readStore: ReadStore;
  let executor: CommandExecutor;
  let projector: ProjectorWorker | undefined;
  const threads: Worker[] = [];
  const logged: string[] = [];

  const create = async (programId: string): Promise<number> => {
    const result = await executor.execute(
      programAggregate,
      programStreamId(programId),
      createProgram(programId),
      { actor: { sub: 'alice', roles: ['pmo'] }, correlationId: 'c', commandId: programId },
    );
    return result.position;
  };

  const startProjector = async (): Promise<ProjectorWorker> => {
    const started = new ProjectorWorker({
      dataDir,
      projections: READ_MODELS,
      onCommit: (listener) => commitNotifications(eventStore)!.onCommit(listener),
      restart: { initialMs: 20, maxMs: 40 },
      log: {
        log: (message) => logged.push(message),
        warn: (message) => logged.push(message),
        error: (message) => logged.push(message),
      },
      spawn: (data: ProjectorWorkerData) => {
        const thread = new Worker(TS_WORKER, {
          eval: true,
          workerData: { ...data, script: join(__dirname, 'projector-worker.main.ts') },
        });
        threads.push(thread);
        return thread;
      },
    });
    projector = started;
    await started.start();
    return started;
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'projector-worker-'));
    eventStore = await openEventStore({
      EVENT_STORE: 'sqlite',
      KURRENTDB_URL: undefined,
      DATA_DIR: dataDir,
    });
    readStore = await openReadStore({ READ_STORE: 'embedded', DATA_DIR: dataDir });
    executor = new CommandExecutor(eventStore);
    threads.length = 0;
    logged.length = 0;
  });

  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await eventStore.close();
    await readStore.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('read-your-writes: once waitForPosition resolves, this thread reads the documents', async () => {
    const running = await startProjector();
    expect(running.state).not.toBe('idle');
    for (const id of ['p1', 'p2', 'p3']) {
      const position = await create(id);
      await running.waitForPosition(position, 10_000);
      // This thread's own connection sees what the worker committed before it reported.
      expect(await readStore.get(PORTFOLIO_PROGRAMS, id)).toMatchObject({ _id: id, position });
      expect(running.positions()['portfolio-programs']).toBeGreaterThanOrEqual(position);
    }
    expect(await readStore.getCheckpoint('portfolio-programs')).toBeGreaterThanOrEqual(
      await eventStore.headPosition(),
    );
  }, 60_000);

  it('a worker that dies is reported, started again, and resumes from the checkpoints', async () => {
    const running = await startProjector();
    await running.waitForPosition(await create('before'), 10_000);
    const restarted = new Promise<void>((resolved) => {
      const check = setInterval(() => {
        if (logged.some((line) => line.includes('started again'))) {
          clearInterval(check);
          resolved();
        }
      }, 10);
    });
    await threads[0]!.terminate();
    // Reported: retrying with the reason (what /health shows as degraded).
    expect(running.state).toBe('retrying');
    expect(running.degraded?.reason).toMatch(/projector worker exited with code 1/);
    // A command answered while it is down is applied once it is back.
    const position = await create('during');
    await running.waitForPosition(position, 30_000);
    await restarted;
    expect(threads).toHaveLength(2);
    expect(running.degraded).toBeUndefined();
    expect(await readStore.get(PORTFOLIO_PROGRAMS, 'during')).toMatchObject({ position });
  }, 90_000);

  it('stop() flushes and ends the thread; waits after it are refused', async () => {
    const running = await startProjector();
    const position = await create('last');
    await running.waitForPosition(position, 10_000);
    const ended = new Promise<number>((resolved) => threads[0]!.once('exit', resolved));
    await running.stop();
    await ended;
    expect(running.state).toBe('stopped');
    await expect(running.waitForPosition(position + 1, 1_000)).rejects.toThrow(/stopped/);
  }, 60_000);

  it('a rebuild runs in the worker and swaps in a collection equal to the live one', async () => {
    const running = await startProjector();
    await create('r1');
    await running.waitForPosition(await create('r2'), 10_000);
    const phases: string[] = [];
    const result = await running.rebuild('portfolio-programs', ({ phase }) => phases.push(phase));
    expect(result.documents).toBe(2);
    expect(phases.length).toBeGreaterThan(0);
    expect(await readStore.get(PORTFOLIO_PROGRAMS, 'r2')).toMatchObject({ _id: 'r2' });
    await expect(running.rebuild('no-such-model')).rejects.toThrow(/unknown read model/);
  }, 60_000);
});
