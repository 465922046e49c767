import { programWithProject } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
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
  milestones: [
    { id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' },
    { id: 'm2', title: 'Access ready', dueOn: '2026-12-15' },
  ],
  quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
};

const none = { impact: 'none' };
const approvedImpact = {
  cost: { impact: 'change', budgetDelta: { amount: 12_500_000, currency: 'EUR' } },
  schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm2', days: 21 }] },
  scope: { impact: 'change', add: [{ id: 's3', title: 'Depot sites' }], remove: ['s2'] },
  quality: none,
};
const rejectedImpact = {
  cost: none,
  schedule: none,
  scope: none,
  quality: {
    impact: 'change',
    criteria: [{ id: 'q2', criterion: 'Latency', target: '< 5 ms' }],
  },
};

interface Entry {
  changeRequestId: string;
  raisedAt: string;
}

describe.each(readStoreVariants('cssq history'))(
  'CSSQ history over HTTP (GET /api/projects/:projectId/cssq-history, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(() => t);
    let project: { programId: string; projectId: string };
    let url: string;
    let approvedId: string;
    let rejectedId: string;
    let lastPosition = 0;

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      Object.assign(
        tokens,
        await tokensFor(t, {
          alice: { roles: ['project-manager', 'pmo'] },
          bob: { roles: ['project-manager'] },
          outsider: { sub: 'olga', roles: ['auditor'], programs: ['another-program'] },
        }),
      );
      project = await programWithProject(http, tokens.alice!, {
        program: 'Fibre North',
        contract,
        project: 'North rollout',
      });
      const base = `/api/projects/${project.projectId}`;
      url = `${base}/cssq-history`;
      expect((await http.postAs(`${base}/baseline`, tokens.alice!, baselineBody)).statusCode).toBe(
        200,
      );
      const change = async (title: string, impact: unknown, outcome: string) => {
        const raised = await http.postAs(`${base}/change-requests`, tokens.alice!, {
          title,
          origin: 'customer',
          categories: ['scope', 'cost', 'schedule', 'quality'],
          justification: 'The customer asked',
        });
        expect(raised.statusCode).toBe(201);
        const id = raised.json().id as string;
        const cr = `${base}/change-requests/${id}`;
        expect((await http.postAs(`${cr}/assessment`, tokens.alice!, impact)).statusCode).toBe(200);
        const decided = await http.postAs(`${cr}/decision`, tokens.bob!, {
          outcome,
          reason: `${outcome} by the board`,
        });
        expect(decided.statusCode).toBe(200);
        lastPosition = decided.json<{ position: number }>().position;
        return id;
      };
      approvedId = await change('Add the depot sites', approvedImpact, 'approved');
      rejectedId = await change('Tighter latency', rejectedImpact, 'rejected');
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('shows both change requests with impacts, decider, authority, baseline version and the cumulative deltas', async () => {
      const response = await http.get(`${url}?minPosition=${lastPosition}`, tokens.alice);
      expect(response.statusCode).toBe(200);
      const position = Number(response.headers['x-read-position']);
      expect(position).toBeGreaterThanOrEqual(lastPosition);
      const body = response.json();
      expect(body).toMatchObject({
        projectId: project.projectId,
        position,
        cumulative: {
          budgetDelta: { amount: 12_500_000, currency: 'EUR' },
          scopeItemsAdded: 1,
          scopeItemsRemoved: 1,
          milestoneShiftDays: 21,
        },
      });
      expect(body.changeRequests).toEqual([
        expect.objectContaining({
          changeRequestId: approvedId,
          title: 'Add the depot sites',
          origin: 'customer',
          requestedBy: 'alice',
          impacts: expect.objectContaining({
            cost: approvedImpact.cost,
            schedule: approvedImpact.schedule,
            scope: approvedImpact.scope,
            quality: none,
          }),
          outcome: 'approved',
          decidedBy: 'bob',
          authority: 'project-manager',
          reason: 'approved by the board',
          resultingBaselineVersion: 2,
          leadTimeDays: expect.any(Number),
        }),
        expect.objectContaining({
          changeRequestId: rejectedId,
          title: 'Tighter latency',
          impacts: expect.objectContaining({ quality: rejectedImpact.quality, cost: none }),
          outcome: 'rejected',
          decidedBy: 'bob',
          authority: 'project-manager',
          resultingBaselineVersion: null,
        }),
      ]);
    });

    it('filters by dimension', async () => {
      const ids = async (query: string) =>
        (await http.get(`${url}?${query}`, tokens.alice))
          .json<{ changeRequests: Entry[] }>()
          .changeRequests.map((entry) => entry.changeRequestId);
      expect(await ids('dimension=cost')).toEqual([approvedId]);
      expect(await ids('dimension=schedule')).toEqual([approvedId]);
      expect(await ids('dimension=quality')).toEqual([rejectedId]);
    });

    it('filters by the raised date (from/to)', async () => {
      const all = (await http.get(url, tokens.alice)).json<{ changeRequests: Entry[] }>()
        .changeRequests;
      const second = all[1]!.raisedAt;
      const first = all[0]!.raisedAt;
      const ids = async (query: string) =>
        (await http.get(`${url}?${query}`, tokens.alice))
          .json<{ changeRequests: Entry[] }>()
          .changeRequests.map((entry) => entry.changeRequestId);
      expect(await ids(`from=${encodeURIComponent(second)}`)).toEqual(
        first === second ? [approvedId, rejectedId] : [rejectedId],
      );
      expect(await ids(`to=${encodeURIComponent(first)}`)).toContain(approvedId);
      expect(await ids('from=2000-01-01&to=2000-12-31')).toEqual([]);
      expect(await ids('from=2000-01-01')).toEqual([approvedId, rejectedId]);
    });

    it('a project outside the claim is 403, an unknown project 404', async () => {
      expectProblem(await http.get(url, tokens.outsider), 403, 'program-not-in-claim');
      expectProblem(
        await http.get('/api/projects/no-such-project/cssq-history', tokens.alice),
        404,
        'project-not-found',
      );
    });

    it.each([
      ['dimension=contract', 'dimension'],
      ['from=yesterday', 'from'],
      ['to=2026-13-45', 'to'],
      ['from=2026-03-01T00:00:00', 'from'], // a date-time without an offset
      ['to=9999-12-31', 'to'], // outside 1970..2199
      ['minPosition=-1', 'minPosition'],
      ['unknown=1', 'unknown'],
    ])('a bad query (%s) is 400 naming the field', async (query, field) => {
      const response = await http.get(`${url}?${query}`, tokens.alice);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });
  },
);
