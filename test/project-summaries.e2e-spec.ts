import { programWithProject, createProject, registerContract } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const contract = {
  customerId: 'cust-1',
  title: 'Fibre frame contract',
  value: { amount: 500_000_000, currency: 'EUR' },
  signedOn: '2026-01-15',
};

const baselineBody = {
  budget: { amount: 100_000_000, currency: 'EUR' },
  scope: [
    { id: 's1', title: 'Core sites' },
    { id: 's2', title: 'Access sites' },
  ],
  milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
  quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
};

describe('Project summaries over HTTP (GET /api/projects, GET /api/projects/:projectId)', () => {
  let t: TestApp;
  let pmo: string;
  const http = httpClient(() => t);
  let north: { programId: string; contractId: string; projectId: string };
  let southProgramId: string;
  let lastPosition = 0;

  beforeAll(async () => {
    t = await startTestApp();
    pmo = await t.token({ sub: 'pat', roles: ['pmo', 'project-manager'] });
    north = await programWithProject(http, pmo, {
      program: 'Fibre North',
      contract,
      project: 'North rollout',
    });
    const more = await registerContract(http, pmo, { programId: north.programId, ...contract });
    await createProject(http, pmo, {
      programId: north.programId,
      contractId: more,
      name: 'Another north',
    });
    const south = await programWithProject(http, pmo, {
      program: 'Fibre South',
      contract,
      project: 'South rollout',
    });
    southProgramId = south.programId;
    const baseline = await http.post(
      `/api/projects/${north.projectId}/baseline`,
      baselineBody,
      pmo,
    );
    expect(baseline.statusCode).toBe(200);
    lastPosition = baseline.json<{ position: number }>().position;
  });
  afterAll(() => t.close());

  it('with minPosition, the detail reflects the command just answered', async () => {
    const response = await http.get(
      `/api/projects/${north.projectId}?minPosition=${lastPosition}`,
      pmo,
    );
    expect(response.statusCode).toBe(200);
    const position = Number(response.headers['x-read-position']);
    expect(position).toBeGreaterThanOrEqual(lastPosition);
    expect(response.json()).toMatchObject({
      projectId: north.projectId,
      programId: north.programId,
      contractId: north.contractId,
      name: 'North rollout',
      status: 'active',
      phase: 'baselined',
      originalBaseline: {
        version: 1,
        budget: { amount: 100_000_000, currency: 'EUR' },
        scopeCount: 2,
        milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
      },
      currentBaseline: { version: 1, scopeCount: 2 },
      openChangeRequests: 0,
      position,
    });
  });

  it('lists filtered by program, sorted and paged, with the total and the position', async () => {
    const url = `/api/projects?programId=${north.programId}&sort=name&limit=1&minPosition=${lastPosition}`;
    const first = await http.get(url, pmo);
    expect(first.statusCode).toBe(200);
    const body = first.json<{ items: { name: string }[]; total: number; position: number }>();
    expect(body.total).toBe(2);
    expect(body.items.map((item) => item.name)).toEqual(['Another north']);
    expect(body.position).toBe(Number(first.headers['x-read-position']));
    const second = await http.get(`${url}&offset=1`, pmo);
    expect(second.json().items.map((item: { name: string }) => item.name)).toEqual([
      'North rollout',
    ]);
    const all = await http.get('/api/projects?sort=-name&status=active', pmo);
    expect(all.json().total).toBe(3);
    expect(all.json().items[0].name).toBe('South rollout');
    const closed = await http.get('/api/projects?status=closed', pmo);
    expect(closed.json()).toMatchObject({ items: [], total: 0 });
  });

  it('a list claim sees only its programs: lists filtered, detail and program filter 403', async () => {
    const auditor = await t.token({
      sub: 'ann',
      roles: ['auditor'],
      programs: [north.programId],
    });
    const list = await http.get(`/api/projects?minPosition=${lastPosition}`, auditor);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    for (const item of list.json().items) expect(item.programId).toBe(north.programId);
    expectProblem(
      await http.get(`/api/projects?programId=${southProgramId}`, auditor),
      403,
      'program-not-in-claim',
    );
    const south = (await http.get(`/api/projects?programId=${southProgramId}`, pmo)).json();
    expectProblem(
      await http.get(`/api/projects/${south.items[0].projectId}`, auditor),
      403,
      'program-not-in-claim',
    );
    expect((await http.get(`/api/projects/${north.projectId}`, auditor)).statusCode).toBe(200);
  });

  it('an unknown project is 404', async () => {
    expectProblem(await http.get('/api/projects/no-such-project', pmo), 404, 'project-not-found');
  });

  it.each([
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['status=open', 'status'],
    ['sort=budget', 'sort'],
    ['minPosition=-5', 'minPosition'],
    ['unknown=1', 'unknown'],
  ])('a bad query (%s) is 400 naming the field', async (query, field) => {
    const response = await http.get(`/api/projects?${query}`, pmo);
    expectProblem(response, 400, 'validation-failed');
    expect(
      response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
    ).toContain(field);
  });

  it('a minPosition far beyond the head is 503 with Retry-After after the wait', async () => {
    const response = await http.get('/api/projects?minPosition=999999&waitMs=100', pmo);
    expectProblem(response, 503, 'read-model-behind');
    expect(response.headers['retry-after']).toBe('1');
    const detail = await http.get(
      `/api/projects/${north.projectId}?minPosition=999999&waitMs=50`,
      pmo,
    );
    expectProblem(detail, 503, 'read-model-behind');
  });

  it('the health check reports the read store and the projector', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json().info.readStore).toMatchObject({ status: 'up', projector: 'live' });
  });
});
