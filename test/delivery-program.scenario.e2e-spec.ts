import type { Role } from '@ledger/domain';
import { verifyChain, type RecordedEvent } from '@ledger/event-store';
import { httpClient, type Reply } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 3, "Done means": one customer program walked end to end over HTTP, from contract
 * signature to closure, asserting after every step which events were appended to which stream.
 * The steps run in order and share what they created through the variables below.
 */

interface FollowUp {
  readonly reaction: string;
  readonly streamId: string;
  readonly revision?: number;
  readonly position?: number;
  readonly refusedBy?: string;
}

interface Accepted {
  readonly id?: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly followUps?: readonly FollowUp[];
}

/** The people of the program and the roles their tokens carry. */
const people = {
  paula: ['pmo'],
  sam: ['sales'],
  carla: ['project-manager'],
  bob: ['project-manager'],
  cora: ['care'],
  'erp-bridge': ['integration'],
} as const satisfies Record<string, readonly Role[]>;
type Person = keyof typeof people;

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Sell→Execute checklist (DOMAIN.md's typical items); the stakeholder map follows later. */
const sellToExecuteItems = [
  { id: 'signed-contract', title: 'Signed contract and annexes', mandatory: true },
  { id: 'sow-boq', title: 'Statement of work and bill of quantities', mandatory: true },
  { id: 'price-model', title: 'Price and margin model with its assumptions', mandatory: true },
  {
    id: 'non-standard-terms',
    title: 'Non-standard terms: LDs, caps, acceptance criteria, payment milestones',
    mandatory: true,
  },
  { id: 'bid-risks', title: 'Bid risk register', mandatory: true },
  { id: 'solution-design', title: 'Solution design', mandatory: true },
  { id: 'stakeholder-map', title: 'Stakeholder map', mandatory: false },
  { id: 'key-milestones', title: 'Key milestones', mandatory: true },
  { id: 'subcontractors', title: 'Subcontractor commitments', mandatory: true },
  { id: 'hs-requirements', title: 'H&S requirements', mandatory: true },
  { id: 'sales-promises', title: 'Promises made in sales', mandatory: true },
];

/** Delivery→Care checklist (DOMAIN.md's typical items). */
const deliveryToCareItems = [
  { id: 'as-built', title: 'As-built documentation', mandatory: true },
  { id: 'acceptance-status', title: 'Acceptance status and open punch items', mandatory: true },
  { id: 'warranty', title: 'Warranty start and end', mandatory: true },
  { id: 'sla', title: 'SLA definitions', mandatory: true },
  { id: 'escalation-matrix', title: 'Escalation matrix', mandatory: true },
  { id: 'spares', title: 'Spares', mandatory: true },
  { id: 'knowledge-transfer', title: 'Knowledge transfer', mandatory: true },
  { id: 'complaints-capa', title: 'Open complaints and corrective actions', mandatory: true },
  { id: 'residual-risks', title: 'Residual risks', mandatory: true },
];

const baseline = {
  budget: eur(185_000_000),
  scope: [
    { id: 's-core', title: 'Core and transport upgrade' },
    { id: 's-ran', title: 'RAN swap of 48 macro sites' },
    { id: 's-oss', title: 'OSS integration and KPI dashboards' },
  ],
  milestones: [
    { id: 'm-design', title: 'Detailed design approved', dueOn: '2024-12-13' },
    { id: 'm-on-air', title: '48 macro sites on air', dueOn: '2025-07-31' },
    // obligationId is added once the contract's obligation exists (step 3).
  ],
  quality: [
    { id: 'q-availability', criterion: 'Cell availability', target: '>= 99.5 %' },
    { id: 'q-drops', criterion: 'Dropped call rate', target: '<= 0.8 %' },
  ],
};

describe('A delivery program from contract signature to closure (scenario over HTTP)', () => {
  let t: TestApp;
  const tokens = {} as Record<Person, string>;

  /** Every stream an accepted request (or its follow-ups) wrote to, in first-touched order. */
  const touched = new Set<string>();
  /** For each accepted request: the stream revision it (or a follow-up) ended at, and who sent it. */
  const caused: Array<{ streamId: string; revision: number; sub: Person }> = [];

  let programId: string;
  let contractId: string;
  let obligationId: string;
  let projectId: string;
  let program: string;
  let contract: string;
  let project: string;
  let projectUrl: string;
  let cr1Url: string;
  let cr1Id: string;
  let acceptanceUrl: string;
  let acceptanceStream: string;
  let pacId: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const [sub, roles] of Object.entries(people) as Array<[Person, readonly Role[]]>) {
      tokens[sub] = await t.token({ sub, roles: [...roles] });
    }
  });
  afterAll(() => t.close());

  // ---- small helpers ---------------------------------------------------------------------------

  const http = httpClient(() => t);
  const post = (url: string, body: unknown, as: Person, headers: Record<string, string> = {}) =>
    http.post(url, body, tokens[as], headers);

  /** Asserts the status (showing the body if it differs) and remembers who wrote where. */
  const accepted = (url: string, reply: Reply, status: 200 | 201, as: Person): Accepted => {
    expect({ url, status: reply.statusCode, body: reply.json() }).toMatchObject({ status });
    const body = reply.json<Accepted>();
    for (const landed of [body, ...(body.followUps ?? [])]) {
      if (landed.revision === undefined) continue;
      touched.add(landed.streamId);
      caused.push({ streamId: landed.streamId, revision: landed.revision, sub: as });
    }
    return body;
  };
  const created = async (
    url: string,
    body: unknown,
    as: Person,
    headers?: Record<string, string>,
  ) => accepted(url, await post(url, body, as, headers), 201, as);
  const ok = async (url: string, body: unknown, as: Person) =>
    accepted(url, await post(url, body, as), 200, as);

  /** Refused with `status`/`type`, and nothing at all was appended anywhere. */
  const expectRefused = async (request: Promise<Reply>, status: number, type: string) => {
    const head = await t.store.headPosition();
    expectProblem(await request, status, type);
    expect(await t.store.headPosition()).toBe(head);
  };

  const eventsOf = (streamId: string): Promise<RecordedEvent[]> => t.store.readStream(streamId);
  /** The stream's last revision (-1 for a stream with no events yet). */
  const headOf = async (streamId: string) => (await eventsOf(streamId)).at(-1)?.revision ?? -1;
  const appendedSince = async (streamId: string, revision: number) =>
    (await eventsOf(streamId)).filter((event) => event.revision > revision);
  const typesAppendedSince = async (streamId: string, revision: number) =>
    (await appendedSince(streamId, revision)).map((event) => event.type);
  const lastOf = async (streamId: string) => (await eventsOf(streamId)).at(-1)!;

  // ---- the program ---------------------------------------------------------------------------

  it('1. PMO creates the program; sales registers the contract and its acceptance obligation (LD remedy); PMO creates the project, which the program attaches', async () => {
    const createdProgram = await created(
      '/api/programs',
      {
        name: 'RAN modernisation, region North',
        customer: { id: 'cust-nordtel', name: 'Nordic Telco AB' },
        managerId: 'carla',
      },
      'paula',
    );
    programId = createdProgram.id!;
    program = createdProgram.streamId;
    expect(program).toBe(`program-${programId}`);
    expect(await eventsOf(program)).toMatchObject([
      {
        type: 'ProgramCreated',
        data: { programId, managerId: 'carla', createdBy: 'paula' },
        metadata: { actor: { sub: 'paula', roles: ['pmo'] } },
      },
    ]);

    const contractBody = {
      programId,
      customerId: 'cust-nordtel',
      title: 'North RAN modernisation: supply, install, integrate',
      value: eur(240_000_000),
      signedOn: '2024-09-16',
    };
    const registered = await created('/api/contracts', contractBody, 'sam');
    contractId = registered.id!;
    contract = registered.streamId;
    expect(await eventsOf(contract)).toMatchObject([
      {
        type: 'ContractRegistered',
        data: { contractId, ...contractBody, registeredBy: 'sam', authority: 'sales' },
      },
    ]);

    const ldRemedy = { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 };
    const obligation = await created(
      `/api/contracts/${contractId}/obligations`,
      {
        kind: 'acceptance',
        title: 'Provisional acceptance of the North RAN cluster',
        dueOn: '2025-09-30',
        evidenceRule: 'PAC signed by the customer',
        remedy: ldRemedy,
      },
      'sam',
    );
    obligationId = obligation.id!;
    expect(await typesAppendedSince(contract, 0)).toEqual(['ObligationRegistered']);
    expect((await lastOf(contract)).data).toMatchObject({
      obligationId,
      kind: 'acceptance',
      dueOn: '2025-09-30',
      remedy: ldRemedy,
      registeredBy: 'sam',
      authority: 'sales',
    });

    const createdProject = await created(
      '/api/projects',
      { programId, contractId, name: 'North RAN cluster swap' },
      'paula',
    );
    projectId = createdProject.id!;
    project = createdProject.streamId;
    projectUrl = `/api/projects/${projectId}`;
    expect(createdProject.followUps).toEqual([
      {
        reaction: 'program-attaches-created-project',
        streamId: program,
        revision: 1,
        position: createdProject.position,
      },
    ]);
    expect(await eventsOf(project)).toMatchObject([
      {
        type: 'ProjectCreated',
        data: { projectId, programId, contractId, createdBy: 'paula' },
      },
    ]);
    expect(await appendedSince(program, 0)).toMatchObject([
      { type: 'ProjectAttachedToProgram', data: { programId, projectId } },
    ]);
  });

  it('2. Sell→Execute: sales initiates with the typical checklist and submits evidence; the CPM accepts the items and approves; the project records the outcome', async () => {
    const initiated = await created(
      `${projectUrl}/handovers`,
      { kind: 'sell-to-execute', items: sellToExecuteItems },
      'sam',
    );
    const handover = initiated.streamId;
    const url = `${projectUrl}/handovers/${initiated.id!}`;
    expect(await eventsOf(handover)).toMatchObject([
      {
        type: 'HandoverInitiated',
        data: {
          projectId,
          kind: 'sell-to-execute',
          items: sellToExecuteItems,
          initiatedBy: 'sam',
          authority: 'sales',
          accountable: 'sam',
        },
      },
    ]);

    // The stakeholder map (optional) is still being drawn up; everything else is handed over.
    const handedOver = sellToExecuteItems.filter((item) => item.id !== 'stakeholder-map');
    for (const item of handedOver) {
      await ok(`${url}/items/${item.id}/evidence`, { ref: `dms://north-ran/${item.id}` }, 'sam');
      await ok(`${url}/items/${item.id}/accept`, { note: 'Reviewed with sales' }, 'carla');
    }

    // Execution is not authorised yet: the ERP's first invoice is refused.
    await expectRefused(
      post(
        `${projectUrl}/actual-costs`,
        { erpDocumentId: 'INV-2025-0311', amount: eur(41_250_000), postedOn: '2025-03-28' },
        'erp-bridge',
      ),
      422,
      'execution-not-authorised',
    );

    const projectHead = await headOf(project);
    const approved = await ok(`${url}/approve`, { note: 'Complete; LD clause noted' }, 'carla');
    expect(approved.followUps).toEqual([
      expect.objectContaining({ reaction: 'project-records-handover-outcome', streamId: project }),
    ]);
    expect((await eventsOf(handover)).map((event) => event.type)).toEqual([
      'HandoverInitiated',
      ...handedOver.flatMap(() => ['HandoverItemSubmitted', 'HandoverItemAccepted']),
      'HandoverApproved',
    ]);
    expect((await lastOf(handover)).data).toMatchObject({
      kind: 'sell-to-execute',
      approvedBy: 'carla',
      authority: 'project-manager',
      summary: {
        totalItems: sellToExecuteItems.length,
        itemsAccepted: handedOver.map((item) => item.id),
        optionalItemsNotAccepted: ['stakeholder-map'],
      },
      accountable: 'carla',
      previousAccountable: 'sam',
    });
    expect(await appendedSince(project, projectHead)).toMatchObject([
      {
        type: 'HandoverOutcomeRecorded',
        data: { kind: 'sell-to-execute', outcome: 'approved', handoverId: initiated.id },
      },
    ]);
  });

  it('3. the CPM establishes the baseline: budget, scope, milestones (the PAC one linked to the obligation), quality', async () => {
    const body = {
      ...baseline,
      milestones: [
        ...baseline.milestones,
        { id: 'm-pac', title: 'PAC of the cluster', dueOn: '2025-09-30', obligationId },
      ],
    };
    const since = await headOf(project);
    await ok(`${projectUrl}/baseline`, body, 'carla');
    const appended = await appendedSince(project, since);
    expect(appended.map((event) => event.type)).toEqual(['BaselineEstablished']);
    expect(appended[0]!.data).toEqual({
      projectId,
      version: 1,
      baseline: {
        ...body,
        milestones: [
          { ...body.milestones[0], obligationId: null },
          { ...body.milestones[1], obligationId: null },
          body.milestones[2],
        ],
      },
      establishedBy: 'carla',
      authority: 'project-manager',
    });
  });

  it('4. execution, now authorised: a reporting period, progress, and the ERP’s actual cost (its retry with the same Idempotency-Key appends nothing)', async () => {
    const since = await headOf(project);
    await created(
      `${projectUrl}/reporting-periods`,
      { periodId: '2025-03', startsOn: '2025-03-01', endsOn: '2025-03-31' },
      'carla',
    );
    await created(
      `${projectUrl}/progress`,
      {
        reportId: 'rep-2025-03',
        periodId: '2025-03',
        items: [
          { scopeItemId: 's-core', percentComplete: 60 },
          { scopeItemId: 's-ran', percentComplete: 25 },
        ],
      },
      'carla',
    );
    const invoice = {
      erpDocumentId: 'INV-2025-0311',
      amount: eur(41_250_000),
      postedOn: '2025-03-28',
    };
    const key = { 'idempotency-key': 'erp-INV-2025-0311' };
    const first = await created(`${projectUrl}/actual-costs`, invoice, 'erp-bridge', key);

    const appended = await appendedSince(project, since);
    expect(appended.map((event) => event.type)).toEqual([
      'ReportingPeriodOpened',
      'ProgressReported',
      'ActualCostRecorded',
    ]);
    expect(appended[1]!.data).toMatchObject({ reportId: 'rep-2025-03', reportedBy: 'carla' });
    expect(appended[2]!.data).toMatchObject({ ...invoice, recordedBy: 'erp-bridge' });

    // The ERP retries (a lost acknowledgement): the same answer, nothing new anywhere.
    const head = await t.store.headPosition();
    const retry = await created(`${projectUrl}/actual-costs`, invoice, 'erp-bridge', key);
    expect(retry).toEqual(first);
    expect(await t.store.headPosition()).toBe(head);
    expect(await headOf(project)).toBe(appended.at(-1)!.revision);
  });

  it('5a. CR #1 (scope, schedule, cost; contractual): raised by carla, assessed, refused to carla, approved by bob with its CSSQ facts in the same append', async () => {
    let since = await headOf(project);
    const raised = await created(
      `${projectUrl}/change-requests`,
      {
        title: 'Small cells for the Nordby arena',
        origin: 'customer',
        categories: ['scope', 'schedule', 'cost', 'contract'],
        justification: 'The customer wants coverage for the arena opening in autumn 2025',
      },
      'carla',
    );
    cr1Id = raised.id!;
    cr1Url = `${projectUrl}/change-requests/${cr1Id}`;
    expect(await appendedSince(project, since)).toMatchObject([
      { type: 'ChangeRequestRaised', data: { changeRequestId: cr1Id, requestedBy: 'carla' } },
    ]);

    since = await headOf(project);
    await ok(
      `${cr1Url}/assessment`,
      {
        cost: { impact: 'change', budgetDelta: eur(21_000_000) },
        schedule: {
          impact: 'change',
          milestoneShifts: [
            { milestoneId: 'm-on-air', days: 14 },
            { milestoneId: 'm-pac', days: 14 },
          ],
        },
        scope: { impact: 'change', add: [{ id: 's-arena', title: 'Arena small cells (6 nodes)' }] },
        quality: { impact: 'none' },
      },
      'carla',
    );
    expect(await appendedSince(project, since)).toMatchObject([
      {
        type: 'ChangeRequestImpactAssessed',
        data: { changeRequestId: cr1Id, contractual: true, baselineVersion: 1 },
      },
    ]);

    const decision = {
      outcome: 'approved',
      reason: 'Customer funds the arena cells under addendum 3; the PAC moves two weeks',
    };
    await expectRefused(
      post(`${cr1Url}/decision`, decision, 'carla'),
      403,
      'requester-cannot-decide',
    );

    since = await headOf(project);
    const approved = await ok(`${cr1Url}/decision`, decision, 'bob');
    const appended = await appendedSince(project, since);
    expect(appended.map((event) => event.type)).toEqual([
      'ChangeRequestDecided',
      'ScopeChanged',
      'ScheduleChanged',
      'BudgetChanged',
      'BaselineRevised',
    ]);
    // One atomic append: one command, consecutive revisions, the response names its end.
    expect(new Set(appended.map((event) => event.metadata.commandId)).size).toBe(1);
    expect(appended.map((event) => event.revision)).toEqual(
      appended.map((_, index) => since + 1 + index),
    );
    expect(approved).toMatchObject({
      revision: appended.at(-1)!.revision,
      position: appended.at(-1)!.position,
    });
    const [decided, scope, schedule, budget, revised] = appended.map((event) => event.data);
    expect(decided).toEqual({
      projectId,
      changeRequestId: cr1Id,
      ...decision,
      decidedBy: 'bob',
      authority: 'project-manager',
    });
    expect(appended[0]!.metadata.actor).toEqual({ sub: 'bob', roles: ['project-manager'] });
    expect(scope).toMatchObject({
      added: [{ id: 's-arena', title: 'Arena small cells (6 nodes)' }],
      removed: [],
    });
    expect(schedule).toMatchObject({
      milestoneShifts: [
        { milestoneId: 'm-on-air', days: 14, from: '2025-07-31', to: '2025-08-14' },
        { milestoneId: 'm-pac', days: 14, from: '2025-09-30', to: '2025-10-14' },
      ],
    });
    expect(budget).toMatchObject({
      delta: eur(21_000_000),
      previousBudget: eur(185_000_000),
      newBudget: eur(206_000_000),
    });
    expect(revised).toMatchObject({
      changeRequestId: cr1Id,
      version: 2,
      baseline: {
        budget: eur(206_000_000),
        scope: expect.arrayContaining([{ id: 's-arena', title: 'Arena small cells (6 nodes)' }]),
        milestones: expect.arrayContaining([
          expect.objectContaining({ id: 'm-pac', dueOn: '2025-10-14', obligationId }),
        ]),
      },
    });
  });

  it('5b. CR #1 is contractual: implemented only after the customer signs; the contract is amended under it; then closed', async () => {
    await expectRefused(
      post(`${cr1Url}/implement`, {}, 'carla'),
      422,
      'customer-approval-required',
    );

    const signature = 'NT-ADD-003, signed 2025-04-22';
    const since = await headOf(project);
    await ok(`${cr1Url}/customer-approval`, { customerSignatureRef: signature }, 'carla');

    const contractHead = await headOf(contract);
    await created(
      `/api/contracts/${contractId}/amendments`,
      {
        summary: 'Addendum 3: six arena small cells; PAC moved by two weeks',
        changeRequest: { projectId, changeRequestId: cr1Id },
        customerSignatureRef: signature,
        value: eur(268_500_000),
        obligationDueChanges: [{ obligationId, dueOn: '2025-10-14' }],
      },
      'carla',
    );
    expect(await appendedSince(contract, contractHead)).toMatchObject([
      {
        type: 'ContractAmended',
        data: {
          changeRequestId: cr1Id,
          projectId,
          customerSignatureRef: signature,
          value: { previous: eur(240_000_000), amended: eur(268_500_000) },
          obligationDueChanges: [
            { obligationId, previous: { dueOn: '2025-09-30' }, dueOn: '2025-10-14' },
          ],
          amendedBy: 'carla',
          authority: 'project-manager',
        },
      },
    ]);

    await ok(`${cr1Url}/implement`, {}, 'carla');
    await ok(`${cr1Url}/close`, {}, 'carla');
    expect(await appendedSince(project, since)).toMatchObject([
      {
        type: 'CustomerApprovalRecorded',
        data: { changeRequestId: cr1Id, customerSignatureRef: signature },
      },
      {
        type: 'ChangeRequestImplemented',
        data: { changeRequestId: cr1Id, implementedBy: 'carla' },
      },
      { type: 'ChangeRequestClosed', data: { changeRequestId: cr1Id, closedBy: 'carla' } },
    ]);
  });

  it('5c. CR #2 (a small cost change): raised, assessed, rejected by bob (the decision alone), then closed', async () => {
    const since = await headOf(project);
    const raised = await created(
      `${projectUrl}/change-requests`,
      {
        title: 'Indoor racks instead of outdoor cabinets at four sites',
        origin: 'internal',
        categories: ['cost'],
        justification: 'Two site owners prefer the equipment in their basements',
      },
      'carla',
    );
    const url = `${projectUrl}/change-requests/${raised.id!}`;
    await ok(
      `${url}/assessment`,
      {
        cost: { impact: 'change', budgetDelta: eur(1_800_000) },
        schedule: { impact: 'none' },
        scope: { impact: 'none' },
        quality: { impact: 'none' },
      },
      'carla',
    );
    const afterAssessment = await headOf(project);
    const reason = 'Outdoor cabinets meet the specification; not worth the extra cost';
    await ok(`${url}/decision`, { outcome: 'rejected', reason }, 'bob');
    expect(await typesAppendedSince(project, afterAssessment)).toEqual(['ChangeRequestDecided']);
    await ok(`${url}/close`, {}, 'carla');

    const appended = await appendedSince(project, since);
    expect(appended.map((event) => event.type)).toEqual([
      'ChangeRequestRaised',
      'ChangeRequestImpactAssessed',
      'ChangeRequestDecided',
      'ChangeRequestClosed',
    ]);
    expect(appended[2]!.data).toEqual({
      projectId,
      changeRequestId: raised.id,
      outcome: 'rejected',
      reason,
      decidedBy: 'bob',
      authority: 'project-manager',
    });
  });

  it('6. risks: a threat raised, assessed (score, negative EMV), owned and mitigated; an opportunity raised and assessed (positive EMV)', async () => {
    const threatBody = {
      kind: 'threat',
      title: 'Late delivery of radio units',
      cause: 'A single supplier for the AAU radio units',
      event: 'Radio units arrive after the rollout window opens',
      effect: 'Site integration slips by up to three weeks',
      category: 'supply-chain',
    };
    const threat = await created(`${projectUrl}/risks`, threatBody, 'carla');
    const threatUrl = `${projectUrl}/risks/${threat.id!}`;
    await ok(
      `${threatUrl}/assessment`,
      { probability: 3, impact: 4, costImpact: eur(15_000_000), scheduleDays: 21 },
      'carla',
    );
    await ok(`${threatUrl}/owner`, { ownerId: 'lars' }, 'carla');
    await ok(
      `${threatUrl}/response`,
      {
        strategy: 'mitigate',
        description: 'Qualify a second supplier and pull the first twelve units forward',
        contingencyReserve: eur(5_000_000),
      },
      'carla',
    );
    const threatEvents = await eventsOf(threat.streamId);
    expect(threatEvents.map((event) => event.type)).toEqual([
      'RiskRaised',
      'RiskAssessed',
      'RiskOwnerAssigned',
      'RiskResponsePlanned',
    ]);
    const [raised, assessed, owned, planned] = threatEvents.map((event) => event.data);
    expect(raised).toMatchObject({
      riskId: threat.id,
      projectId,
      ...threatBody,
      raisedBy: 'carla',
    });
    expect(assessed).toMatchObject({
      probability: 3,
      probabilityPercent: 50,
      impact: 4,
      score: 12,
      costImpact: eur(15_000_000),
      expectedMonetaryValue: eur(-7_500_000),
      assessedBy: 'carla',
    });
    expect(owned).toMatchObject({ ownerId: 'lars', previousOwnerId: null, assignedBy: 'carla' });
    expect(planned).toMatchObject({
      strategy: 'mitigate',
      contingencyReserve: eur(5_000_000),
      ownerId: 'lars',
      authority: 'project-manager',
    });

    const opportunity = await created(
      `${projectUrl}/risks`,
      {
        kind: 'opportunity',
        title: 'Share towers with the customer’s fixed-wireless rollout',
        cause: 'The customer builds fixed-wireless access in the same villages',
        event: 'Both rollouts agree to share eight towers',
        effect: 'Fewer civil works and leases for us',
        category: 'commercial',
      },
      'carla',
    );
    await ok(
      `${projectUrl}/risks/${opportunity.id!}/assessment`,
      { probability: 2, impact: 3, costImpact: eur(4_000_000) },
      'carla',
    );
    expect(await eventsOf(opportunity.streamId)).toMatchObject([
      { type: 'RiskRaised', data: { kind: 'opportunity' } },
      {
        type: 'RiskAssessed',
        data: { score: 6, probabilityPercent: 30, expectedMonetaryValue: eur(1_200_000) },
      },
    ]);
  });

  it('7a. acceptance: opened on the obligation, tested, an A punch item blocks the PAC, cleared; the PAC lists the open B item and fulfils the obligation on the contract', async () => {
    const opened = await created(
      `${projectUrl}/acceptances`,
      {
        object: {
          kind: 'cluster',
          ref: 'CL-NORTH-01',
          title: 'North RAN cluster with arena cells',
        },
        obligationId,
        warrantyMonths: 12,
      },
      'carla',
    );
    acceptanceStream = opened.streamId;
    acceptanceUrl = `${projectUrl}/acceptances/${opened.id!}`;
    await created(
      `${acceptanceUrl}/tests`,
      { testId: 'sat-1', scheduledOn: '2025-09-22' },
      'carla',
    );
    await ok(
      `${acceptanceUrl}/tests/sat-1/result`,
      { result: 'passed', notes: 'Drive test KPIs met on all 54 cells' },
      'carla',
    );
    const grounding = {
      itemId: 'pi-a',
      severity: 'A',
      description: 'Mast grounding missing, N-17',
    };
    const labels = { itemId: 'pi-b', severity: 'B', description: 'Cabinet labels faded, N-03' };
    await created(`${acceptanceUrl}/punch-items`, grounding, 'carla');
    await created(`${acceptanceUrl}/punch-items`, labels, 'carla');

    const pac = { certificateId: 'pac-cl-north-01', issuedOn: '2025-10-10' };
    await expectRefused(
      post(`${acceptanceUrl}/provisional-certificate`, pac, 'carla'),
      422,
      'open-severity-a-punch-items',
    );
    await ok(
      `${acceptanceUrl}/punch-items/pi-a/clear`,
      { evidence: { ref: 'PHOTO-2025-1003-17', note: 'Grounding kit fitted and measured' } },
      'carla',
    );

    const contractHead = await headOf(contract);
    const issued = await ok(`${acceptanceUrl}/provisional-certificate`, pac, 'carla');
    pacId = issued.id!;
    expect(pacId).toBe('pac-cl-north-01');
    expect(issued.followUps).toEqual([
      {
        reaction: 'contract-fulfils-obligation-on-certificate',
        streamId: contract,
        revision: contractHead + 1,
        position: issued.position,
      },
    ]);

    const events = await eventsOf(acceptanceStream);
    expect(events.map((event) => event.type)).toEqual([
      'AcceptanceOpened',
      'AcceptanceTestScheduled',
      'AcceptanceTestResultRecorded',
      'PunchItemRaised',
      'PunchItemRaised',
      'PunchItemCleared',
      'ProvisionalAcceptanceCertificateIssued',
    ]);
    expect(events[0]!.data).toMatchObject({
      contractId,
      obligationId,
      obligationFulfilledBy: 'pac',
      warrantyMonths: 12,
      openedBy: 'carla',
    });
    expect(events.at(-1)!.data).toMatchObject({
      certificateId: pacId,
      issuedOn: '2025-10-10',
      openPunchItems: [labels],
      warrantyStartsOn: '2025-10-10',
      warrantyEndsOn: '2026-10-10',
      obligationId,
      fulfilsObligation: true,
      issuedBy: 'carla',
    });
    // On time against the due date the amendment of CR #1 moved (2025-10-14).
    expect(await appendedSince(contract, contractHead)).toMatchObject([
      {
        type: 'ObligationFulfilled',
        data: {
          obligationId,
          fulfilledOn: '2025-10-10',
          evidence: { kind: 'acceptance-certificate', ref: pacId },
          onTime: true,
        },
        metadata: { causationId: events.at(-1)!.id },
      },
    ]);
  });

  it('7b. later, the FAC: refused before the warranty has elapsed, issued once it has and every item is cleared; the project records final acceptance', async () => {
    const since = await headOf(acceptanceStream);
    await ok(
      `${acceptanceUrl}/punch-items/pi-b/clear`,
      { evidence: { ref: 'PHOTO-2025-1020-03', note: 'Labels replaced' } },
      'carla',
    );
    await expectRefused(
      post(
        `${acceptanceUrl}/final-certificate`,
        { certificateId: 'fac-cl-north-01', issuedOn: '2026-04-15' },
        'carla',
      ),
      422,
      'warranty-period-not-elapsed',
    );

    const projectHead = await headOf(project);
    const fac = await ok(
      `${acceptanceUrl}/final-certificate`,
      { certificateId: 'fac-cl-north-01', issuedOn: '2026-10-12' },
      'carla',
    );
    expect(fac.followUps).toEqual([
      expect.objectContaining({ reaction: 'project-records-final-acceptance', streamId: project }),
    ]);
    expect(await appendedSince(acceptanceStream, since)).toMatchObject([
      { type: 'PunchItemCleared', data: { itemId: 'pi-b' } },
      {
        type: 'FinalAcceptanceCertificateIssued',
        data: {
          certificateId: 'fac-cl-north-01',
          issuedOn: '2026-10-12',
          provisionalCertificateId: pacId,
          warrantyEndsOn: '2026-10-10',
          fulfilsObligation: false,
          issuedBy: 'carla',
        },
      },
    ]);
    expect(await appendedSince(project, projectHead)).toMatchObject([
      {
        type: 'FinalAcceptanceRecorded',
        data: { projectId, certificateId: 'fac-cl-north-01' },
      },
    ]);
  });

  it('8. an H&S complaint: received, acknowledged, assessed (top priority), investigated; a CAPA opened from it, linked, worked to an effective check and closed; the complaint answered and closed', async () => {
    const complaint = await created(
      `${projectUrl}/complaints`,
      {
        receivedOn: '2025-06-03',
        channel: 'email',
        summary: 'Excavation left unfenced overnight next to the school at site N-12',
        customerContactRef: 'crm-contact-8812',
        hsRelated: true,
      },
      'carla',
    );
    const complaintUrl = `${projectUrl}/complaints/${complaint.id!}`;
    await ok(`${complaintUrl}/acknowledgement`, {}, 'carla');
    await ok(
      `${complaintUrl}/assessment`,
      { severity: 'high', dueOn: '2025-06-05', effectiveAt: '2025-06-03T14:30:00Z' },
      'carla',
    );
    await ok(
      `${complaintUrl}/investigation`,
      { findings: 'The civil crew left before the fencing arrived; no end-of-day check' },
      'carla',
    );

    const capa = await created(
      `${projectUrl}/corrective-actions`,
      {
        source: 'complaint',
        sourceRef: complaint.id,
        problemStatement: 'Excavations left unsecured at the end of the working day',
      },
      'carla',
    );
    await ok(`${complaintUrl}/corrective-action-link`, { capaId: capa.id }, 'carla');

    const capaUrl = `${projectUrl}/corrective-actions/${capa.id!}`;
    const criteria = [
      { criterionId: 'no-unsecured-90d', description: 'No unsecured excavation in 90 days' },
      { criterionId: 'checklist-signed', description: 'Close-out checklist signed daily' },
    ];
    await ok(
      `${capaUrl}/containment`,
      { actionTaken: 'N-12 fenced that evening; every open excavation checked' },
      'carla',
    );
    await ok(
      `${capaUrl}/root-cause`,
      { method: '5-whys', statement: 'The civil works procedure has no end-of-day close-out' },
      'carla',
    );
    await created(
      `${capaUrl}/actions`,
      {
        actionId: 'ca-1',
        description: 'Add an end-of-day excavation close-out checklist to the procedure',
        ownerId: 'carla',
        dueOn: '2025-06-20',
      },
      'carla',
    );
    await ok(
      `${capaUrl}/actions/ca-1/complete`,
      { evidence: 'Civil works procedure rev. 5' },
      'carla',
    );
    await ok(`${capaUrl}/effectiveness-criteria`, { criteria }, 'carla');
    await ok(
      `${capaUrl}/effectiveness-checks`,
      { results: criteria.map(({ criterionId }) => ({ criterionId, met: true })) },
      'carla',
    );
    await ok(
      `${capaUrl}/close`,
      { note: 'Verified effective after 90 days of spot checks' },
      'carla',
    );

    await ok(
      `${complaintUrl}/response`,
      { response: 'Fencing is now checked at every end of day', respondedOn: '2025-06-05' },
      'carla',
    );
    await ok(`${complaintUrl}/close`, { customerSatisfied: true }, 'carla');

    const complaintEvents = await eventsOf(complaint.streamId);
    expect(complaintEvents.map((event) => event.type)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'ComplaintAssessed',
      'ComplaintInvestigated',
      'ComplaintLinkedToCorrectiveAction',
      'ComplaintResponded',
      'ComplaintClosed',
    ]);
    expect(complaintEvents[2]!.data).toMatchObject({
      severity: 'high',
      priority: 'top',
      hsRelated: true,
      assessedOn: '2025-06-03',
      dueOn: '2025-06-05',
      assessedBy: 'carla',
    });
    expect(complaintEvents[4]!.data).toMatchObject({ capaId: capa.id, linkedBy: 'carla' });
    expect(complaintEvents[6]!.data).toMatchObject({ customerSatisfied: true, closedBy: 'carla' });

    const capaEvents = await eventsOf(capa.streamId);
    expect(capaEvents.map((event) => event.type)).toEqual([
      'CorrectiveActionOpened',
      'ContainmentRecorded',
      'RootCauseRecorded',
      'CorrectiveActionAdded',
      'CorrectiveActionCompleted',
      'EffectivenessCriteriaDefined',
      'EffectivenessCheckRecorded',
      'CorrectiveActionClosed',
    ]);
    expect(capaEvents[0]!.data).toMatchObject({
      source: 'complaint',
      sourceRef: complaint.id,
      openedBy: 'carla',
    });
    expect(capaEvents[6]!.data).toMatchObject({ checkNumber: 1, effective: true });
  });

  it('9. an H&S incident: reported, classified (recordable), investigated, closed; the month’s exposure hours recorded', async () => {
    const incident = await created(
      `${projectUrl}/incidents`,
      {
        occurredAt: '2025-05-14T10:40:00+02:00',
        siteId: 'site-N-07',
        description: 'Rigger cut a hand on a cable tray edge while fitting a radio unit',
        personRefs: ['emp-2291'],
      },
      'carla',
    );
    const incidentUrl = `${projectUrl}/incidents/${incident.id!}`;
    await ok(`${incidentUrl}/classification`, { classification: 'medical-treatment' }, 'carla');
    await ok(
      `${incidentUrl}/investigation`,
      { findings: 'Cut-resistant gloves not worn; the tray edge was not deburred' },
      'carla',
    );
    await ok(`${incidentUrl}/close`, { note: 'Toolbox talk held; gloves mandatory' }, 'carla');
    expect(await eventsOf(incident.streamId)).toMatchObject([
      { type: 'SafetyIncidentReported', data: { siteId: 'site-N-07', reportedBy: 'carla' } },
      {
        type: 'SafetyIncidentClassified',
        data: { classification: 'medical-treatment', recordable: true, lostTimeInjury: false },
      },
      { type: 'SafetyIncidentInvestigated' },
      { type: 'SafetyIncidentClosed', data: { closedBy: 'carla' } },
    ]);

    const exposure = await created(
      `${projectUrl}/exposure-hours`,
      { siteId: 'site-N-07', periodId: '2025-05', hours: 1920 },
      'erp-bridge',
    );
    expect(exposure.streamId).toBe(`exposure-${projectId}`);
    expect(await eventsOf(exposure.streamId)).toMatchObject([
      {
        type: 'ExposureHoursRecorded',
        data: {
          projectId,
          siteId: 'site-N-07',
          periodId: '2025-05',
          hours: 1920,
          recordedBy: 'erp-bridge',
          authority: 'integration',
        },
      },
    ]);
  });

  it('10. Delivery→Care: the CPM initiates and submits the evidence; care accepts every item and approves; the project records the outcome', async () => {
    await expectRefused(
      post(`${projectUrl}/close`, { reason: 'Too early' }, 'carla'),
      422,
      'delivery-to-care-handover-not-approved',
    );

    const initiated = await created(
      `${projectUrl}/handovers`,
      { kind: 'delivery-to-care', items: deliveryToCareItems },
      'carla',
    );
    const url = `${projectUrl}/handovers/${initiated.id!}`;
    for (const item of deliveryToCareItems) {
      await ok(
        `${url}/items/${item.id}/evidence`,
        { ref: `dms://north-ran/care/${item.id}` },
        'carla',
      );
      await ok(`${url}/items/${item.id}/accept`, {}, 'cora');
    }
    const projectHead = await headOf(project);
    const approved = await ok(`${url}/approve`, { note: 'Care runs the cluster' }, 'cora');
    expect(approved.followUps).toEqual([
      expect.objectContaining({ reaction: 'project-records-handover-outcome', streamId: project }),
    ]);

    const events = await eventsOf(initiated.streamId);
    expect(events.map((event) => event.type)).toEqual([
      'HandoverInitiated',
      ...deliveryToCareItems.flatMap(() => ['HandoverItemSubmitted', 'HandoverItemAccepted']),
      'HandoverApproved',
    ]);
    expect(events[0]!.data).toMatchObject({ initiatedBy: 'carla', authority: 'project-manager' });
    expect(events.at(-1)!.data).toMatchObject({
      kind: 'delivery-to-care',
      approvedBy: 'cora',
      authority: 'care',
      accountable: 'cora',
      previousAccountable: 'carla',
    });
    expect(await appendedSince(project, projectHead)).toMatchObject([
      {
        type: 'HandoverOutcomeRecorded',
        data: { kind: 'delivery-to-care', outcome: 'approved', handoverId: initiated.id },
      },
    ]);
  });

  it('11. closure: the program cannot close while its project is open; the CPM closes the project, then the PMO the program', async () => {
    const programClosure = { reason: 'North RAN modernised, accepted and run by Care' };
    await expectRefused(
      post(`/api/programs/${programId}/close`, programClosure, 'paula'),
      422,
      'program-has-open-projects',
    );

    const projectHead = await headOf(project);
    const reason = 'Final acceptance issued; operations handed over to Care';
    await ok(`${projectUrl}/close`, { reason }, 'carla');
    expect(await appendedSince(project, projectHead)).toMatchObject([
      {
        type: 'ProjectClosed',
        data: { projectId, reason, closedBy: 'carla', authority: 'project-manager' },
      },
    ]);

    const programHead = await headOf(program);
    await ok(`/api/programs/${programId}/close`, programClosure, 'paula');
    expect(await appendedSince(program, programHead)).toMatchObject([
      { type: 'ProgramClosed', data: { programId, closedBy: 'paula', ...programClosure } },
    ]);
  });

  it('12. every stream touched has an intact hash chain, and every event names the person whose request caused it', async () => {
    expect([...touched].map((streamId) => streamId.split('-')[0]).sort()).toEqual([
      'acceptance',
      'capa',
      'complaint',
      'contract',
      'exposure',
      'handover',
      'handover',
      'incident',
      'program',
      'project',
      'risk',
      'risk',
    ]);
    for (const streamId of touched) {
      const events = await eventsOf(streamId);
      expect({ streamId, chain: verifyChain(events) }).toMatchObject({
        streamId,
        chain: { ok: true, verified: events.length },
      });
      // Each event belongs to the first accepted request that ended at or after its revision.
      const ends = caused
        .filter((entry) => entry.streamId === streamId)
        .sort((a, b) => a.revision - b.revision);
      expect({ streamId, actors: events.map((event) => event.metadata.actor.sub) }).toEqual({
        streamId,
        actors: events.map((event) => ends.find((entry) => entry.revision >= event.revision)?.sub),
      });
    }

    // Spot checks, by name: who decided what on the main streams.
    const actorOf = async (streamId: string, type: string) =>
      (await eventsOf(streamId)).find((event) => event.type === type)?.metadata.actor.sub;
    expect(await actorOf(program, 'ProgramCreated')).toBe('paula');
    expect(await actorOf(program, 'ProjectAttachedToProgram')).toBe('paula');
    expect(await actorOf(program, 'ProgramClosed')).toBe('paula');
    expect(await actorOf(contract, 'ContractRegistered')).toBe('sam');
    expect(await actorOf(contract, 'ContractAmended')).toBe('carla');
    expect(await actorOf(contract, 'ObligationFulfilled')).toBe('carla');
    expect(await actorOf(project, 'ChangeRequestDecided')).toBe('bob');
    expect(await actorOf(project, 'BaselineRevised')).toBe('bob');
    expect(await actorOf(project, 'ActualCostRecorded')).toBe('erp-bridge');
    expect(await actorOf(project, 'ProjectClosed')).toBe('carla');
  });
});
