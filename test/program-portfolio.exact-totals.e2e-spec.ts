import { MAX_MONEY_MINOR_UNITS } from '@ledger/domain';
import { PROJECT_SUMMARIES, type ProjectSummary } from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { createProgram, createProject, registerContract } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 9 item 4 end to end, on the embedded SQLite stores: 901 projects baselined at the largest
 * amount one field takes (MAX_MONEY_MINOR_UNITS) and one at 1 cent, all through the api. Each
 * stored summary keeps its budget as the exact number recorded; the program's portfolio total
 * (9,010,000,000,000,001 minor units, past 2^53 − 1) is answered exactly, as a decimal string.
 */
const MAXIMAL_PROJECTS = 901;
const EXACT_TOTAL = '9010000000000001';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const baseline = (amount: number) => ({
  budget: eur(amount),
  scope: [{ id: 's1', title: 'Core sites' }],
  milestones: [{ id: 'm1', title: 'Ready', dueOn: '2099-01-31' }],
  quality: [],
  effectiveAt: '2099-01-01T00:00:00Z',
});

describe('Program portfolio totals past 2^53 over HTTP (embedded SQLite stores)', () => {
  let t: TestApp;
  let pmo: string;
  const http = httpClient(() => t);
  let programId: string;
  let lastPosition = 0;
  const projectIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ({ pmo } = await tokensFor(t, { pmo: { sub: 'pat', roles: ['pmo', 'project-manager'] } }));
    programId = await createProgram(http, pmo, 'Fibre Everywhere');
    const contractId = await registerContract(http, pmo, {
      programId,
      customerId: 'cust-1',
      title: 'National frame contract',
      value: eur(MAX_MONEY_MINOR_UNITS),
      signedOn: '2026-01-15',
    });
    const budgets = [...Array<number>(MAXIMAL_PROJECTS).fill(MAX_MONEY_MINOR_UNITS), 1];
    // A few requests at a time: the api's group commit batches them, the suite stays short.
    for (let start = 0; start < budgets.length; start += 25) {
      await Promise.all(
        budgets.slice(start, start + 25).map(async (amount, offset) => {
          const name = `Region ${String(start + offset).padStart(4, '0')}`;
          const projectId = await createProject(http, pmo, { programId, contractId, name });
          projectIds.push(projectId);
          const answer = (await http.postOk(
            `/api/projects/${projectId}/baseline`,
            baseline(amount),
            pmo,
          )) as { position?: number };
          lastPosition = Math.max(lastPosition, answer.position ?? 0);
        }),
      );
    }
  }, 300_000);

  afterAll(() => t?.close());

  it('answers the portfolio total exactly, as a decimal string, and each project budget as a number', async () => {
    const response = await http.get(
      `/api/programs/${programId}/portfolio?minPosition=${lastPosition}`,
      pmo,
    );
    expect(response.statusCode).toBe(200);
    // On the wire: the total is a JSON string, so no client's parser can round it.
    expect(response.body).toContain(`"bacCurrent":{"amount":"${EXACT_TOTAL}","currency":"EUR"}`);
    const body = response.json<{ projects: number; totals: unknown[] }>();
    expect(body.projects).toBe(MAXIMAL_PROJECTS + 1);
    expect(body.totals).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        projects: MAXIMAL_PROJECTS + 1,
        bacOriginal: { amount: EXACT_TOTAL, currency: 'EUR' },
        bacCurrent: { amount: EXACT_TOTAL, currency: 'EUR' },
      }),
    ]);
  });

  it('stores every project summary with its exact budget, whose exact sum is the answer', async () => {
    const store = t.app.get<ReadStore>(READ_STORE);
    const summaries = await store.find<ProjectSummary>(PROJECT_SUMMARIES, { programId });
    expect(summaries).toHaveLength(MAXIMAL_PROJECTS + 1);
    const budgets = summaries.map((summary) => summary.currentBaseline?.budget.amount);
    expect(budgets.filter((amount) => amount === MAX_MONEY_MINOR_UNITS)).toHaveLength(
      MAXIMAL_PROJECTS,
    );
    expect(budgets).toContain(1);
    const sum = budgets.reduce((total, amount) => total + BigInt(amount ?? 0), 0n);
    expect(sum.toString()).toBe(EXACT_TOTAL);
  });
});
