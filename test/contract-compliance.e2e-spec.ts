import { createProgram, createProject, registerContract } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const ld = (ratePerWeekPct: number, capPct: number, graceDays: number) => ({
  kind: 'liquidated-damages',
  ratePerWeekPct,
  capPct,
  graceDays,
});
/** Statuses, forecasts and LD are asked for as of this day: the figures below are exact. */
const AS_OF = '2025-06-01';

describe.each(readStoreVariants('contract compliance'))(
  'Contract compliance over HTTP (GET /api/contracts/:contractId/compliance, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    let pmo: string;
    const http = httpClient(
      () => t,
      () => pmo,
    );
    let programId: string;
    let contractId: string;
    let projectId: string;
    const ids: Record<string, string> = {};
    let lastPosition = 0;

    const track = (position: number | undefined) => {
      lastPosition = Math.max(lastPosition, position ?? 0);
    };
    const ok = async (url: string, body: unknown) => {
      const answer = (await http.postOk(url, body)) as { id?: string; position?: number };
      track(answer.position);
      return answer;
    };
    const obligation = async (key: string, body: object) => {
      ids[key] = (await ok(`/api/contracts/${contractId}/obligations`, body)).id!;
    };
    const obligationUrl = (key: string, path: string) =>
      `/api/contracts/${contractId}/obligations/${ids[key]}/${path}`;
    const complianceUrl = (query = `asOf=${AS_OF}`) =>
      `/api/contracts/${contractId}/compliance?minPosition=${lastPosition}&${query}`;

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      pmo = await t.token({ sub: 'paula', roles: ['pmo', 'project-manager'] });
      programId = await createProgram(http, pmo, 'RAN North');
      contractId = await registerContract(http, pmo, {
        programId,
        customerId: 'cust-1',
        title: 'RAN modernisation North',
        value: eur(100_000_000),
        signedOn: '2025-01-15',
      });
      await ok(`/api/contracts/${contractId}/key-project`, {
        criteria: ['value above 1 MEUR'],
        reason: 'Strategic account',
      });
      // Met 24 days late (17 after 7 grace days: 3 started weeks × 0.5 % = 1,500,000 at the end).
      await obligation('onAir', {
        kind: 'milestone',
        title: 'Cluster North-1 on air',
        dueOn: '2025-03-01',
        evidenceRule: 'Customer confirmation of on-air',
        remedy: ld(0.5, 10, 7),
      });
      // Missed; its milestone is forecast 75 days late: 11 weeks × 1 % → capped at 5 %.
      await obligation('pac', {
        kind: 'acceptance',
        title: 'PAC cluster North-2',
        dueOn: '2025-04-01',
        remedy: ld(1, 5, 0),
      });
      // Its milestone is baselined 10 days after the deadline: at risk, 2 weeks × 0.5 %.
      await obligation('design', {
        kind: 'deliverable',
        title: 'As-built design',
        dueOn: '2025-07-31',
        remedy: ld(0.5, 10, 0),
      });
      // Due 14 days after AS_OF: at risk by the window rule.
      await obligation('payment', {
        kind: 'payment',
        title: 'Milestone payment',
        dueOn: '2025-06-15',
      });
      await obligation('sla', {
        kind: 'sla',
        title: 'Availability 99.95 % in Q3',
        measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
        remedy: { kind: 'service-credit', ratePerWeekPct: 0.25, capPct: 5 },
      });

      projectId = await createProject(http, pmo, { programId, contractId, name: 'North rollout' });
      await ok(`/api/projects/${projectId}/baseline`, {
        budget: eur(60_000_000),
        scope: [{ id: 's1', title: 'Sites' }],
        milestones: [
          { id: 'm1', title: 'On air', dueOn: '2025-03-10', obligationId: ids['onAir'] },
          { id: 'm2', title: 'PAC North-2', dueOn: '2025-05-25', obligationId: ids['pac'] },
          { id: 'm3', title: 'Design frozen', dueOn: '2025-08-10', obligationId: ids['design'] },
          { id: 'm4', title: 'Kick-off', dueOn: '2025-02-01' },
        ],
        quality: [],
      });
      await ok(`/api/projects/${projectId}/forecasts`, {
        milestones: [
          { milestoneId: 'm2', forecastOn: '2025-06-15' },
          { milestoneId: 'm4', forecastOn: '2025-02-03' },
        ],
      });

      await ok(obligationUrl('onAir', 'missed'), { reason: 'Site access delayed' });
      await ok(obligationUrl('onAir', 'liquidated-damages/accruals'), { asOf: '2025-03-20' });
      await ok(obligationUrl('onAir', 'liquidated-damages/waivers'), {
        amount: eur(250_000),
        reason: 'Customer delayed site access for a week',
      });
      await ok(obligationUrl('onAir', 'fulfilment'), {
        fulfilledOn: '2025-03-25',
        evidence: { kind: 'customer-confirmation', ref: 'MAIL-2025-031' },
      });
      await ok(obligationUrl('pac', 'missed'), { reason: 'Punch items open' });
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('answers the contract, obligations by status, planned vs forecast vs actual, and LD', async () => {
      const response = await http.get(complianceUrl());
      expect(response.statusCode).toBe(200);
      const position = Number(response.headers['x-read-position']);
      expect(position).toBeGreaterThanOrEqual(lastPosition);
      const body = response.json();
      expect(body).toMatchObject({
        contractId,
        programId,
        customerId: 'cust-1',
        title: 'RAN modernisation North',
        value: eur(100_000_000),
        originalValue: eur(100_000_000),
        signedOn: '2025-01-15',
        keyProject: {
          criteria: ['value above 1 MEUR'],
          reason: 'Strategic account',
          designatedBy: 'paula',
        },
        amendments: [],
        asOf: AS_OF,
        counts: { due: 1, atRisk: 2, fulfilled: 1, missed: 1, total: 5 },
        liquidatedDamages: {
          accrued: eur(1_000_000),
          waived: eur(250_000),
          net: eur(750_000),
          forecast: eur(7_500_000),
          cap: eur(25_000_000),
          headroom: eur(24_000_000),
        },
        position,
      });
      expect(body.obligations.map((o: { obligationId: string }) => o.obligationId)).toEqual([
        ids['pac'],
        ids['payment'],
        ids['design'],
        ids['sla'],
        ids['onAir'],
      ]);
      const [pac, payment, design, sla, onAir] = body.obligations;
      expect(onAir).toEqual({
        obligationId: ids['onAir'],
        kind: 'milestone',
        title: 'Cluster North-1 on air',
        status: 'fulfilled',
        evidenceRule: 'Customer confirmation of on-air',
        dueOn: '2025-03-01',
        measurementWindow: null,
        plannedOn: '2025-03-01',
        originalPlannedOn: '2025-03-01',
        forecastOn: '2025-03-10',
        forecastSlipDays: 9,
        daysToDeadline: -92,
        actualOn: '2025-03-25',
        daysLate: 24,
        onTime: false,
        evidence: { kind: 'customer-confirmation', ref: 'MAIL-2025-031' },
        missed: { missedAsOf: expect.any(String), reason: 'Site access delayed' },
        remedy: ld(0.5, 10, 7),
        liquidatedDamages: {
          accrued: eur(1_000_000),
          waived: eur(250_000),
          net: eur(750_000),
          forecast: eur(1_500_000),
          cap: eur(10_000_000),
          headroom: eur(9_000_000),
          capReached: false,
          accruedAsOf: '2025-03-20',
        },
        milestones: [
          {
            projectId,
            milestoneId: 'm1',
            title: 'On air',
            baselineDueOn: '2025-03-10',
            forecastOn: null,
          },
        ],
      });
      expect(pac).toMatchObject({
        status: 'missed',
        plannedOn: '2025-04-01',
        forecastOn: '2025-06-15',
        forecastSlipDays: 75,
        actualOn: null,
        evidence: null,
        missed: { reason: 'Punch items open' },
        liquidatedDamages: {
          accrued: eur(0),
          forecast: eur(5_000_000),
          cap: eur(5_000_000),
          headroom: eur(5_000_000),
        },
        milestones: [{ milestoneId: 'm2', baselineDueOn: '2025-05-25', forecastOn: '2025-06-15' }],
      });
      expect(payment).toMatchObject({
        status: 'at-risk',
        daysToDeadline: 14,
        forecastOn: null,
        remedy: null,
        liquidatedDamages: null,
        milestones: [],
      });
      expect(design).toMatchObject({
        status: 'at-risk',
        forecastOn: '2025-08-10',
        forecastSlipDays: 10,
        liquidatedDamages: {
          forecast: eur(1_000_000),
          cap: eur(10_000_000),
          headroom: eur(10_000_000),
        },
      });
      expect(sla).toMatchObject({
        status: 'due',
        dueOn: null,
        measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
        plannedOn: '2025-09-30',
        liquidatedDamages: null,
      });
    });

    it('the same facts judged on another day: statuses move, recorded facts do not', async () => {
      const earlier = (await http.get(complianceUrl('asOf=2025-03-15'))).json();
      expect(earlier.counts).toEqual({ due: 2, atRisk: 1, fulfilled: 1, missed: 1, total: 5 });
      expect(earlier.liquidatedDamages).toMatchObject({
        accrued: eur(1_000_000),
        cap: eur(25_000_000),
      });
      const today = await http.get(`/api/contracts/${contractId}/compliance`);
      expect(today.statusCode).toBe(200);
      expect(today.json().asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    // A contract outside the claim, an unknown contract and a malformed id:
    // test/security/scope-and-not-found.e2e-spec.ts.
    it('a claim that lists the program is let through', async () => {
      const auditor = await t.token({ sub: 'ann', roles: ['auditor'], programs: [programId] });
      expect((await http.get(complianceUrl(), auditor)).statusCode).toBe(200);
    });

    it.each([
      ['asOf=2025-02-30', 'asOf'],
      ['asOf=01.06.2025', 'asOf'],
      ['asOf=2025-06-01T00:00:00Z', 'asOf'],
      ['minPosition=-1', 'minPosition'],
      ['status=missed', 'status'],
    ])('a bad query (%s) is 400 naming the field', async (query, field) => {
      const response = await http.get(`/api/contracts/${contractId}/compliance?${query}`);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });
  },
);
