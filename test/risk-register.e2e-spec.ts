import { contractAndProject, createProgram } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** An EMV pair of the summary: money before and after the response. */
const pair = (inherent: number, residual: number) => ({
  inherent: eur(inherent),
  residual: eur(residual),
});
/** Overdue reviews and actions are judged as of this day: the figures below are exact. */
const AS_OF = '2025-03-01';
const contract = {
  customerId: 'cust-1',
  title: 'RAN modernisation',
  value: eur(500_000_000),
  signedOn: '2025-01-05',
};
const zeros = () => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
/** A 5×5 heat map with one risk in each [probability, impact] cell given. */
function grid(...cells: [number, number][]): number[][] {
  const result = zeros();
  for (const [probability, impact] of cells) result[probability - 1]![impact - 1]! += 1;
  return result;
}

describe.each(readStoreVariants('risk register'))(
  'Risk register and exposure over HTTP (GET /api/projects/:projectId/risks, GET /api/programs/:programId/risk-exposure, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    let pm: string;
    const http = httpClient(
      () => t,
      () => pm,
    );
    let programId: string;
    let core: string;
    let access: string;
    let otherProgramId: string;
    const risks: Record<string, string> = {};
    let lastPosition = 0;

    const ok = async (url: string, body: unknown) => {
      const answer = (await http.postOk(url, body)) as { id?: string; position?: number };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };
    const raise = async (key: string, projectId: string, kind: string, title: string) => {
      risks[key] = (
        await ok(`/api/projects/${projectId}/risks`, {
          kind,
          title,
          cause: 'A cause',
          event: 'An event',
          effect: 'An effect',
          category: 'supply-chain',
          effectiveAt: '2025-01-10T09:00:00Z',
        })
      ).id!;
    };
    const riskUrl = (projectId: string, key: string, path: string) =>
      `/api/projects/${projectId}/risks/${risks[key]}/${path}`;
    const assess = (projectId: string, key: string, body: object, path = 'assessment') =>
      ok(riskUrl(projectId, key, path), { effectiveAt: '2025-01-10T09:00:00Z', ...body });
    const registerUrl = (projectId: string, query = '') =>
      `/api/projects/${projectId}/risks?minPosition=${lastPosition}&asOf=${AS_OF}${query}`;
    const exposureUrl = (id: string) =>
      `/api/programs/${id}/risk-exposure?minPosition=${lastPosition}&asOf=${AS_OF}`;

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      pm = await t.token({ sub: 'carla', roles: ['project-manager', 'pmo'] });
      programId = await createProgram(http, pm, 'RAN North');
      core = await contractAndProject(http, pm, { programId, ...contract }, 'Core');
      access = await contractAndProject(http, pm, { programId, ...contract }, 'Access');
      otherProgramId = await createProgram(http, pm, 'RAN South');
      const south = await contractAndProject(
        http,
        pm,
        { programId: otherProgramId, ...contract },
        'South',
      );

      // Core r1: threat 4×3 on 1,000,000 → EMV −700,000; after the response 2×3 → −300,000.
      await raise('r1', core, 'threat', 'Late radio units');
      await assess(core, 'r1', {
        probability: 4,
        impact: 3,
        costImpact: eur(1_000_000),
        nextReviewOn: '2025-02-01',
      });
      await ok(riskUrl(core, 'r1', 'owner'), { ownerId: 'sam' });
      await ok(riskUrl(core, 'r1', 'response'), {
        strategy: 'mitigate',
        description: 'Second supplier',
        contingencyReserve: eur(200_000),
      });
      await ok(riskUrl(core, 'r1', 'actions'), {
        actionId: 'a1',
        description: 'Qualify supplier B',
        ownerId: 'sam',
        dueOn: '2025-02-15',
      });
      await ok(riskUrl(core, 'r1', 'actions'), {
        actionId: 'a2',
        description: 'Frame order',
        ownerId: 'sam',
        dueOn: '2025-02-25',
      });
      await ok(riskUrl(core, 'r1', 'actions/a1'), { status: 'done' });
      await assess(
        core,
        'r1',
        { probability: 2, impact: 3, costImpact: eur(1_000_000), nextReviewOn: '2025-02-20' },
        'residual-assessment',
      );
      await ok(riskUrl(core, 'r1', 'escalation'), {
        level: 'program',
        escalatedTo: 'Program board North',
        reason: 'Above the project tolerance',
      });
      await ok(riskUrl(core, 'r1', 'contingency-draws'), {
        amount: eur(50_000),
        reason: 'Expedited freight',
      });
      // Core r2: opportunity 3×2 on 500,000 → EMV +250,000.
      await raise('r2', core, 'opportunity', 'Bulk discount');
      await assess(core, 'r2', { probability: 3, impact: 2, costImpact: eur(500_000) });
      // Core r3: threat 5×5 that then occurred: out of the heat maps and EMV.
      await raise('r3', core, 'threat', 'Tower collapse');
      await assess(core, 'r3', { probability: 5, impact: 5, costImpact: eur(2_000_000) });
      await ok(riskUrl(core, 'r3', 'occurrence'), {
        occurredOn: '2025-02-10',
        description: 'One tower down',
        actualCostImpact: eur(1_500_000),
      });
      // Core r4: raised, never assessed.
      await raise('r4', core, 'threat', 'Permit delays');
      // Access r5: closed as expired.
      await raise('r5', access, 'threat', 'Fibre cut');
      await assess(access, 'r5', { probability: 1, impact: 1, costImpact: eur(100_000) });
      await ok(riskUrl(access, 'r5', 'close'), { reason: 'expired' });
      // Another program's risk never reaches RAN North's roll-up.
      await raise('r6', south, 'threat', 'Southern risk');
      await assess(south, 'r6', { probability: 3, impact: 3, costImpact: eur(9_000_000) });
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    const coreSummary = () => ({
      counts: { total: 4, open: 3, occurred: 1, closed: 0, unassessed: 1, escalated: 1 },
      heatMap: {
        threat: { inherent: grid([4, 3]), residual: grid([2, 3]) },
        opportunity: { inherent: grid([3, 2]), residual: grid([3, 2]) },
      },
      emv: [
        {
          currency: 'EUR',
          threat: pair(-700_000, -300_000),
          opportunity: pair(250_000, 250_000),
          net: pair(-450_000, -50_000),
        },
      ],
      overdue: { reviews: 1, actions: 1, risksWithOverdueActions: 1 },
      contingency: [
        {
          currency: 'EUR',
          reserve: eur(200_000),
          drawn: eur(50_000),
          remaining: eur(150_000),
        },
      ],
    });

    it("a project's register: the exposure summary and the risks by score", async () => {
      const response = await http.get(registerUrl(core));
      expect(response.statusCode).toBe(200);
      const position = Number(response.headers['x-read-position']);
      expect(position).toBeGreaterThanOrEqual(lastPosition);
      const body = response.json();
      expect(body).toMatchObject({
        projectId: core,
        programId,
        asOf: AS_OF,
        total: 4,
        position,
      });
      expect(body.summary).toEqual(coreSummary());
      // r1 and r2 both score 6 now: the earlier raised comes first.
      expect(body.items.map((item: { riskId: string }) => item.riskId)).toEqual([
        risks['r3'],
        risks['r1'],
        risks['r2'],
        risks['r4'],
      ]);
      expect(body.items[1]).toMatchObject({
        riskId: risks['r1'],
        projectId: core,
        kind: 'threat',
        category: 'supply-chain',
        title: 'Late radio units',
        status: 'open',
        ownerId: 'sam',
        response: {
          strategy: 'mitigate',
          description: 'Second supplier',
          contingencyReserve: eur(200_000),
        },
        inherent: {
          probability: 4,
          impact: 3,
          score: 12,
          probabilityPercent: 70,
          expectedMonetaryValue: eur(-700_000),
        },
        residual: { probability: 2, impact: 3, score: 6, expectedMonetaryValue: eur(-300_000) },
        score: 6,
        nextReviewOn: '2025-02-20',
        reviewOverdue: true,
        escalation: { level: 'program', escalatedTo: 'Program board North' },
        actions: [
          { actionId: 'a1', dueOn: '2025-02-15', status: 'done' },
          { actionId: 'a2', dueOn: '2025-02-25', status: 'open' },
        ],
        openActions: 1,
        overdueActions: 1,
        contingencyDrawn: eur(50_000),
        contingencyRemaining: eur(150_000),
      });
      expect(body.items[0]).toMatchObject({
        status: 'occurred',
        score: 25,
        occurrence: { occurredOn: '2025-02-10', actualCostImpact: eur(1_500_000) },
      });
      expect(body.items[3]).toMatchObject({ inherent: null, residual: null, score: null });
    });

    it('filters by status and kind and sorts on request; the summary stays whole', async () => {
      const ids = async (query: string) => {
        const body = (await http.get(registerUrl(core, query))).json<{
          summary: unknown;
          items: { riskId: string }[];
        }>();
        expect(body.summary).toEqual(coreSummary());
        return body.items.map((item) => item.riskId);
      };
      expect(await ids('&status=open')).toEqual([risks['r1'], risks['r2'], risks['r4']]);
      expect(await ids('&kind=opportunity')).toEqual([risks['r2']]);
      expect(await ids('&status=closed')).toEqual([]);
      expect(await ids('&sort=-inherentScore')).toEqual([
        risks['r3'],
        risks['r1'],
        risks['r2'],
        risks['r4'],
      ]);
      expect(await ids('&sort=score')).toEqual([
        risks['r1'],
        risks['r2'],
        risks['r3'],
        risks['r4'],
      ]);
    });

    it("a program's exposure: its projects rolled up, and per project", async () => {
      const response = await http.get(exposureUrl(programId));
      expect(response.statusCode).toBe(200);
      const position = Number(response.headers['x-read-position']);
      const body = response.json();
      expect(body).toMatchObject({ programId, name: 'RAN North', asOf: AS_OF, position });
      expect(body.summary).toEqual({
        ...coreSummary(),
        counts: { total: 5, open: 3, occurred: 1, closed: 1, unassessed: 1, escalated: 1 },
      });
      expect(body.projects).toEqual([
        {
          projectId: access,
          name: 'Access',
          summary: expect.objectContaining({
            counts: { total: 1, open: 0, occurred: 0, closed: 1, unassessed: 0, escalated: 0 },
            emv: [],
            heatMap: {
              threat: { inherent: zeros(), residual: zeros() },
              opportunity: { inherent: zeros(), residual: zeros() },
            },
          }),
        },
        { projectId: core, name: 'Core', summary: coreSummary() },
      ]);
      const south = (await http.get(exposureUrl(otherProgramId))).json();
      expect(south.summary.emv).toEqual([
        {
          currency: 'EUR',
          threat: pair(-4_500_000, -4_500_000),
          opportunity: pair(0, 0),
          net: pair(-4_500_000, -4_500_000),
        },
      ]);
    });

    // A project or program outside the claim, an unknown one and a malformed id:
    // test/security/scope-and-not-found.e2e-spec.ts.
    it('a claim that lists the program is let through', async () => {
      const auditor = await t.token({
        sub: 'olga',
        roles: ['auditor'],
        programs: [otherProgramId],
      });
      expect((await http.get(exposureUrl(otherProgramId), auditor)).statusCode).toBe(200);
    });

    it.each([
      ['risks', 'status=pending', 'status'],
      ['risks', 'kind=issue', 'kind'],
      ['risks', 'sort=title', 'sort'],
      ['risks', 'asOf=2025-13-01', 'asOf'],
      ['exposure', 'asOf=tomorrow', 'asOf'],
      ['exposure', 'status=open', 'status'],
      ['exposure', 'waitMs=999999', 'waitMs'],
    ])('a bad query on %s (%s) is 400 naming the field', async (route, query, field) => {
      const url =
        route === 'risks'
          ? `/api/projects/${core}/risks?${query}`
          : `/api/programs/${programId}/risk-exposure?${query}`;
      const response = await http.get(url);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });
  },
);
