import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * SQLITE_WAL_CHECKPOINTS: with `thread` (the default) the api checkpoints events.sqlite and
 * read.sqlite from a worker thread, so what the commands and the projector commit reaches the
 * database files while the writers (bound at 10,000 WAL pages) never checkpoint on the event
 * loop; with `inline`, SQLite's writers do it at 1,000 pages, which 150 commands do not reach.
 */
describe.each([
  ['thread', true],
  ['inline', false],
] as const)('SQLITE_WAL_CHECKPOINTS=%s (the api on the embedded default)', (mode, checkpointed) => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ SQLITE_WAL_CHECKPOINTS: mode });
    token = await t.token({ roles: ['pmo'] });
  });
  afterAll(() => t.close());

  const size = (file: string) => statSync(join(t.dataDir, file)).size;

  it(`${checkpointed ? "moves the commands' pages into events.sqlite and read.sqlite" : "leaves the log's pages in its WAL"} while they are served`, async () => {
    for (let i = 0; i < 150; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          name: `Program ${i} ${'x'.repeat(150)}`,
          customerId: 'cust-1',
          customerName: 'Nordic Telco',
        }),
      });
      expect(response.statusCode).toBe(201);
    }
    const head = await t.store.headPosition();
    // Every event is read back whatever the mode: the WAL is part of the database.
    expect((await t.store.readAll({ after: 0, maxCount: 10_000 })).length).toBe(head);
    // 150 programs: over 150 KB in the log, in its WAL until something checkpoints it (fewer
    // than 1,000 pages: SQLite's own writer would not). The read store's WAL passes 1,000 pages
    // within them (each live batch rewrites its pages), so inline it is checkpointed either way.
    const logInFile = () => size('events.sqlite') > 150_000;
    const readInFile = () => size('read.sqlite') > 50_000;
    const started = Date.now();
    while (
      !(logInFile() && readInFile()) &&
      Date.now() - started < (checkpointed ? 10_000 : 2_500)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(logInFile()).toBe(checkpointed);
    if (checkpointed) expect(readInFile()).toBe(true);

    // /health shows the thread where there is one: up, over both files, having checkpointed
    // (each checkpoint is told after the file grew: asked again until both are counted).
    type Health = {
      status: string;
      details: Record<string, { status: string; files?: number; checkpoints?: number }>;
    };
    const health = async () =>
      (await t.app.inject({ method: 'GET', url: '/health' })).json<Health>();
    let report = await health();
    for (let tries = 0; checkpointed && (report.details.walCheckpoints?.checkpoints ?? 0) < 2;) {
      if (++tries > 100) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      report = await health();
    }
    expect(report.status).toBe('ok');
    if (checkpointed) {
      expect(report.details.walCheckpoints).toEqual({
        status: 'up',
        files: 2,
        checkpoints: expect.any(Number),
        failures: 0,
        restarts: 0,
      });
      expect(report.details.walCheckpoints!.checkpoints).toBeGreaterThanOrEqual(2);
    } else expect(report.details.walCheckpoints).toBeUndefined();
  });
});
