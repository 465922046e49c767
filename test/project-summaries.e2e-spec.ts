import {
  contractAndProject,
  createProgram,
  createProject,
  programWithProject,
  registerContract,
} from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const contract = {
  customerId: 'cust-1',
  title: 'Fibre frame contract',
  value: eur(500_000_000),
  signedOn: '2026-01-15',
};

const baselineBody = {
  budget: eur(100_000_000),
  scope: [
    { id: 's1', title: 'Core sites' },
    { id: 's2', title: 'Access sites' },
  ],
  milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
  quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
};

/**
 * The earned value projects plan in 2099 so that no milestone is past due whatever day the
 * suite runs ("today" for health is the date the log recorded the project's latest event).
 * Plan start 2099-01-01 (the baseline's effectiveAt); m1 due 2099-01-31 and m2 2099-03-02:
 * each milestone weighs half the BAC, planned over its 30-day window.
 */
const evmBaseline = {
  ...baselineBody,
  milestones: [
    { id: 'm1', title: 'Core network ready', dueOn: '2099-01-31' },
    { id: 'm2', title: 'Access ready', dueOn: '2099-03-02' },
  ],
  effectiveAt: '2099-01-01T00:00:00Z',
};

describe.each(readStoreVariants('project summaries'))(
  'Project summaries over HTTP (GET /api/projects, GET /api/projects/:projectId, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(() => t);
    let north: { programId: string; contractId: string; projectId: string };
    let southProgramId: string;
    let eastProgramId: string;
    const east: Record<'core' | 'access' | 'depot', string> = { core: '', access: '', depot: '' };
    let lastPosition = 0;

    /** A command that must be accepted; remembers the highest position answered. */
    const ok = async (url: string, body: unknown, token: string) => {
      const answer = (await http.postOk(url, body, token)) as { id?: string; position?: number };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };

    /** Sell→Execute over HTTP: sales hands over, the project manager accepts and approves. */
    const approveSellToExecute = async (projectId: string) => {
      const base = `/api/projects/${projectId}/handovers`;
      const { id } = await ok(
        base,
        {
          kind: 'sell-to-execute',
          items: [{ id: 'signed-contract', title: 'Signed contract', mandatory: true }],
        },
        tokens.sales!,
      );
      const url = `${base}/${id}`;
      await ok(`${url}/items/signed-contract/evidence`, { ref: 'dms://contract' }, tokens.sales!);
      await ok(`${url}/items/signed-contract/accept`, { note: 'Checked' }, tokens.pm!);
      await ok(`${url}/approve`, { note: 'Handed over' }, tokens.pm!);
    };

    /** Baseline, Sell→Execute, one reporting period, one progress report and some costs. */
    const execute = async (
      projectId: string,
      period: { periodId: string; startsOn: string; endsOn: string },
      progress: [number, number],
      costs: [string, number, string][],
    ) => {
      const url = `/api/projects/${projectId}`;
      await ok(`${url}/baseline`, evmBaseline, tokens.pm!);
      await approveSellToExecute(projectId);
      await ok(`${url}/reporting-periods`, period, tokens.pm!);
      await ok(
        `${url}/progress`,
        {
          reportId: `${period.periodId}-r1`,
          periodId: period.periodId,
          items: [
            { scopeItemId: 's1', percentComplete: progress[0] },
            { scopeItemId: 's2', percentComplete: progress[1] },
          ],
        },
        tokens.erp!,
      );
      for (const [erpDocumentId, amount, postedOn] of costs) {
        await ok(
          `${url}/actual-costs`,
          { erpDocumentId, amount: eur(amount), postedOn },
          tokens.erp!,
        );
      }
    };

    const summary = async (projectId: string) => {
      const response = await http.get(
        `/api/projects/${projectId}?minPosition=${lastPosition}`,
        tokens.pmo,
      );
      expect(response.statusCode).toBe(200);
      return response.json<Record<string, unknown>>();
    };

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      Object.assign(
        tokens,
        await tokensFor(t, {
          pmo: { sub: 'pat', roles: ['pmo', 'project-manager'] },
          pm: { sub: 'carla', roles: ['project-manager'] },
          sales: { sub: 'sam', roles: ['sales'] },
          erp: { sub: 'erp', roles: ['integration'] },
        }),
      );
      north = await programWithProject(http, tokens.pmo!, {
        program: 'Fibre North',
        contract,
        project: 'North rollout',
      });
      const more = await registerContract(http, tokens.pmo!, {
        programId: north.programId,
        ...contract,
      });
      await createProject(http, tokens.pmo!, {
        programId: north.programId,
        contractId: more,
        name: 'Another north',
      });
      const south = await programWithProject(http, tokens.pmo!, {
        program: 'Fibre South',
        contract,
        project: 'South rollout',
      });
      southProgramId = south.programId;
      await ok(`/api/projects/${north.projectId}/baseline`, baselineBody, tokens.pmo!);

      eastProgramId = await createProgram(http, tokens.pmo!, 'Fibre East');
      for (const key of ['core', 'access', 'depot'] as const) {
        east[key] = await contractAndProject(
          http,
          tokens.pmo!,
          { programId: eastProgramId, ...contract },
          `East ${key}`,
        );
      }
      // Core: at 2099-01-31, PV 50 %, EV (60 % + 20 %) / 2 = 40 %, AC 500,000.00 EUR.
      await execute(
        east.core,
        { periodId: '2099-01', startsOn: '2099-01-01', endsOn: '2099-01-31' },
        [60, 20],
        [
          ['INV-1', 30_000_000, '2099-01-10'],
          ['INV-2', 20_000_000, '2099-01-20'],
          // The ERP sends INV-2 again: the domain records it once, the summary counts it once.
          ['INV-2', 20_000_000, '2099-01-20'],
        ],
      );
      // Access: at 2099-01-16, PV 25 % (15 of m1's 30 days), EV 25 %, AC 200,000.00 EUR.
      await execute(
        east.access,
        { periodId: '2099-01a', startsOn: '2099-01-01', endsOn: '2099-01-16' },
        [30, 20],
        [['INV-9', 20_000_000, '2099-01-05']],
      );
      // Depot: baselined only, with one open high threat (4 × 4 = 16) and one closed risk.
      await ok(`/api/projects/${east.depot}/baseline`, evmBaseline, tokens.pm!);
      const raise = (title: string) =>
        ok(
          `/api/projects/${east.depot}/risks`,
          {
            kind: 'threat',
            title,
            cause: 'Single supplier',
            event: 'Ducts arrive late',
            effect: 'Civil works slip',
            category: 'supply-chain',
          },
          tokens.pm!,
        );
      const high = await raise('Late ducts');
      await ok(
        `/api/projects/${east.depot}/risks/${high.id}/assessment`,
        { probability: 4, impact: 4, costImpact: eur(10_000_000) },
        tokens.pm!,
      );
      const gone = await raise('Permit delay');
      await ok(
        `/api/projects/${east.depot}/risks/${gone.id}/close`,
        { reason: 'expired' },
        tokens.pm!,
      );
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('with minPosition, the detail reflects the command just answered', async () => {
      const response = await http.get(
        `/api/projects/${north.projectId}?minPosition=${lastPosition}`,
        tokens.pmo,
      );
      expect(response.statusCode).toBe(200);
      const position = Number(response.headers['x-read-position']);
      expect(position).toBeGreaterThanOrEqual(lastPosition);
      const body = response.json();
      expect(body).toMatchObject({
        projectId: north.projectId,
        programId: north.programId,
        contractId: north.contractId,
        name: 'North rollout',
        status: 'active',
        phase: 'baselined',
        originalBaseline: {
          version: 1,
          budget: eur(100_000_000),
          scopeCount: 2,
          milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
        },
        currentBaseline: { version: 1, scopeCount: 2 },
        openChangeRequests: 0,
        openRisks: 0,
        // m1 was due on 2026-06-30 and no progress is reported: past due, whatever day it is now.
        health: 'red',
        healthReasons: ['milestone-past-due:m1'],
        // Nothing measured yet: every earned value figure is null, never 0 or 1.
        earnedValue: { statusDate: null, bac: eur(100_000_000), pv: null, spi: null, cpi: null },
        position,
      });
      // The derivation inputs stay in the read model.
      expect(body).not.toHaveProperty('inputs');
    });

    it('earned value of a project behind schedule and over budget: exact figures, red', async () => {
      expect(await summary(east.core)).toMatchObject({
        phase: 'execution',
        earnedValue: {
          statusDate: '2099-01-31',
          bac: eur(100_000_000),
          pv: eur(50_000_000),
          ev: eur(40_000_000),
          ac: eur(50_000_000),
          sv: eur(-10_000_000),
          cv: eur(-10_000_000),
          spi: 0.8,
          cpi: 0.8,
          eac: eur(125_000_000),
          eacAtBudgetRate: eur(110_000_000),
          etc: eur(75_000_000),
          vac: eur(-25_000_000),
          tcpi: 1.2,
          percentComplete: 40,
          actualCostRecorded: eur(50_000_000),
        },
        health: 'red',
        healthReasons: ['spi-below-0.9', 'cpi-below-0.9'],
        reportingPeriods: [{ periodId: '2099-01', status: 'open', reported: null }],
      });
    });

    it('earned value on plan and under budget: exact figures, green', async () => {
      expect(await summary(east.access)).toMatchObject({
        earnedValue: {
          statusDate: '2099-01-16',
          pv: eur(25_000_000),
          ev: eur(25_000_000),
          ac: eur(20_000_000),
          sv: eur(0),
          cv: eur(5_000_000),
          spi: 1,
          cpi: 1.25,
          eac: eur(80_000_000),
          etc: eur(60_000_000),
          vac: eur(20_000_000),
          tcpi: 0.9375,
        },
        health: 'green',
        healthReasons: [],
      });
    });

    it('open risks and high threats count on the summary (amber)', async () => {
      expect(await summary(east.depot)).toMatchObject({
        openRisks: 1,
        openHighThreats: 1,
        earnedValue: { statusDate: null, ac: null, cpi: null },
        health: 'amber',
        healthReasons: ['open-high-threats:1'],
      });
    });

    it('a closed period keeps what it reported; a later correction shows as an adjustment', async () => {
      const url = `/api/projects/${east.core}`;
      await ok(`${url}/reporting-periods/2099-01/close`, {}, tokens.pm!);
      await ok(
        `${url}/progress/2099-01-r1/correction`,
        {
          items: [
            { scopeItemId: 's1', percentComplete: 50 },
            { scopeItemId: 's2', percentComplete: 20 },
          ],
          reason: 'Site s1 was double counted',
        },
        tokens.pm!,
      );
      const body = await summary(east.core);
      expect(body.reportingPeriods).toEqual([
        {
          periodId: '2099-01',
          startsOn: '2099-01-01',
          endsOn: '2099-01-31',
          status: 'closed',
          closedAt: expect.any(String),
          reported: { pv: eur(50_000_000), ev: eur(40_000_000), ac: eur(50_000_000) },
          adjustments: { ev: eur(-5_000_000), ac: null, corrections: 1, lateCosts: 0 },
        },
      ]);
      expect(body.earnedValue).toMatchObject({
        ev: eur(35_000_000),
        spi: 0.7,
        cpi: 0.7,
        percentComplete: 35,
      });
    });

    it('filters by RAG health and sorts worst first', async () => {
      const list = async (query: string) => {
        const response = await http.get(
          `/api/projects?programId=${eastProgramId}&minPosition=${lastPosition}${query}`,
          tokens.pmo,
        );
        expect(response.statusCode).toBe(200);
        return response.json<{ items: { name: string; health: string }[]; total: number }>();
      };
      for (const [health, names] of [
        ['red', ['East core']],
        ['amber', ['East depot']],
        ['green', ['East access']],
        ['unknown', []],
      ] as const) {
        const body = await list(`&health=${health}`);
        expect(body.items.map((item) => item.name)).toEqual(names);
        expect(body.total).toBe(names.length);
      }
      expect((await list('&sort=health')).items.map((item) => item.health)).toEqual([
        'red',
        'amber',
        'green',
      ]);
      expect((await list('&sort=-health')).items.map((item) => item.name)).toEqual([
        'East access',
        'East depot',
        'East core',
      ]);
      const unknown = await http.get(`/api/projects?health=unknown&sort=name`, tokens.pmo);
      expect(unknown.json().items.map((item: { name: string }) => item.name)).toEqual([
        'Another north',
        'South rollout',
      ]);
    });

    it('lists filtered by program, sorted and paged, with the total and the position', async () => {
      const url = `/api/projects?programId=${north.programId}&sort=name&limit=1&minPosition=${lastPosition}`;
      const first = await http.get(url, tokens.pmo);
      expect(first.statusCode).toBe(200);
      const body = first.json<{ items: { name: string }[]; total: number; position: number }>();
      expect(body.total).toBe(2);
      expect(body.items.map((item) => item.name)).toEqual(['Another north']);
      expect(body.position).toBe(Number(first.headers['x-read-position']));
      const second = await http.get(`${url}&offset=1`, tokens.pmo);
      expect(second.json().items.map((item: { name: string }) => item.name)).toEqual([
        'North rollout',
      ]);
      const all = await http.get('/api/projects?sort=-name&status=active', tokens.pmo);
      expect(all.json().total).toBe(6);
      expect(all.json().items[0].name).toBe('South rollout');
      expect(all.json().items[0]).not.toHaveProperty('inputs');
      const closed = await http.get('/api/projects?status=closed', tokens.pmo);
      expect(closed.json()).toMatchObject({ items: [], total: 0 });
    });

    // The detail of a project outside the claim, an unknown project and a malformed id:
    // test/security/scope-and-not-found.e2e-spec.ts.
    it('a list claim sees only its programs: lists filtered, program filter 403, own detail', async () => {
      const auditor = await t.token({
        sub: 'ann',
        roles: ['auditor'],
        programs: [north.programId],
      });
      const list = await http.get(`/api/projects?minPosition=${lastPosition}`, auditor);
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(2);
      for (const item of list.json().items) expect(item.programId).toBe(north.programId);
      const red = (await http.get('/api/projects?health=red', auditor)).json();
      expect(red.items.map((item: { name: string }) => item.name)).toEqual(['North rollout']);
      expectProblem(
        await http.get(`/api/projects?programId=${southProgramId}`, auditor),
        403,
        'program-not-in-claim',
      );
      expect((await http.get(`/api/projects/${north.projectId}`, auditor)).statusCode).toBe(200);
    });

    it.each([
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
      ['status=open', 'status'],
      ['health=purple', 'health'],
      ['health=RED', 'health'],
      ['sort=budget', 'sort'],
      ['sort=healthRank', 'sort'],
      ['minPosition=-5', 'minPosition'],
      ['unknown=1', 'unknown'],
    ])('a bad query (%s) is 400 naming the field', async (query, field) => {
      const response = await http.get(`/api/projects?${query}`, tokens.pmo);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });

    it('a minPosition far beyond the head is 503 with Retry-After after the wait', async () => {
      const response = await http.get('/api/projects?minPosition=999999&waitMs=100', tokens.pmo);
      expectProblem(response, 503, 'read-model-behind');
      expect(response.headers['retry-after']).toBe('1');
      const detail = await http.get(
        `/api/projects/${north.projectId}?minPosition=999999&waitMs=50`,
        tokens.pmo,
      );
      expectProblem(detail, 503, 'read-model-behind');
    });

    it('the health check reports the read store and the projector', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json().info.readStore).toMatchObject({ status: 'up', projector: 'live' });
    });
  },
);
