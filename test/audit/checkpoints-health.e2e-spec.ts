import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createProgram } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { httpClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

interface Health {
  status: string;
  info: Record<string, Record<string, unknown>>;
  error: Record<string, { status: string; message: string }>;
}

/**
 * /health shows the log's signed checkpoints: how far the log is signed, and a checkpoint writer
 * that stopped for good (down, 503) instead of a log line only. A writer that cannot start (its
 * stored frontier altered in the real SQLite file) no longer keeps the api from starting: it
 * serves, so an auditor can verify the log through it.
 */
describe('Checkpoints on /health (embedded default)', () => {
  let t: TestApp | undefined;
  let dataDir: string | undefined;
  const http = httpClient(() => t as TestApp);

  afterEach(async () => {
    await t?.app.close();
    t = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const health = async (): Promise<{ statusCode: number; body: Health }> => {
    const response = await (t as TestApp).app.inject({ method: 'GET', url: '/health' });
    return { statusCode: response.statusCode, body: response.json<Health>() };
  };

  it('says how far the log is signed', async () => {
    t = await startTestApp({ CHECKPOINT_EVERY_EVENTS: '2', CHECKPOINT_EVERY_SECONDS: '1' });
    dataDir = t.dataDir;
    const pmo = await t.token({ roles: ['pmo'] });
    for (const name of ['A', 'B', 'C']) await createProgram(http, pmo, `Fibre ${name}`);
    const head = await t.store.headPosition();

    const signed = await eventually('the log signed to its head', async () => {
      const { statusCode, body } = await health();
      return statusCode === 200 && body.info.checkpoints?.lastPosition === head ? body : undefined;
    });
    expect(signed.status).toBe('ok');
    expect(signed.info.checkpoints).toMatchObject({
      status: 'up',
      signedSize: head,
      lastPosition: head,
      signedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('a writer that cannot start: the api serves, /health is 503 naming why, verification runs', async () => {
    t = await startTestApp({ CHECKPOINT_EVERY_EVENTS: '2', CHECKPOINT_EVERY_SECONDS: '1' });
    dataDir = t.dataDir;
    const pmo = await t.token({ roles: ['pmo'] });
    await createProgram(http, pmo, 'Fibre A');
    await eventually('a checkpoint', async () =>
      (await health()).body.info.checkpoints?.signedSize ? true : undefined,
    );
    await t.app.close();
    const db = new Database(join(dataDir, 'events.sqlite'));
    db.prepare('UPDATE checkpoints SET frontier = ?').run(JSON.stringify(['ab'.repeat(32)]));
    db.close();

    t = await startTestApp({ DATA_DIR: dataDir });
    const { statusCode, body } = await health();
    expect(statusCode).toBe(503);
    expect(body.status).toBe('error');
    expect(body.error.checkpoints).toMatchObject({
      status: 'down',
      message: expect.stringMatching(
        /checkpoint writer stopped: .*does not fold to its signed root/,
      ),
    });
    // The api still serves: reads, and the auditor's verification of the log.
    const auditor = await t.token({ roles: ['auditor'] });
    expect((await http.get('/api/projects', pmo)).statusCode).toBe(200);
    const job = await http.postAs('/api/audit/verifications', auditor);
    expect(job.statusCode).toBe(202);
  });
});
