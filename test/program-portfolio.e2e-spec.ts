import { contractAndProject, createProgram } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const usd = (amount: number) => ({ amount, currency: 'USD' });

const contract = {
  customerId: 'cust-1',
  title: 'Fibre frame contract',
  value: eur(500_000_000),
  signedOn: '2026-01-15',
};

/**
 * Plans in 2099 (no milestone past due whatever day the suite runs); plan start 2099-01-01,
 * m1 due 2099-01-31 and m2 2099-03-02, each half the BAC over its 30-day window.
 */
const baseline = (
  budget: { amount: number; currency: string },
  dueOn = ['2099-01-31', '2099-03-02'],
) => ({
  budget,
  scope: [
    { id: 's1', title: 'Core sites' },
    { id: 's2', title: 'Access sites' },
  ],
  milestones: dueOn.map((date, i) => ({
    id: `m${i + 1}`,
    title: `Milestone ${i + 1}`,
    dueOn: date,
  })),
  quality: [],
  effectiveAt: '2099-01-01T00:00:00Z',
});

describe.each(readStoreVariants('program portfolio'))(
  'Program portfolio over HTTP (GET /api/programs/:programId/portfolio, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(() => t);
    let programId: string;
    let emptyProgramId: string;
    const ids: Record<string, string> = {};
    let lastPosition = 0;

    const ok = async (url: string, body: unknown, token: string) => {
      const answer = (await http.postOk(url, body, token)) as { id?: string; position?: number };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };

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
      await ok(`${url}/approve`, {}, tokens.pm!);
    };

    /** EUR 1,000,000.00 baseline, Sell→Execute, one period with progress and one cost. */
    const execute = async (
      projectId: string,
      endsOn: string,
      progress: [number, number],
      cost: number,
    ) => {
      const url = `/api/projects/${projectId}`;
      await ok(`${url}/baseline`, baseline(eur(100_000_000)), tokens.pm!);
      await approveSellToExecute(projectId);
      await ok(
        `${url}/reporting-periods`,
        { periodId: 'p1', startsOn: '2099-01-01', endsOn },
        tokens.pm!,
      );
      await ok(
        `${url}/progress`,
        {
          periodId: 'p1',
          items: [
            { scopeItemId: 's1', percentComplete: progress[0] },
            { scopeItemId: 's2', percentComplete: progress[1] },
          ],
        },
        tokens.erp!,
      );
      await ok(
        `${url}/actual-costs`,
        { erpDocumentId: `INV-${projectId}`, amount: eur(cost), postedOn: '2099-01-05' },
        tokens.erp!,
      );
    };

    const portfolio = (id: string, query = '', token = tokens.pmo) =>
      http.get(`/api/programs/${id}/portfolio?minPosition=${lastPosition}${query}`, token);

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
      programId = await createProgram(http, tokens.pmo!, 'Fibre East');
      emptyProgramId = await createProgram(http, tokens.pmo!, 'Fibre West');
      for (const name of ['Core', 'Access', 'Late', 'Lab', 'Planning', 'Sold']) {
        ids[name] = await contractAndProject(http, tokens.pmo!, { programId, ...contract }, name);
      }
      // Core: PV 50M, EV 40M, AC 50M (SPI 0.8, CPI 0.8): red.
      await execute(ids.Core!, '2099-01-31', [60, 20], 50_000_000);
      // Access: PV 25M, EV 25M, AC 20M (SPI 1, CPI 1.25): green, with one low risk.
      await execute(ids.Access!, '2099-01-16', [30, 20], 20_000_000);
      const risk = await ok(
        `/api/projects/${ids.Access}/risks`,
        {
          kind: 'threat',
          title: 'Rain',
          cause: 'Season',
          event: 'Rain stops trenching',
          effect: 'Two days lost',
          category: 'schedule',
        },
        tokens.pm!,
      );
      await ok(
        `/api/projects/${ids.Access}/risks/${risk.id}/assessment`,
        { probability: 1, impact: 2, costImpact: eur(100_000) },
        tokens.pm!,
      );
      // Late: a milestone due 2026-01-01 with no progress: past due, red; one open CR.
      await ok(
        `/api/projects/${ids.Late}/baseline`,
        baseline(eur(100_000_000), ['2026-01-01']),
        tokens.pm!,
      );
      await ok(
        `/api/projects/${ids.Late}/change-requests`,
        {
          title: 'More sites',
          origin: 'customer',
          categories: ['scope'],
          justification: 'The customer asked',
        },
        tokens.pm!,
      );
      // Lab: budgeted in USD, nothing measured: green, money in its own currency.
      await ok(`/api/projects/${ids.Lab}/baseline`, baseline(usd(5_000_000)), tokens.pm!);
      // Sold: detached from the program, so out of its portfolio.
      await ok(
        `/api/programs/${programId}/projects/${ids.Sold}/detach`,
        { reason: 'Continues as a standalone project' },
        tokens.pmo!,
      );
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('rolls up health, phase, money per currency, program SPI/CPI and the worst projects', async () => {
      const response = await portfolio(programId);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.position).toBeGreaterThanOrEqual(lastPosition);
      expect(Number(response.headers['x-read-position'])).toBe(body.position);
      expect(body).toEqual({
        programId,
        name: 'Fibre East',
        status: 'active',
        projects: 5,
        byHealth: { red: 2, amber: 0, green: 2, unknown: 1 },
        byPhase: { 'set-up': 1, baselined: 2, execution: 2, closing: 0, closed: 0 },
        byStatus: { active: 5, closed: 0 },
        totals: [
          {
            currency: 'EUR',
            projects: 3,
            measuredProjects: 2,
            bacOriginal: eur(300_000_000),
            bacCurrent: eur(300_000_000),
            pv: eur(75_000_000),
            ev: eur(65_000_000),
            ac: eur(70_000_000),
            spi: 65_000_000 / 75_000_000,
            cpi: 65_000_000 / 70_000_000,
          },
          {
            currency: 'USD',
            projects: 1,
            measuredProjects: 0,
            bacOriginal: usd(5_000_000),
            bacCurrent: usd(5_000_000),
            pv: usd(0),
            ev: usd(0),
            ac: usd(0),
            spi: null,
            cpi: null,
          },
        ],
        openChangeRequests: 1,
        openRisks: 1,
        openHighThreats: 0,
        worstProjects: [
          {
            projectId: ids.Core,
            name: 'Core',
            phase: 'execution',
            health: 'red',
            healthReasons: ['spi-below-0.9', 'cpi-below-0.9'],
            spi: 0.8,
            cpi: 0.8,
          },
          {
            projectId: ids.Late,
            name: 'Late',
            phase: 'baselined',
            health: 'red',
            healthReasons: ['milestone-past-due:m1'],
            spi: null,
            cpi: null,
          },
          {
            projectId: ids.Access,
            name: 'Access',
            phase: 'execution',
            health: 'green',
            healthReasons: [],
            spi: 1,
            cpi: 1.25,
          },
          {
            projectId: ids.Lab,
            name: 'Lab',
            phase: 'baselined',
            health: 'green',
            healthReasons: [],
            spi: null,
            cpi: null,
          },
          {
            projectId: ids.Planning,
            name: 'Planning',
            phase: 'set-up',
            health: 'unknown',
            healthReasons: [],
            spi: null,
            cpi: null,
          },
        ],
        position: body.position,
      });
      const sold = await http.get(
        `/api/projects/${ids.Sold}?minPosition=${lastPosition}`,
        tokens.pmo,
      );
      expect(sold.json()).toMatchObject({ programId, attachedToProgram: false });
    });

    it('limit bounds the worst-first list', async () => {
      const body = (await portfolio(programId, '&limit=2')).json();
      expect(body.worstProjects.map((row: { name: string }) => row.name)).toEqual(['Core', 'Late']);
      expect(body.projects).toBe(5);
    });

    it('a program without projects has an empty portfolio', async () => {
      const response = await portfolio(emptyProgramId);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        programId: emptyProgramId,
        name: 'Fibre West',
        projects: 0,
        byHealth: { red: 0, amber: 0, green: 0, unknown: 0 },
        totals: [],
        worstProjects: [],
      });
    });

    // An unknown program (with a claim for it) and a malformed id:
    // test/security/scope-and-not-found.e2e-spec.ts.
    it('a program outside the claim is 403, whether or not it exists', async () => {
      const auditor = await t.token({ sub: 'ann', roles: ['auditor'], programs: [emptyProgramId] });
      expectProblem(await portfolio(programId, '', auditor), 403, 'program-not-in-claim');
      expectProblem(await portfolio('no-such-program', '', auditor), 403, 'program-not-in-claim');
      expect((await portfolio(emptyProgramId, '', auditor)).statusCode).toBe(200);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=x', 'limit'],
      ['waitMs=-1', 'waitMs'],
      ['health=red', 'health'],
    ])('a bad query (%s) is 400 naming the field', async (query, field) => {
      const response = await http.get(`/api/programs/${programId}/portfolio?${query}`, tokens.pmo);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });

    it('a minPosition far beyond the head is 503', async () => {
      expectProblem(
        await http.get(
          `/api/programs/${programId}/portfolio?minPosition=999999&waitMs=50`,
          tokens.pmo,
        ),
        503,
        'read-model-behind',
      );
    });
  },
);
