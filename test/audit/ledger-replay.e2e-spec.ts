import { programStreamId } from '@ledger/domain';
import { replayStream } from '../../apps/ledger/src/replay.command';
import { createProgram } from '../support/fixtures';
import { httpClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * `ledger replay <stream>` (issue 10 §3) folds a stream from the log in DATA_DIR with the
 * aggregate's definition: the program as created over HTTP, and nothing before it was recorded.
 */
describe('ledger replay', () => {
  let t: TestApp;
  const http = httpClient(() => t);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('replays a program from the log, and as of a moment before it existed', async () => {
    const before = new Date(Date.now() - 60_000).toISOString();
    const pmo = await t.token({ sub: 'pat', roles: ['pmo'] });
    const programId = await createProgram(http, pmo, 'Fibre North');
    process.env.DATA_DIR = t.dataDir;
    const now = await replayStream(programStreamId(programId), {});
    expect(now.eventsApplied).toBeGreaterThan(0);
    expect(JSON.stringify(now.state)).toContain('Fibre North');
    expect(now.lastEvent?.type).toBe('ProgramCreated');
    const earlier = await replayStream(programStreamId(programId), { asOf: before });
    expect(earlier).toMatchObject({ eventsApplied: 0, lastEvent: null });
  });
});
