import type { Role } from '@ledger/domain';
import { createProgram, registerContract } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** 1,000,000.00 EUR in minor units. */
const CONTRACT_VALUE = 100_000_000;
const ldRemedy = { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 };
const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

describe('Contracts over HTTP (/api/contracts)', () => {
  let t: TestApp;
  let sales: string;
  let pm: string;
  let pmo: string;

  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.token({ sub: 'sam', roles: ['sales'] });
    pm = await t.token({ sub: 'carla', roles: ['project-manager'] });
    pmo = await t.token({ sub: 'paula', roles: ['pmo'] });
  });
  afterAll(() => t.close());

  const http = httpClient(
    () => t,
    () => pm,
  );
  const { post } = http;

  const eventsOf = (contractId: string) => t.store.readStream(`contract-${contractId}`);

  const newProgram = () => createProgram(http, pmo, 'RAN North');

  const contractBody = (programId: string) => ({
    programId,
    customerId: 'cust-1',
    title: 'RAN modernisation North',
    value: eur(CONTRACT_VALUE),
    signedOn: '2025-01-15',
  });

  async function newContract(): Promise<{ programId: string; contractId: string }> {
    const programId = await newProgram();
    const contractId = await registerContract(http, sales, contractBody(programId));
    return { programId, contractId };
  }

  async function newObligation(contractId: string, body: object): Promise<string> {
    const response = await post(`/api/contracts/${contractId}/obligations`, body);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  /** A contract with one milestone obligation due 2025-03-01 under the LD clause above. */
  async function contractWithLd(): Promise<{ contractId: string; obligationId: string }> {
    const { contractId } = await newContract();
    const obligationId = await newObligation(contractId, {
      kind: 'milestone',
      title: 'Cluster North-1 on air',
      dueOn: '2025-03-01',
      evidenceRule: 'Customer confirmation of on-air',
      remedy: ldRemedy,
    });
    return { contractId, obligationId };
  }

  const obligationUrl = (contractId: string, obligationId: string, path: string) =>
    `/api/contracts/${contractId}/obligations/${obligationId}/${path}`;

  describe('registering a contract', () => {
    it('201 with the new id; ContractRegistered records customer, value, signature date and who', async () => {
      const programId = await newProgram();
      const response = await post('/api/contracts', contractBody(programId), sales);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toEqual({
        id: expect.any(String),
        streamId: `contract-${body.id}`,
        revision: 0,
        position: expect.any(Number),
      });
      const events = await eventsOf(body.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'ContractRegistered',
        schemaVersion: 1,
        data: {
          contractId: body.id,
          ...contractBody(programId),
          registeredBy: 'sam',
          authority: 'sales',
        },
      });
    });

    it('404 program-not-found for a program that does not exist, nothing appended', async () => {
      const headBefore = await t.store.headPosition();
      expectProblem(
        await post('/api/contracts', contractBody('no-such-program')),
        404,
        'program-not-found',
      );
      expect(await t.store.headPosition()).toBe(headBefore);
    });

    it('422 invalid-contract-value for a value of zero (a domain rule)', async () => {
      const programId = await newProgram();
      expectProblem(
        await post('/api/contracts', { ...contractBody(programId), value: eur(0) }),
        422,
        'invalid-contract-value',
      );
    });

    it('403 role-required for roles that never register contracts', async () => {
      const programId = await newProgram();
      for (const roles of [['auditor'], ['care'], ['integration']] as Role[][]) {
        const token = await t.token({ sub: 'x', roles });
        expectProblem(
          await post('/api/contracts', contractBody(programId), token),
          403,
          'role-required',
        );
      }
    });

    it('403 program-not-in-claim for a program outside the token', async () => {
      const programId = await newProgram();
      const scoped = await t.token({ sub: 'sam', roles: ['sales'], programs: ['another'] });
      expectProblem(
        await post('/api/contracts', contractBody(programId), scoped),
        403,
        'program-not-in-claim',
      );
    });
  });

  describe('obligations', () => {
    it('201 with the obligation id; ObligationRegistered records due date and the LD remedy', async () => {
      const { contractId } = await newContract();
      const response = await post(`/api/contracts/${contractId}/obligations`, {
        kind: 'acceptance',
        title: 'PAC of cluster North-1',
        dueOn: '2025-06-30',
        remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10 },
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ id: expect.any(String), streamId: `contract-${contractId}` });
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'ObligationRegistered',
        data: {
          contractId,
          obligationId: body.id,
          kind: 'acceptance',
          dueOn: '2025-06-30',
          measurementWindow: null,
          evidenceRule: '',
          remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 0 },
          registeredBy: 'carla',
          authority: 'project-manager',
        },
      });
    });

    it('an SLA obligation over a measurement window, with a service-credit remedy', async () => {
      const { contractId } = await newContract();
      const obligationId = await newObligation(contractId, {
        kind: 'sla',
        title: 'Availability 99.95 % in Q3',
        measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
        evidenceRule: 'Monthly availability report',
        remedy: { kind: 'service-credit', ratePerWeekPct: 0.25, capPct: 5 },
      });
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'ObligationRegistered',
        data: {
          obligationId,
          dueOn: null,
          measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
        },
      });
    });

    it('422 obligation-needs-due-date-or-window when both or neither are given', async () => {
      const { contractId } = await newContract();
      const base = { kind: 'milestone', title: 'M1' };
      expectProblem(
        await post(`/api/contracts/${contractId}/obligations`, base),
        422,
        'obligation-needs-due-date-or-window',
      );
      expectProblem(
        await post(`/api/contracts/${contractId}/obligations`, {
          ...base,
          dueOn: '2025-06-30',
          measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
        }),
        422,
        'obligation-needs-due-date-or-window',
      );
    });

    it('422 invalid-remedy for a cap above 100 %', async () => {
      const { contractId } = await newContract();
      expectProblem(
        await post(`/api/contracts/${contractId}/obligations`, {
          kind: 'milestone',
          title: 'M1',
          dueOn: '2025-06-30',
          remedy: { ...ldRemedy, capPct: 150 },
        }),
        422,
        'invalid-remedy',
      );
    });

    it('fulfilment with evidence: ObligationFulfilled, on time', async () => {
      const { contractId } = await newContract();
      const obligationId = await newObligation(contractId, {
        kind: 'deliverable',
        title: 'Low-level design',
        dueOn: '2025-05-01',
      });
      const response = await post(obligationUrl(contractId, obligationId, 'fulfilment'), {
        fulfilledOn: '2025-04-28',
        evidence: { kind: 'document', ref: 'LLD-v1.0' },
      });
      expect(response.statusCode).toBe(200);
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'ObligationFulfilled',
        data: {
          obligationId,
          fulfilledOn: '2025-04-28',
          evidence: { kind: 'document', ref: 'LLD-v1.0' },
          onTime: true,
          recordedBy: 'carla',
        },
      });
    });

    it('422 evidence-does-not-satisfy-obligation: an acceptance obligation needs a certificate', async () => {
      const { contractId } = await newContract();
      const obligationId = await newObligation(contractId, {
        kind: 'acceptance',
        title: 'PAC cluster North-1',
        dueOn: '2025-05-01',
      });
      expectProblem(
        await post(obligationUrl(contractId, obligationId, 'fulfilment'), {
          fulfilledOn: '2025-04-28',
          evidence: { kind: 'document', ref: 'mail from customer' },
        }),
        422,
        'evidence-does-not-satisfy-obligation',
      );
    });

    it('missed: ObligationMissed after the deadline; 422 obligation-not-yet-due before it', async () => {
      const { contractId } = await newContract();
      const past = await newObligation(contractId, {
        kind: 'payment',
        title: 'Advance payment guarantee',
        dueOn: '2025-01-31',
      });
      const response = await post(obligationUrl(contractId, past, 'missed'), {
        reason: 'Bank guarantee not issued',
        effectiveAt: '2025-02-10T08:00:00.000Z',
      });
      expect(response.statusCode).toBe(200);
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'ObligationMissed',
        data: { obligationId: past, deadline: '2025-01-31', missedAsOf: '2025-02-10' },
      });

      const future = await newObligation(contractId, {
        kind: 'milestone',
        title: 'Network-wide launch',
        dueOn: '2099-06-30',
      });
      expectProblem(
        await post(obligationUrl(contractId, future, 'missed'), { reason: 'looks late' }),
        422,
        'obligation-not-yet-due',
      );
    });
  });

  describe('liquidated damages (the arithmetic is the domain’s: rate × started weeks after grace, capped)', () => {
    it('accrues the exact amount as of a day: 0.5 % × 2 started weeks of 1,000,000.00 EUR', async () => {
      const { contractId, obligationId } = await contractWithLd();
      const response = await post(
        obligationUrl(contractId, obligationId, 'liquidated-damages/accruals'),
        { asOf: '2025-03-20' },
      );
      expect(response.statusCode).toBe(200);
      // 19 days after the deadline, 12 after the 7 grace days: 2 started weeks.
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'LiquidatedDamagesAccrued',
        data: {
          obligationId,
          asOf: '2025-03-20',
          countedUntil: '2025-03-20',
          daysLate: 12,
          weeksLate: 2,
          amount: eur(1_000_000),
          accruedTotal: eur(1_000_000),
          cap: eur(10_000_000),
          accruedBy: 'carla',
          authority: 'project-manager',
        },
      });
    });

    it('reaches the cap (LiquidatedDamagesCapReached) and never accrues above it', async () => {
      const { contractId, obligationId } = await contractWithLd();
      const accrue = (asOf: string) =>
        post(obligationUrl(contractId, obligationId, 'liquidated-damages/accruals'), { asOf });
      expect((await accrue('2025-03-20')).statusCode).toBe(200);

      const capped = await accrue('2025-12-31');
      expect(capped.statusCode).toBe(200);
      const daysLate = daysBetween('2025-03-01', '2025-12-31') - 7;
      const [accrued, capReached] = (await eventsOf(contractId)).slice(-2);
      expect(accrued).toMatchObject({
        type: 'LiquidatedDamagesAccrued',
        data: {
          daysLate,
          weeksLate: Math.ceil(daysLate / 7),
          amount: eur(9_000_000),
          accruedTotal: eur(10_000_000),
          cap: eur(10_000_000),
        },
      });
      expect(capReached).toMatchObject({
        type: 'LiquidatedDamagesCapReached',
        data: { obligationId, asOf: '2025-12-31', cap: eur(10_000_000) },
      });

      // Later still: nothing more to accrue; the answer names the unchanged head.
      const after = await accrue('2026-06-30');
      expect(after.statusCode).toBe(200);
      expect(after.json().revision).toBe(capped.json().revision);
      const events = await eventsOf(contractId);
      const amounts = events
        .filter((event) => event.type === 'LiquidatedDamagesAccrued')
        .map((event) => (event.data.amount as { amount: number }).amount);
      expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(10_000_000);
      expect(events.filter((event) => event.type === 'LiquidatedDamagesCapReached')).toHaveLength(
        1,
      );
    });

    it('422 date-in-future for an accrual as of a day after today', async () => {
      const { contractId, obligationId } = await contractWithLd();
      expectProblem(
        await post(obligationUrl(contractId, obligationId, 'liquidated-damages/accruals'), {
          asOf: '2099-01-01',
        }),
        422,
        'date-in-future',
      );
    });

    it('422 obligation-has-no-liquidated-damages for an obligation without an LD remedy', async () => {
      const { contractId } = await newContract();
      const obligationId = await newObligation(contractId, {
        kind: 'milestone',
        title: 'No LD here',
        dueOn: '2025-03-01',
      });
      expectProblem(
        await post(obligationUrl(contractId, obligationId, 'liquidated-damages/accruals'), {
          asOf: '2025-06-01',
        }),
        422,
        'obligation-has-no-liquidated-damages',
      );
    });

    it('the PMO waives part of what accrued; not more than accrued; a project manager may not', async () => {
      const { contractId, obligationId } = await contractWithLd();
      await post(obligationUrl(contractId, obligationId, 'liquidated-damages/accruals'), {
        asOf: '2025-03-20',
      });
      const waivers = obligationUrl(contractId, obligationId, 'liquidated-damages/waivers');
      const reason = 'Delay partly caused by late site access (steering board 2025-04-02)';

      expectProblem(
        await post(waivers, { amount: eur(400_000), reason }, pm),
        403,
        'role-required',
      );
      const waived = await post(waivers, { amount: eur(400_000), reason }, pmo);
      expect(waived.statusCode).toBe(200);
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'LiquidatedDamagesWaived',
        data: {
          obligationId,
          amount: eur(400_000),
          waivedTotal: eur(400_000),
          reason,
          waivedBy: 'paula',
          authority: 'pmo',
        },
      });
      expectProblem(
        await post(waivers, { amount: eur(600_001), reason }, pmo),
        422,
        'waiver-exceeds-accrued-liquidated-damages',
      );
    });
  });

  describe('key project designation', () => {
    it('the PMO designates; a second designation is 409; a project manager gets 403', async () => {
      const { contractId } = await newContract();
      const url = `/api/contracts/${contractId}/key-project`;
      const body = { criteria: ['value above 1 MEUR', 'strategic customer'], reason: 'Flagship' };
      expectProblem(await post(url, body, pm), 403, 'role-required');
      const response = await post(url, body, pmo);
      expect(response.statusCode).toBe(200);
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'ContractDesignatedKeyProject',
        data: { contractId, ...body, designatedBy: 'paula', authority: 'pmo' },
      });
      expectProblem(await post(url, body, pmo), 409, 'contract-already-key-project');
    });

    it('422 key-project-needs-criteria with no criteria', async () => {
      const { contractId } = await newContract();
      expectProblem(
        await post(`/api/contracts/${contractId}/key-project`, { criteria: [], reason: 'x' }, pmo),
        422,
        'key-project-needs-criteria',
      );
    });
  });

  describe('amendments (need an approved change request with contractual impact)', () => {
    const bob = () => t.token({ sub: 'bob', roles: ['project-manager'] });

    /** A project of the contract, with a baseline, and a contractual CR raised by carla. */
    async function projectWithChangeRequest(
      programId: string,
      contractId: string,
      categories: string[] = ['contract', 'scope', 'cost'],
    ): Promise<{ projectId: string; changeRequestId: string }> {
      const project = await post('/api/projects', { programId, contractId, name: 'North-1' });
      expect(project.statusCode).toBe(201);
      const projectId: string = project.json().id;
      const baseline = await post(`/api/projects/${projectId}/baseline`, {
        budget: eur(80_000_000),
        scope: [{ id: 's1', title: '40 macro sites' }],
        milestones: [{ id: 'm1', title: 'Cluster on air', dueOn: '2025-03-01' }],
        quality: [{ id: 'q1', criterion: 'Drop call rate', target: '< 0.5 %' }],
      });
      expect([200, 201]).toContain(baseline.statusCode); // owned by the projects shell
      const raised = await post(`/api/projects/${projectId}/change-requests`, {
        title: 'Two extra depot sites',
        origin: 'customer',
        categories,
        justification: 'Customer asks for depot coverage',
      });
      expect(raised.statusCode).toBe(201);
      const changeRequestId: string = raised.json().id;
      const assessed = await post(
        `/api/projects/${projectId}/change-requests/${changeRequestId}/assessment`,
        {
          cost: { impact: 'change', budgetDelta: eur(5_000_000) },
          schedule: { impact: 'none' },
          scope: { impact: 'change', add: [{ id: 's2', title: 'Two depot sites' }], remove: [] },
          quality: { impact: 'none' },
        },
      );
      expect(assessed.statusCode).toBe(200);
      return { projectId, changeRequestId };
    }

    const decide = async (projectId: string, changeRequestId: string, outcome: string) => {
      const response = await post(
        `/api/projects/${projectId}/change-requests/${changeRequestId}/decision`,
        { outcome, reason: 'Funded by the customer' },
        await bob(),
      );
      expect(response.statusCode).toBe(200);
    };

    const recordCustomerApproval = async (
      projectId: string,
      changeRequestId: string,
      customerSignatureRef: string,
    ) => {
      const response = await post(
        `/api/projects/${projectId}/change-requests/${changeRequestId}/customer-approval`,
        { customerSignatureRef },
      );
      expect(response.statusCode).toBe(200);
    };

    it('201 with the amendment id; ContractAmended names the CR, its project, the signature and the changes', async () => {
      const { programId, contractId } = await newContract();
      const obligationId = await newObligation(contractId, {
        kind: 'milestone',
        title: 'Cluster North-1 on air',
        dueOn: '2025-03-01',
      });
      const { projectId, changeRequestId } = await projectWithChangeRequest(programId, contractId);
      await decide(projectId, changeRequestId, 'approved');
      await recordCustomerApproval(projectId, changeRequestId, 'DOC-2025-0113');

      const response = await post(`/api/contracts/${contractId}/amendments`, {
        summary: 'Addendum 2: two depot sites, milestone moved',
        changeRequest: { projectId, changeRequestId },
        customerSignatureRef: 'DOC-2025-0113',
        value: eur(CONTRACT_VALUE + 5_000_000),
        obligationDueChanges: [{ obligationId, dueOn: '2025-04-01' }],
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body.id).toEqual(expect.any(String));
      expect((await eventsOf(contractId)).at(-1)).toMatchObject({
        type: 'ContractAmended',
        data: {
          contractId,
          amendmentId: body.id,
          changeRequestId,
          projectId,
          customerSignatureRef: 'DOC-2025-0113',
          value: { previous: eur(CONTRACT_VALUE), amended: eur(CONTRACT_VALUE + 5_000_000) },
          obligationDueChanges: [
            {
              obligationId,
              dueOn: '2025-04-01',
              measurementWindow: null,
              previous: { dueOn: '2025-03-01', measurementWindow: null },
            },
          ],
          amendedBy: 'carla',
        },
      });
      // The same change request cannot amend twice.
      expectProblem(
        await post(`/api/contracts/${contractId}/amendments`, {
          summary: 'Again',
          changeRequest: { projectId, changeRequestId },
          customerSignatureRef: 'DOC-2025-0113',
        }),
        409,
        'change-request-already-amended-contract',
      );
    });

    it('422 until the customer approval is recorded on the CR, and only with that signature', async () => {
      const { programId, contractId } = await newContract();
      const { projectId, changeRequestId } = await projectWithChangeRequest(programId, contractId);
      await decide(projectId, changeRequestId, 'approved');
      const amend = (customerSignatureRef: string) =>
        post(`/api/contracts/${contractId}/amendments`, {
          summary: 'Addendum 3',
          changeRequest: { projectId, changeRequestId },
          customerSignatureRef,
        });
      const head = await t.store.headPosition();
      expectProblem(await amend('SIG-A'), 422, 'amendment-needs-customer-approval');
      await recordCustomerApproval(projectId, changeRequestId, 'SIG-B');
      expectProblem(await amend('SIG-A'), 422, 'amendment-signature-mismatch');
      expect(await t.store.headPosition()).toBe(head + 1); // only the customer approval
      expect((await amend('SIG-B')).statusCode).toBe(201);
    });

    it('an approved CR still authorises its amendment after it was implemented', async () => {
      const { programId, contractId } = await newContract();
      const { projectId, changeRequestId } = await projectWithChangeRequest(programId, contractId);
      await decide(projectId, changeRequestId, 'approved');
      await recordCustomerApproval(projectId, changeRequestId, 'SIG-C');
      const implemented = await post(
        `/api/projects/${projectId}/change-requests/${changeRequestId}/implement`,
        {},
      );
      expect(implemented.statusCode).toBe(200);
      const amended = await post(`/api/contracts/${contractId}/amendments`, {
        summary: 'Addendum signed after implementation',
        changeRequest: { projectId, changeRequestId },
        customerSignatureRef: 'SIG-C',
      });
      expect(amended.statusCode).toBe(201);
    });

    it('422 amendment-needs-approved-change-request for an undecided or rejected CR', async () => {
      const { programId, contractId } = await newContract();
      const { projectId, changeRequestId } = await projectWithChangeRequest(programId, contractId);
      const amend = () =>
        post(`/api/contracts/${contractId}/amendments`, {
          summary: 'Addendum',
          changeRequest: { projectId, changeRequestId },
          customerSignatureRef: 'DOC-1',
        });
      expectProblem(await amend(), 422, 'amendment-needs-approved-change-request');
      await decide(projectId, changeRequestId, 'rejected');
      const rejected = await amend();
      expectProblem(rejected, 422, 'amendment-needs-approved-change-request');
      expect(rejected.json().status).toBe(422);
    });

    it('422 amendment-needs-contractual-change-request for an approved CR without contractual impact', async () => {
      const { programId, contractId } = await newContract();
      const { projectId, changeRequestId } = await projectWithChangeRequest(programId, contractId, [
        'scope',
        'cost',
      ]);
      await decide(projectId, changeRequestId, 'approved');
      expectProblem(
        await post(`/api/contracts/${contractId}/amendments`, {
          summary: 'Addendum',
          changeRequest: { projectId, changeRequestId },
          customerSignatureRef: 'DOC-1',
        }),
        422,
        'amendment-needs-contractual-change-request',
      );
    });

    it('404 change-request-not-found for an unknown CR, or a CR of a project of another contract', async () => {
      const { programId, contractId } = await newContract();
      const { projectId, changeRequestId } = await projectWithChangeRequest(programId, contractId);
      const other = await post('/api/contracts', contractBody(programId), sales);
      const otherContractId: string = other.json().id;
      const amend = (targetContractId: string, crId: string) =>
        post(`/api/contracts/${targetContractId}/amendments`, {
          summary: 'Addendum',
          changeRequest: { projectId, changeRequestId: crId },
          customerSignatureRef: 'DOC-1',
        });
      expectProblem(await amend(contractId, 'no-such-cr'), 404, 'change-request-not-found');
      expectProblem(await amend(otherContractId, changeRequestId), 404, 'change-request-not-found');
    });
  });

  // A contract outside the claim, an unknown contract or obligation and a malformed id, on every
  // contract route: test/security/scope-and-not-found.e2e-spec.ts.
  describe('roles', () => {
    it('403 role-required for an auditor on every contract route', async () => {
      const { contractId, obligationId } = await contractWithLd();
      const auditor = await t.token({ sub: 'ann', roles: ['auditor'] });
      for (const url of [
        `/api/contracts/${contractId}/key-project`,
        `/api/contracts/${contractId}/obligations`,
        `/api/contracts/${contractId}/amendments`,
        obligationUrl(contractId, obligationId, 'fulfilment'),
        obligationUrl(contractId, obligationId, 'missed'),
        obligationUrl(contractId, obligationId, 'liquidated-damages/accruals'),
        obligationUrl(contractId, obligationId, 'liquidated-damages/waivers'),
      ]) {
        expectProblem(await post(url, {}, auditor), 403, 'role-required');
      }
    });
  });

  describe('bad bodies are 400 naming the field, and write nothing', () => {
    let contractId: string;
    let obligationId: string;
    let programId: string;
    beforeAll(async () => {
      ({ contractId, obligationId } = await contractWithLd());
      programId = await newProgram();
    });

    const cases = (): Array<[string, string, unknown, string]> => [
      [
        'contract: currency not ISO',
        '/api/contracts',
        { ...contractBody(programId), value: { amount: 1, currency: 'eur' } },
        'value.currency',
      ],
      [
        'contract: fractional minor units',
        '/api/contracts',
        { ...contractBody(programId), value: { amount: 1.5, currency: 'EUR' } },
        'value.amount',
      ],
      [
        'contract: signedOn not a date',
        '/api/contracts',
        { ...contractBody(programId), signedOn: '15/01/2025' },
        'signedOn',
      ],
      [
        'contract: bad program id',
        '/api/contracts',
        { ...contractBody(programId), programId: 'has spaces' },
        'programId',
      ],
      [
        'contract: unknown field',
        '/api/contracts',
        { ...contractBody(programId), discount: 5 },
        'discount',
      ],
      [
        'obligation: unknown kind',
        `/api/contracts/${contractId}/obligations`,
        { kind: 'promise', title: 't', dueOn: '2025-01-01' },
        'kind',
      ],
      [
        'obligation: remedy rate not a number',
        `/api/contracts/${contractId}/obligations`,
        {
          kind: 'milestone',
          title: 't',
          dueOn: '2025-01-01',
          remedy: { ...ldRemedy, ratePerWeekPct: '0.5' },
        },
        'remedy.ratePerWeekPct',
      ],
      [
        'obligation: unknown remedy kind',
        `/api/contracts/${contractId}/obligations`,
        {
          kind: 'milestone',
          title: 't',
          dueOn: '2025-01-01',
          remedy: { ...ldRemedy, kind: 'penalty' },
        },
        'remedy.kind',
      ],
      [
        'obligation: bad window date',
        `/api/contracts/${contractId}/obligations`,
        { kind: 'sla', title: 't', measurementWindow: { from: '2025-02-30', to: '2025-03-31' } },
        'measurementWindow.from',
      ],
      [
        'key project: criteria not a list',
        `/api/contracts/${contractId}/key-project`,
        { criteria: 'big', reason: 'r' },
        'criteria',
      ],
      [
        'amendment: missing change request',
        `/api/contracts/${contractId}/amendments`,
        { summary: 's', customerSignatureRef: 'x' },
        'changeRequest',
      ],
      [
        'amendment: bad due change',
        `/api/contracts/${contractId}/amendments`,
        {
          summary: 's',
          changeRequest: { projectId: 'p', changeRequestId: 'c' },
          customerSignatureRef: 'x',
          obligationDueChanges: [{ obligationId: 'o', dueOn: 'soon' }],
        },
        'obligationDueChanges[0].dueOn',
      ],
      [
        'fulfilment: unknown evidence kind',
        obligationUrl(contractId, obligationId, 'fulfilment'),
        { fulfilledOn: '2025-01-01', evidence: { kind: 'rumour', ref: 'r' } },
        'evidence.kind',
      ],
      [
        'missed: empty reason',
        obligationUrl(contractId, obligationId, 'missed'),
        { reason: '' },
        'reason',
      ],
      [
        'accrual: missing asOf',
        obligationUrl(contractId, obligationId, 'liquidated-damages/accruals'),
        {},
        'asOf',
      ],
      [
        'waiver: amount not money',
        obligationUrl(contractId, obligationId, 'liquidated-damages/waivers'),
        { amount: 100, reason: 'r' },
        'amount',
      ],
    ];

    it('every contract route', async () => {
      for (const [label, url, body, field] of cases()) {
        const headBefore = await t.store.headPosition();
        const response = await post(url, body, pmo);
        expect({ label, status: response.statusCode }).toEqual({ label, status: 400 });
        expectProblem(response, 400, 'validation-failed');
        expect({
          label,
          fields: response.json().errors.map((error: { field: string }) => error.field),
        }).toEqual({ label, fields: expect.arrayContaining([field]) });
        expect(await t.store.headPosition()).toBe(headBefore);
      }
    });
  });
});
