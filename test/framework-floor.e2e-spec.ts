import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrameworkFloorModule } from '../apps/api/src/harness/framework-floor.module';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The framework floor (bench/http-commands, bench/query-project-list) is only a floor if its
 * routes pay what their twins pay before the work: the same token, role, body and query rules,
 * the same program scope. Each refusal here is asked of both routes and must be answered alike;
 * what the floor accepts it answers without writing anything.
 */
describe('framework floor routes (benchmarks only): the real routes without the work', () => {
  let t: TestApp;
  let pmo: string;
  const page = Buffer.from('{"items":[{"projectId":"p-1"}],"total":1,"position":0}');

  beforeAll(async () => {
    t = await startTestApp({}, { harnessModules: [FrameworkFloorModule] });
    writeFileSync(join(t.dataDir, 'floor-page.json'), page);
    process.env.BENCH_FLOOR_PAGE_FILE = join(t.dataDir, 'floor-page.json');
    pmo = await t.token({ sub: 'alice', roles: ['pmo'] });
  });
  afterAll(async () => {
    delete process.env.BENCH_FLOOR_PAGE_FILE;
    await t.close();
  });

  const post = (url: string, body: unknown, token: string | null = pmo) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        'content-type': 'application/json',
      },
      payload: JSON.stringify(body),
    });
  const get = (url: string, token: string | null = pmo) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });

  /** Status, problem type and listed fields and rules: what a client can tell apart. */
  const refusal = (response: Awaited<ReturnType<typeof get>>) => {
    const body = response.json<{ type: string; errors?: { field: string; rule: string }[] }>();
    return {
      status: response.statusCode,
      type: body.type,
      errors: (body.errors ?? []).map(({ field, rule }) => ({ field, rule })),
    };
  };

  const valid = {
    name: '5G RAN rollout North',
    customerId: 'cust-1',
    customerName: 'Nordic Telco',
  };

  it('answers a valid CreateProgram body with 201 and the answer shape, and writes no event', async () => {
    const before = await t.store.headPosition();
    const response = await post('/bench/floor/programs', valid);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      streamId: expect.stringMatching(/^program-/),
      revision: 0,
      position: valid.name.length,
    });
    expect(await t.store.headPosition()).toBe(before);
  });

  it.each([
    ['a missing field', { customerId: 'cust-1', customerName: 'Nordic Telco' }],
    ['an unknown field', { ...valid, colour: 'blue' }],
    ['a name over 200 characters', { ...valid, name: 'x'.repeat(201) }],
    ['a control character', { ...valid, customerName: 'Nordic\u0007Telco' }],
    ['an inherited key', { ...valid, toString: 'x' }],
  ])('refuses %s as POST /api/programs does, with the same fields and rules', async (_, body) => {
    const real = await post('/api/programs', body);
    const floor = await post('/bench/floor/programs', body);
    expectProblem(floor, 400, 'validation-failed');
    expect(refusal(floor)).toEqual(refusal(real));
  });

  it('refuses a caller without a token, or without a role that may create programs, as the real route does', async () => {
    const auditor = await t.token({ sub: 'val', roles: ['auditor'] });
    for (const token of [null, auditor]) {
      const real = await post('/api/programs', valid, token);
      const floor = await post('/bench/floor/programs', valid, token);
      expect(real.statusCode).toBeGreaterThanOrEqual(401);
      expect(refusal(floor)).toEqual(refusal(real));
    }
  });

  it('answers a valid list query with the page file, byte for byte, and its read position', async () => {
    const response = await get('/bench/floor/projects?status=active&limit=20&offset=0');
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(page)).toBe(true);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-read-position']).toBe('0');
  });

  it.each([
    ['a limit over 100', 'limit=101'],
    ['an offset that is not a number', 'offset=first'],
    ['an unknown parameter', 'colour=blue'],
    ['an unknown status', 'status=sleeping'],
    ['a prototype key', '__proto__=x'],
  ])('refuses %s as GET /api/projects does', async (_, query) => {
    const real = await get(`/api/projects?${query}`);
    const floor = await get(`/bench/floor/projects?${query}`);
    expectProblem(floor, 400, 'validation-failed');
    expect(refusal(floor)).toEqual(refusal(real));
  });

  it('refuses a program outside the token, and a missing token, as GET /api/projects does', async () => {
    const north = await t.token({ sub: 'nina', roles: ['pmo'], programs: ['program-north'] });
    const cases: [string, string | null][] = [
      ['programId=program-south', north],
      ['status=active', null],
    ];
    for (const [query, token] of cases) {
      const real = await get(`/api/projects?${query}`, token);
      const floor = await get(`/bench/floor/projects?${query}`, token);
      expect(real.statusCode).toBeGreaterThanOrEqual(401);
      expect(refusal(floor)).toEqual(refusal(real));
    }
  });
});
