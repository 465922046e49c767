import type { Role } from '@ledger/domain';
import { verifyChain, type RecordedEvent } from '@ledger/event-store';
import { READ_STORE, type ReadDocument, type ReadStore } from '@ledger/read-store';
import { httpClient, type Reply } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 3, "Done means": one customer program walked end to end over HTTP, from contract
 * signature to closure, asserting after every step which events were appended to which stream.
 * The steps run in order and share what they created through the variables below.
 *
 * Issue 4: the scenario ends by reading every read model at the head of the log (the exact
 * figures the steps imply), then rebuilds every read model from the log and expects the very
 * same documents and answers. It runs on each read store (embedded, and MongoDB when
 * MONGODB_URI is set).
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
  olga: ['admin'],
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

/**
 * Keys that hold money wherever they appear in a read-model answer: each must be
 * `{amount, currency}` or null, never a bare number (issue 9, item 12). `value` is money too,
 * except as the figure of a safety rate (`trir.value`, `ltifr.value`).
 */
const MONEY_KEYS = new Set([
  'accrued',
  'ac',
  'actualCostImpact',
  'actualCostRecorded',
  'bac',
  'bacCurrent',
  'bacOriginal',
  'budget',
  'budgetDelta',
  'cap',
  'contingencyDrawn',
  'contingencyRemaining',
  'contingencyReserve',
  'costImpact',
  'cv',
  'drawn',
  'eac',
  'eacAtBudgetRate',
  'estimateAtCompletion',
  'etc',
  'ev',
  'expectedMonetaryValue',
  'forecast',
  'headroom',
  'net',
  'originalValue',
  'pv',
  'remaining',
  'reserve',
  'sv',
  'vac',
  'value',
  'waived',
]);
const RATE_KEYS = new Set(['trir', 'ltifr']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isMoney = (value: unknown): boolean =>
  isRecord(value) &&
  Object.keys(value).sort().join() === 'amount,currency' &&
  Number.isSafeInteger(value['amount']) &&
  typeof value['currency'] === 'string' &&
  /^[A-Z]{3}$/.test(value['currency']);

/**
 * Where an answer breaks the conventions every endpoint keeps (README): money under a money key
 * (and every EMV figure) is `{amount, currency}` in integer minor units or null; any object with
 * an `amount` is money; absent is null, never ""; the store's `_id` never shows and `position`
 * only at the top; the objects of one list have the same keys (none goes missing where its
 * siblings say null).
 */
function conventionBreaches(value: unknown, path: string, parent = '', depth = 0): string[] {
  if (value === '') return [`${path}: "" (absent is null)`];
  if (Array.isArray(value)) {
    const breaches = value.flatMap((item, index) =>
      conventionBreaches(item, `${path}[${index}]`, parent, depth + 1),
    );
    const shapes = new Set(value.filter(isRecord).map((item) => Object.keys(item).sort().join()));
    if (shapes.size > 1)
      breaches.push(`${path}: items with different keys ${[...shapes].join(' | ')}`);
    return breaches;
  }
  if (!isRecord(value) || isMoney(value)) return [];
  if ('amount' in value) return [`${path}: not {amount, currency}`];
  const breaches: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key === '_id') breaches.push(`${at}: the store's key`);
    if (key === 'position' && depth > 0) breaches.push(`${at}: a position inside an item`);
    const money =
      (MONEY_KEYS.has(key) && !(key === 'value' && RATE_KEYS.has(parent))) ||
      path.includes('.emv[');
    if (money && typeof child === 'number') breaches.push(`${at}: bare number ${child}`);
    else if (
      money &&
      child !== null &&
      isRecord(child) &&
      !path.includes('.emv[') &&
      !isMoney(child)
    ) {
      breaches.push(`${at}: not {amount, currency}`);
    } else breaches.push(...conventionBreaches(child, at, key, depth + 1));
  }
  return breaches;
}

describe.each(readStoreVariants('delivery program scenario'))(
  'A delivery program from contract signature to closure (scenario over HTTP, %s read store)',
  (_name, variant) => {
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
    let cr2Id: string;
    let designObligationId: string;
    let sellToExecute: { id: string; streamId: string };
    let deliveryToCare: { id: string; streamId: string };
    let threat: { id: string; streamId: string };
    let opportunity: { id: string; streamId: string };
    let acceptanceId: string;
    let acceptanceUrl: string;
    let acceptanceStream: string;
    let pacId: string;
    let complaint: { id: string; streamId: string };
    let capa: { id: string; streamId: string };
    let incident: { id: string; streamId: string };

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      for (const [sub, roles] of Object.entries(people) as Array<[Person, readonly Role[]]>) {
        tokens[sub] = await t.token({ sub, roles: [...roles] });
      }
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

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
          customerId: 'cust-nordtel',
          customerName: 'Nordic Telco AB',
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

      const ldRemedy = {
        kind: 'liquidated-damages',
        ratePerWeekPct: 0.5,
        capPct: 10,
        graceDays: 7,
      };
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
        { kind: 'sell-to-execute', items: sellToExecuteItems, effectiveAt: '2024-09-17T09:00:00Z' },
        'sam',
      );
      sellToExecute = { id: initiated.id!, streamId: initiated.streamId };
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
        await ok(
          `${url}/items/${item.id}/evidence`,
          { ref: `dms://north-ran/${item.id}`, effectiveAt: '2024-09-20T10:00:00Z' },
          'sam',
        );
        await ok(
          `${url}/items/${item.id}/accept`,
          { note: 'Reviewed with sales', effectiveAt: '2024-10-02T11:00:00Z' },
          'carla',
        );
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
      const approved = await ok(
        `${url}/approve`,
        { note: 'Complete; LD clause noted', effectiveAt: '2024-10-04T16:00:00Z' },
        'carla',
      );
      expect(approved.followUps).toEqual([
        expect.objectContaining({
          reaction: 'project-records-handover-outcome',
          streamId: project,
        }),
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
      // Established on 1 October 2024 (business time): the planned value starts there.
      await ok(`${projectUrl}/baseline`, { ...body, effectiveAt: '2024-10-01T08:00:00Z' }, 'carla');
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
          scope: {
            impact: 'change',
            add: [{ id: 's-arena', title: 'Arena small cells (6 nodes)' }],
          },
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
      cr2Id = raised.id!;
      const url = `${projectUrl}/change-requests/${cr2Id}`;
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

    it('5d. a second obligation, the customer’s approval of the detailed design, met four weeks late: LD accrue on the amended value, and the PMO waives half', async () => {
      const since = await headOf(contract);
      const designLd = {
        kind: 'liquidated-damages',
        ratePerWeekPct: 0.25,
        capPct: 5,
        graceDays: 0,
      };
      const registered = await created(
        `/api/contracts/${contractId}/obligations`,
        {
          kind: 'milestone',
          title: 'Detailed design approved by the customer',
          dueOn: '2024-12-13',
          evidenceRule: 'Design approval minutes signed by the customer',
          remedy: designLd,
          effectiveAt: '2024-09-16T15:00:00Z',
        },
        'sam',
      );
      designObligationId = registered.id!;
      const url = `/api/contracts/${contractId}/obligations/${designObligationId}`;
      await ok(
        `${url}/fulfilment`,
        { fulfilledOn: '2025-01-10', evidence: { kind: 'document', ref: 'MIN-2025-0110' } },
        'carla',
      );
      await ok(`${url}/liquidated-damages/accruals`, { asOf: '2025-01-10' }, 'carla');
      const waiver = {
        amount: eur(1_342_500),
        reason: 'Two of the four weeks were lost waiting for the customer’s review',
      };
      await ok(`${url}/liquidated-damages/waivers`, waiver, 'paula');

      // 28 days late, no grace: 4 started weeks × 0.25 % of the amended 268,500,000.
      expect(await appendedSince(contract, since)).toMatchObject([
        {
          type: 'ObligationRegistered',
          data: { obligationId: designObligationId, kind: 'milestone', remedy: designLd },
        },
        {
          type: 'ObligationFulfilled',
          data: { obligationId: designObligationId, fulfilledOn: '2025-01-10', onTime: false },
        },
        {
          type: 'LiquidatedDamagesAccrued',
          data: {
            obligationId: designObligationId,
            daysLate: 28,
            weeksLate: 4,
            amount: eur(2_685_000),
            accruedTotal: eur(2_685_000),
            cap: eur(13_425_000),
            accruedBy: 'carla',
          },
        },
        {
          type: 'LiquidatedDamagesWaived',
          data: { ...waiver, waivedTotal: eur(1_342_500), waivedBy: 'paula', authority: 'pmo' },
        },
      ]);
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
      const raisedThreat = await created(`${projectUrl}/risks`, threatBody, 'carla');
      threat = { id: raisedThreat.id!, streamId: raisedThreat.streamId };
      const threatUrl = `${projectUrl}/risks/${threat.id}`;
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

      const raisedOpportunity = await created(
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
      opportunity = { id: raisedOpportunity.id!, streamId: raisedOpportunity.streamId };
      await ok(
        `${projectUrl}/risks/${opportunity.id}/assessment`,
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

    it('6b. the mitigation works: the threat is reassessed (residual) and draws on its contingency; the opportunity is closed, no longer relevant', async () => {
      const threatUrl = `${projectUrl}/risks/${threat.id}`;
      await ok(
        `${threatUrl}/residual-assessment`,
        {
          probability: 1,
          impact: 4,
          costImpact: eur(15_000_000),
          scheduleDays: 7,
          nextReviewOn: '2025-07-15',
          effectiveAt: '2025-04-15T09:00:00Z',
        },
        'carla',
      );
      const draw = {
        amount: eur(2_000_000),
        reason: 'Air freight for the first twelve radio units',
      };
      await ok(`${threatUrl}/contingency-draws`, draw, 'carla');
      const closure = {
        reason: 'no-longer-relevant',
        note: 'The customer builds its fixed-wireless towers itself',
      };
      await ok(`${projectUrl}/risks/${opportunity.id}/close`, closure, 'carla');

      expect((await eventsOf(threat.streamId)).slice(4)).toMatchObject([
        {
          type: 'ResidualRiskAssessed',
          data: {
            score: 4,
            probabilityPercent: 10,
            expectedMonetaryValue: eur(-1_500_000),
            nextReviewOn: '2025-07-15',
          },
        },
        { type: 'ContingencyDrawn', data: { ...draw, remainingReserve: eur(3_000_000) } },
      ]);
      expect((await eventsOf(opportunity.streamId)).slice(2)).toMatchObject([
        { type: 'RiskClosed', data: { ...closure, closedBy: 'carla' } },
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
      acceptanceId = opened.id!;
      acceptanceStream = opened.streamId;
      acceptanceUrl = `${projectUrl}/acceptances/${acceptanceId}`;
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
        expect.objectContaining({
          reaction: 'project-records-final-acceptance',
          streamId: project,
        }),
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
      const received = await created(
        `${projectUrl}/complaints`,
        {
          receivedOn: '2025-06-03',
          channel: 'email',
          summary: 'Excavation left unfenced overnight next to the school at site N-12',
          customerContactRef: 'crm-contact-8812',
          hsRelated: true,
          effectiveAt: '2025-06-03T08:20:00Z',
        },
        'carla',
      );
      complaint = { id: received.id!, streamId: received.streamId };
      const complaintUrl = `${projectUrl}/complaints/${complaint.id}`;
      await ok(`${complaintUrl}/acknowledgement`, { effectiveAt: '2025-06-03T09:10:00Z' }, 'carla');
      await ok(
        `${complaintUrl}/assessment`,
        { severity: 'high', dueOn: '2025-06-05', effectiveAt: '2025-06-03T14:30:00Z' },
        'carla',
      );
      await ok(
        `${complaintUrl}/investigation`,
        {
          findings: 'The civil crew left before the fencing arrived; no end-of-day check',
          effectiveAt: '2025-06-04T17:00:00Z',
        },
        'carla',
      );

      const opened = await created(
        `${projectUrl}/corrective-actions`,
        {
          source: 'complaint',
          sourceRef: complaint.id,
          problemStatement: 'Excavations left unsecured at the end of the working day',
          effectiveAt: '2025-06-04T08:00:00Z',
        },
        'carla',
      );
      capa = { id: opened.id!, streamId: opened.streamId };
      await ok(
        `${complaintUrl}/corrective-action-link`,
        { capaId: capa.id, effectiveAt: '2025-06-04T08:05:00Z' },
        'carla',
      );

      const capaUrl = `${projectUrl}/corrective-actions/${capa.id}`;
      const criteria = [
        { criterionId: 'no-unsecured-90d', description: 'No unsecured excavation in 90 days' },
        { criterionId: 'checklist-signed', description: 'Close-out checklist signed daily' },
      ];
      await ok(
        `${capaUrl}/containment`,
        {
          actionTaken: 'N-12 fenced that evening; every open excavation checked',
          effectiveAt: '2025-06-04T18:00:00Z',
        },
        'carla',
      );
      await ok(
        `${capaUrl}/root-cause`,
        {
          method: '5-whys',
          statement: 'The civil works procedure has no end-of-day close-out',
          effectiveAt: '2025-06-06T10:00:00Z',
        },
        'carla',
      );
      await created(
        `${capaUrl}/actions`,
        {
          actionId: 'ca-1',
          description: 'Add an end-of-day excavation close-out checklist to the procedure',
          ownerId: 'carla',
          dueOn: '2025-06-20',
          effectiveAt: '2025-06-06T10:30:00Z',
        },
        'carla',
      );
      await ok(
        `${capaUrl}/actions/ca-1/complete`,
        { evidence: 'Civil works procedure rev. 5', effectiveAt: '2025-06-18T15:00:00Z' },
        'carla',
      );
      await ok(
        `${capaUrl}/effectiveness-criteria`,
        { criteria, effectiveAt: '2025-06-19T09:00:00Z' },
        'carla',
      );
      await ok(
        `${capaUrl}/effectiveness-checks`,
        {
          results: criteria.map(({ criterionId }) => ({ criterionId, met: true })),
          effectiveAt: '2025-09-04T09:00:00Z',
        },
        'carla',
      );
      await ok(
        `${capaUrl}/close`,
        {
          note: 'Verified effective after 90 days of spot checks',
          effectiveAt: '2025-09-05T16:00:00Z',
        },
        'carla',
      );

      await ok(
        `${complaintUrl}/response`,
        {
          response: 'Fencing is now checked at every end of day',
          respondedOn: '2025-06-05',
          effectiveAt: '2025-06-05T12:00:00Z',
        },
        'carla',
      );
      await ok(
        `${complaintUrl}/close`,
        { customerSatisfied: true, effectiveAt: '2025-06-06T10:00:00Z' },
        'carla',
      );

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
      expect(complaintEvents[6]!.data).toMatchObject({
        customerSatisfied: true,
        closedBy: 'carla',
      });

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
      const reported = await created(
        `${projectUrl}/incidents`,
        {
          occurredAt: '2025-05-14T10:40:00+02:00',
          siteId: 'site-N-07',
          description: 'Rigger cut a hand on a cable tray edge while fitting a radio unit',
          personRefs: ['emp-2291'],
        },
        'carla',
      );
      incident = { id: reported.id!, streamId: reported.streamId };
      const incidentUrl = `${projectUrl}/incidents/${incident.id}`;
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

    it('9b. the last reporting period: March closed (its figures frozen), October opened, every scope item reported complete, the ERP’s final invoice, October closed', async () => {
      const since = await headOf(project);
      await ok(`${projectUrl}/reporting-periods/2025-03/close`, {}, 'carla');
      await created(
        `${projectUrl}/reporting-periods`,
        { periodId: '2025-10', startsOn: '2025-10-01', endsOn: '2025-10-31' },
        'carla',
      );
      await created(
        `${projectUrl}/progress`,
        {
          reportId: 'rep-2025-10',
          periodId: '2025-10',
          items: ['s-core', 's-ran', 's-oss', 's-arena'].map((scopeItemId) => ({
            scopeItemId,
            percentComplete: 100,
          })),
        },
        'carla',
      );
      await created(
        `${projectUrl}/actual-costs`,
        { erpDocumentId: 'INV-2025-1030', amount: eur(158_750_000), postedOn: '2025-10-30' },
        'erp-bridge',
        { 'idempotency-key': 'erp-INV-2025-1030' },
      );
      await ok(`${projectUrl}/reporting-periods/2025-10/close`, {}, 'carla');
      expect(await typesAppendedSince(project, since)).toEqual([
        'ReportingPeriodClosed',
        'ReportingPeriodOpened',
        'ProgressReported',
        'ActualCostRecorded',
        'ReportingPeriodClosed',
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
        {
          kind: 'delivery-to-care',
          items: deliveryToCareItems,
          effectiveAt: '2025-10-13T09:00:00Z',
        },
        'carla',
      );
      deliveryToCare = { id: initiated.id!, streamId: initiated.streamId };
      const url = `${projectUrl}/handovers/${initiated.id!}`;
      for (const item of deliveryToCareItems) {
        await ok(
          `${url}/items/${item.id}/evidence`,
          { ref: `dms://north-ran/care/${item.id}`, effectiveAt: '2025-10-20T10:00:00Z' },
          'carla',
        );
        await ok(`${url}/items/${item.id}/accept`, { effectiveAt: '2025-10-30T14:00:00Z' }, 'cora');
      }
      const projectHead = await headOf(project);
      const approved = await ok(
        `${url}/approve`,
        { note: 'Care runs the cluster', effectiveAt: '2025-11-03T15:00:00Z' },
        'cora',
      );
      expect(approved.followUps).toEqual([
        expect.objectContaining({
          reaction: 'project-records-handover-outcome',
          streamId: project,
        }),
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
          actors: events.map(
            (event) => ends.find((entry) => entry.revision >= event.revision)?.sub,
          ),
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

    // ---- every read model, at the head of the log ---------------------------------------------

    /** The day the read models are asked about: the FAC, the scenario's last business date. */
    const asOf = '2026-10-12';

    /** GET with `minPosition` = the head of the log: 200, and X-Read-Position says the head. */
    const read = async <T = Record<string, unknown>>(path: string): Promise<T> => {
      const head = await t.store.headPosition();
      const url = `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`;
      const reply = await http.get(url, tokens.paula);
      expect({ url, status: reply.statusCode }).toEqual({ url, status: 200 });
      expect({ url, served: reply.headers['x-read-position'] }).toEqual({ url, served: `${head}` });
      return reply.json<T>();
    };

    /** One query per read-model endpoint, as step 13 asks it: step 14 asks them again. */
    const everyReadModelQuery = () => [
      `/api/projects?programId=${programId}`,
      projectUrl,
      `${projectUrl}/cssq-history`,
      `/api/contracts/${contractId}/compliance?asOf=${asOf}`,
      `${projectUrl}/risks?asOf=${asOf}`,
      `/api/programs/${programId}/risk-exposure?asOf=${asOf}`,
      `${projectUrl}/handovers?asOf=${asOf}`,
      `${projectUrl}/acceptances?asOf=${asOf}`,
      `${projectUrl}/complaints?asOf=${asOf}`,
      `${projectUrl}/corrective-actions?asOf=${asOf}`,
      `${projectUrl}/safety`,
      `/api/programs/${programId}/safety`,
      `/api/programs/${programId}/portfolio`,
    ];

    /** The `nth` event of `type` on the stream (whose times the read models must show as stored). */
    const eventOf = async (streamId: string, type: string, nth = 0): Promise<RecordedEvent> => {
      const found = (await eventsOf(streamId)).filter((event) => event.type === type)[nth];
      if (!found) throw new Error(`no ${type} #${nth} on ${streamId}`);
      return found;
    };
    const effectiveAtOf = async (streamId: string, type: string, nth = 0) =>
      (await eventOf(streamId, type, nth)).metadata.effectiveAt;
    const recordedAtOf = async (streamId: string, type: string, nth = 0) =>
      (await eventOf(streamId, type, nth)).recordedAt;

    it('13a. project summary and list: closed, original vs current baseline, no open CR, earned value at completion, green', async () => {
      const head = await t.store.headPosition();
      const events = await eventsOf(project);
      const milestones = (onAir: string, pac: string) => [
        { id: 'm-design', title: 'Detailed design approved', dueOn: '2024-12-13' },
        { id: 'm-on-air', title: '48 macro sites on air', dueOn: onAir },
        { id: 'm-pac', title: 'PAC of the cluster', dueOn: pac },
      ];
      const noAdjustment = { ev: null, ac: null, corrections: 0, lateCosts: 0 };
      const summary = {
        projectId,
        programId,
        contractId,
        name: 'North RAN cluster swap',
        status: 'closed',
        phase: 'closed',
        attachedToProgram: true,
        deliveryApproach: null,
        originalBaseline: {
          version: 1,
          budget: eur(185_000_000),
          scopeCount: 3,
          milestones: milestones('2025-07-31', '2025-09-30'),
        },
        currentBaseline: {
          version: 2,
          budget: eur(206_000_000),
          scopeCount: 4,
          milestones: milestones('2025-08-14', '2025-10-14'),
        },
        openChangeRequestIds: [],
        openChangeRequests: 0,
        // The threat stays open (handed to Care as a residual risk); the opportunity was closed.
        openRisks: 1,
        openHighThreats: 0,
        // Measured at the end of October: all four scope items complete, every milestone due.
        earnedValue: {
          statusDate: '2025-10-31',
          bac: eur(206_000_000),
          pv: eur(206_000_000),
          ev: eur(206_000_000),
          ac: eur(200_000_000),
          sv: eur(0),
          cv: eur(6_000_000),
          spi: 1,
          cpi: 1.03,
          eac: eur(200_000_000),
          eacAtBudgetRate: eur(200_000_000),
          etc: eur(0),
          vac: eur(6_000_000),
          tcpi: 0,
          percentComplete: 100,
          actualCostRecorded: eur(200_000_000),
        },
        reportingPeriods: [
          {
            periodId: '2025-03',
            startsOn: '2025-03-01',
            endsOn: '2025-03-31',
            status: 'closed',
            closedAt: await recordedAtOf(project, 'ReportingPeriodClosed', 0),
            // Frozen when closed (baseline v2, plan start 2024-10-01): PV = m-design fully planned
            // plus 108 of the 244 days to m-on-air, 206,000,000 × (244 + 108) / (3 × 244);
            // EV = 206,000,000 × (60 + 25) % / 4 items; AC = the March invoice.
            reported: { pv: eur(99_060_109), ev: eur(43_775_000), ac: eur(41_250_000) },
            adjustments: noAdjustment,
          },
          {
            periodId: '2025-10',
            startsOn: '2025-10-01',
            endsOn: '2025-10-31',
            status: 'closed',
            closedAt: await recordedAtOf(project, 'ReportingPeriodClosed', 1),
            reported: { pv: eur(206_000_000), ev: eur(206_000_000), ac: eur(200_000_000) },
            adjustments: noAdjustment,
          },
        ],
        latestForecast: null,
        health: 'green',
        healthRank: 2,
        healthReasons: [],
        healthAsOf: events.at(-1)!.recordedAt.slice(0, 10),
        createdAt: events[0]!.recordedAt,
        lastEventAt: events.at(-1)!.recordedAt,
      };
      expect(events.at(-1)!.type).toBe('ProjectClosed');

      expect(await read(projectUrl)).toEqual({ ...summary, position: head });
      expect(await read(`/api/projects?programId=${programId}`)).toEqual({
        items: [summary],
        total: 1,
        position: head,
      });
      expect(await read(`/api/projects?programId=${programId}&status=active`)).toEqual({
        items: [],
        total: 0,
        position: head,
      });
    });

    it('13b. CSSQ history: CR #1 approved (impacts, decider, customer signature, baseline v2), CR #2 rejected; cumulative deltas vs the original baseline', async () => {
      const head = await t.store.headPosition();
      const at = async (type: string, changeRequestId: string) =>
        (await eventsOf(project)).find(
          (event) => event.type === type && event.data['changeRequestId'] === changeRequestId,
        )!.recordedAt;
      const leadTime = async (id: string) =>
        Math.round(
          ((Date.parse(await at('ChangeRequestDecided', id)) -
            Date.parse(await at('ChangeRequestRaised', id))) /
            86_400_000) *
            100,
        ) / 100;
      const none = { impact: 'none' };
      const cr1 = {
        changeRequestId: cr1Id,
        title: 'Small cells for the Nordby arena',
        origin: 'customer',
        categories: ['scope', 'schedule', 'cost', 'contract'],
        requestedBy: 'carla',
        supersedes: null,
        raisedAt: await at('ChangeRequestRaised', cr1Id),
        impacts: {
          cost: { impact: 'change', budgetDelta: eur(21_000_000) },
          schedule: {
            impact: 'change',
            milestoneShifts: [
              { milestoneId: 'm-on-air', days: 14 },
              { milestoneId: 'm-pac', days: 14 },
            ],
          },
          scope: {
            impact: 'change',
            add: [{ id: 's-arena', title: 'Arena small cells (6 nodes)' }],
            remove: [],
          },
          quality: none,
          contractual: true,
          baselineVersion: 1,
          assessedBy: 'carla',
        },
        outcome: 'approved',
        decidedBy: 'bob',
        authority: 'project-manager',
        reason: 'Customer funds the arena cells under addendum 3; the PAC moves two weeks',
        decidedAt: await at('ChangeRequestDecided', cr1Id),
        leadTimeDays: await leadTime(cr1Id),
        customerSignatureRef: 'NT-ADD-003, signed 2025-04-22',
        resultingBaselineVersion: 2,
        applied: {
          budgetDelta: eur(21_000_000),
          scopeAdded: 1,
          scopeRemoved: 0,
          milestoneShiftDays: 28,
        },
        implementedAt: await at('ChangeRequestImplemented', cr1Id),
        closedAt: await at('ChangeRequestClosed', cr1Id),
        withdrawnAt: null,
        withdrawalReason: null,
      };
      const cr2 = {
        changeRequestId: cr2Id,
        title: 'Indoor racks instead of outdoor cabinets at four sites',
        origin: 'internal',
        categories: ['cost'],
        requestedBy: 'carla',
        supersedes: null,
        raisedAt: await at('ChangeRequestRaised', cr2Id),
        impacts: {
          cost: { impact: 'change', budgetDelta: eur(1_800_000) },
          schedule: none,
          scope: none,
          quality: none,
          contractual: false,
          baselineVersion: 2,
          assessedBy: 'carla',
        },
        outcome: 'rejected',
        decidedBy: 'bob',
        authority: 'project-manager',
        reason: 'Outdoor cabinets meet the specification; not worth the extra cost',
        decidedAt: await at('ChangeRequestDecided', cr2Id),
        leadTimeDays: await leadTime(cr2Id),
        customerSignatureRef: null,
        resultingBaselineVersion: null,
        applied: { budgetDelta: null, scopeAdded: 0, scopeRemoved: 0, milestoneShiftDays: 0 },
        implementedAt: null,
        closedAt: await at('ChangeRequestClosed', cr2Id),
        withdrawnAt: null,
        withdrawalReason: null,
      };
      expect(await read(`${projectUrl}/cssq-history`)).toEqual({
        projectId,
        changeRequests: [cr1, cr2],
        // Only the approved CR moved the baseline: +21,000,000, one item added, 2 × 14 days.
        cumulative: {
          budgetDelta: eur(21_000_000),
          scopeItemsAdded: 1,
          scopeItemsRemoved: 0,
          milestoneShiftDays: 28,
        },
        position: head,
      });
      const ids = async (dimension: string) =>
        (
          await read<{ changeRequests: { changeRequestId: string }[] }>(
            `${projectUrl}/cssq-history?dimension=${dimension}`,
          )
        ).changeRequests.map((entry) => entry.changeRequestId);
      expect(await ids('schedule')).toEqual([cr1Id]);
      expect(await ids('cost')).toEqual([cr1Id, cr2Id]);
      expect(await ids('quality')).toEqual([]);
    });

    it('13c. contract compliance: both obligations fulfilled (the PAC on time by the certificate, the design four weeks late), LD accrued, waived, capped per obligation', async () => {
      const head = await t.store.headPosition();
      const amended = await eventOf(contract, 'ContractAmended');
      const design = {
        obligationId: designObligationId,
        kind: 'milestone',
        title: 'Detailed design approved by the customer',
        status: 'fulfilled',
        evidenceRule: 'Design approval minutes signed by the customer',
        dueOn: '2024-12-13',
        measurementWindow: null,
        plannedOn: '2024-12-13',
        originalPlannedOn: '2024-12-13',
        forecastOn: null,
        forecastSlipDays: null,
        daysToDeadline: -668,
        actualOn: '2025-01-10',
        daysLate: 28,
        onTime: false,
        evidence: { kind: 'document', ref: 'MIN-2025-0110' },
        missed: null,
        remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.25, capPct: 5, graceDays: 0 },
        // 4 weeks × 0.25 % and a 5 % cap, both of the amended 268,500,000.
        liquidatedDamages: {
          accrued: eur(2_685_000),
          waived: eur(1_342_500),
          net: eur(1_342_500),
          forecast: eur(2_685_000),
          cap: eur(13_425_000),
          headroom: eur(10_740_000),
          capReached: false,
          accruedAsOf: '2025-01-10',
        },
        milestones: [],
      };
      const pac = {
        obligationId,
        kind: 'acceptance',
        title: 'Provisional acceptance of the North RAN cluster',
        status: 'fulfilled',
        evidenceRule: 'PAC signed by the customer',
        dueOn: '2025-10-14',
        measurementWindow: null,
        plannedOn: '2025-10-14',
        originalPlannedOn: '2025-09-30',
        forecastOn: '2025-10-14',
        forecastSlipDays: 0,
        daysToDeadline: -363,
        actualOn: '2025-10-10',
        daysLate: 0,
        onTime: true,
        evidence: { kind: 'acceptance-certificate', ref: pacId },
        missed: null,
        remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 },
        liquidatedDamages: {
          accrued: eur(0),
          waived: eur(0),
          net: eur(0),
          forecast: eur(0),
          cap: eur(26_850_000),
          headroom: eur(26_850_000),
          capReached: false,
          accruedAsOf: null,
        },
        milestones: [
          {
            projectId,
            milestoneId: 'm-pac',
            title: 'PAC of the cluster',
            baselineDueOn: '2025-10-14',
            forecastOn: null,
          },
        ],
      };
      expect(await read(`/api/contracts/${contractId}/compliance?asOf=${asOf}`)).toEqual({
        contractId,
        programId,
        customerId: 'cust-nordtel',
        title: 'North RAN modernisation: supply, install, integrate',
        value: eur(268_500_000),
        originalValue: eur(240_000_000),
        signedOn: '2024-09-16',
        keyProject: null,
        amendments: [
          {
            amendmentId: amended.data['amendmentId'],
            changeRequestId: cr1Id,
            projectId,
            summary: 'Addendum 3: six arena small cells; PAC moved by two weeks',
            customerSignatureRef: 'NT-ADD-003, signed 2025-04-22',
            amendedBy: 'carla',
            amendedAt: amended.recordedAt,
          },
        ],
        asOf,
        counts: { due: 0, atRisk: 0, fulfilled: 2, missed: 0, total: 2 },
        obligations: [design, pac],
        liquidatedDamages: {
          accrued: eur(2_685_000),
          waived: eur(1_342_500),
          net: eur(1_342_500),
          forecast: eur(2_685_000),
          cap: eur(40_275_000),
          headroom: eur(37_590_000),
        },
        position: head,
      });
    });

    it('13d. risk register and program exposure: the open threat at its residual exposure (review overdue by the FAC), the closed opportunity out of the EMV', async () => {
      const head = await t.store.headPosition();
      const grid = (probability = 0, impact = 0) =>
        Array.from({ length: 5 }, (_, row) =>
          Array.from({ length: 5 }, (__, column) =>
            row === probability - 1 && column === impact - 1 ? 1 : 0,
          ),
        );
      const threatItem = {
        riskId: threat.id,
        projectId,
        kind: 'threat',
        category: 'supply-chain',
        title: 'Late delivery of radio units',
        cause: 'A single supplier for the AAU radio units',
        event: 'Radio units arrive after the rollout window opens',
        effect: 'Site integration slips by up to three weeks',
        raisedBy: 'carla',
        status: 'open',
        closeReason: null,
        ownerId: 'lars',
        response: {
          strategy: 'mitigate',
          description: 'Qualify a second supplier and pull the first twelve units forward',
          contingencyReserve: eur(5_000_000),
        },
        contingencyDrawn: eur(2_000_000),
        inherent: {
          probability: 3,
          probabilityPercent: 50,
          impact: 4,
          score: 12,
          costImpact: eur(15_000_000),
          scheduleDays: 21,
          expectedMonetaryValue: eur(-7_500_000),
          assessedBy: 'carla',
          assessedAt: await recordedAtOf(threat.streamId, 'RiskAssessed'),
        },
        residual: {
          probability: 1,
          probabilityPercent: 10,
          impact: 4,
          score: 4,
          costImpact: eur(15_000_000),
          scheduleDays: 7,
          expectedMonetaryValue: eur(-1_500_000),
          assessedBy: 'carla',
          assessedAt: await recordedAtOf(threat.streamId, 'ResidualRiskAssessed'),
        },
        nextReviewOn: '2025-07-15',
        escalation: null,
        actions: [],
        occurrence: null,
        raisedAt: await recordedAtOf(threat.streamId, 'RiskRaised'),
        lastEventAt: (await lastOf(threat.streamId)).recordedAt,
        score: 4,
        reviewOverdue: true,
        openActions: 0,
        overdueActions: 0,
        contingencyRemaining: eur(3_000_000),
      };
      const opportunityItem = {
        riskId: opportunity.id,
        projectId,
        kind: 'opportunity',
        category: 'commercial',
        title: 'Share towers with the customer’s fixed-wireless rollout',
        cause: 'The customer builds fixed-wireless access in the same villages',
        event: 'Both rollouts agree to share eight towers',
        effect: 'Fewer civil works and leases for us',
        raisedBy: 'carla',
        status: 'closed',
        closeReason: 'no-longer-relevant',
        ownerId: null,
        response: null,
        contingencyDrawn: null,
        inherent: {
          probability: 2,
          probabilityPercent: 30,
          impact: 3,
          score: 6,
          costImpact: eur(4_000_000),
          scheduleDays: null,
          expectedMonetaryValue: eur(1_200_000),
          assessedBy: 'carla',
          assessedAt: await recordedAtOf(opportunity.streamId, 'RiskAssessed'),
        },
        residual: null,
        nextReviewOn: null,
        escalation: null,
        actions: [],
        occurrence: null,
        raisedAt: await recordedAtOf(opportunity.streamId, 'RiskRaised'),
        lastEventAt: (await lastOf(opportunity.streamId)).recordedAt,
        score: 6,
        reviewOverdue: false,
        openActions: 0,
        overdueActions: 0,
        contingencyRemaining: null,
      };
      // Only open risks count in the heat maps and the EMV; closed ones not in the contingency.
      const summary = {
        counts: { total: 2, open: 1, occurred: 0, closed: 1, unassessed: 0, escalated: 0 },
        heatMap: {
          threat: { inherent: grid(3, 4), residual: grid(1, 4) },
          opportunity: { inherent: grid(), residual: grid() },
        },
        emv: [
          {
            currency: 'EUR',
            threat: { inherent: eur(-7_500_000), residual: eur(-1_500_000) },
            opportunity: { inherent: eur(0), residual: eur(0) },
            net: { inherent: eur(-7_500_000), residual: eur(-1_500_000) },
          },
        ],
        overdue: { reviews: 1, actions: 0, risksWithOverdueActions: 0 },
        contingency: [
          {
            currency: 'EUR',
            reserve: eur(5_000_000),
            drawn: eur(2_000_000),
            remaining: eur(3_000_000),
          },
        ],
      };
      expect(await read(`${projectUrl}/risks?asOf=${asOf}`)).toEqual({
        projectId,
        programId,
        asOf,
        summary,
        // Highest current score first: the opportunity (6) before the mitigated threat (4).
        items: [opportunityItem, threatItem],
        total: 2,
        position: head,
      });
      expect(await read(`/api/programs/${programId}/risk-exposure?asOf=${asOf}`)).toEqual({
        programId,
        name: 'RAN modernisation, region North',
        asOf,
        summary,
        projects: [{ projectId, name: 'North RAN cluster swap', summary }],
        position: head,
      });
      // Before the review date nothing is overdue.
      const early = await read<{ summary: typeof summary; items: { reviewOverdue: boolean }[] }>(
        `${projectUrl}/risks?asOf=2025-07-01`,
      );
      expect(early.summary.overdue).toEqual({ reviews: 0, actions: 0, risksWithOverdueActions: 0 });
      expect(early.items.map((item) => item.reviewOverdue)).toEqual([false, false]);
    });

    it('13e. handover readiness (both approved, every mandatory item accepted) and the acceptance tracker (finally accepted, nothing open)', async () => {
      const head = await t.store.headPosition();
      /** The checklist as handed over: every item but the optional stakeholder map accepted. */
      const itemsOf = (
        checklist: readonly { id: string; title: string; mandatory: boolean }[],
        by: {
          ref: string;
          submittedBy: string;
          submittedAt: string;
          reviewedBy: string;
          reviewedAt: string;
          reviewNote: string | null;
        },
      ) =>
        checklist.map(({ id, title, mandatory }) =>
          id === 'stakeholder-map'
            ? {
                id,
                title,
                mandatory,
                state: 'open',
                evidence: null,
                submittedBy: null,
                submittedAt: null,
                reviewedBy: null,
                reviewedAt: null,
                reviewNote: null,
                rejectionReason: null,
                condition: null,
              }
            : {
                id,
                title,
                mandatory,
                state: 'accepted',
                evidence: { ref: `${by.ref}${id}`, note: null },
                submittedBy: by.submittedBy,
                submittedAt: by.submittedAt,
                reviewedBy: by.reviewedBy,
                reviewedAt: by.reviewedAt,
                reviewNote: by.reviewNote,
                rejectionReason: null,
                condition: null,
              },
        );
      const sellToExecuteView = {
        handoverId: sellToExecute.id,
        projectId,
        kind: 'sell-to-execute',
        status: 'approved',
        items: itemsOf(sellToExecuteItems, {
          ref: 'dms://north-ran/',
          submittedBy: 'sam',
          submittedAt: '2024-09-20T10:00:00.000Z',
          reviewedBy: 'carla',
          reviewedAt: '2024-10-02T11:00:00.000Z',
          reviewNote: 'Reviewed with sales',
        }),
        initiatedBy: 'sam',
        initiatedAt: '2024-09-17T09:00:00.000Z',
        senderAuthority: 'sales',
        accountable: 'carla',
        approvedBy: 'carla',
        approvedAt: '2024-10-04T16:00:00.000Z',
        receiverAuthority: 'project-manager',
        approvalNote: 'Complete; LD clause noted',
        rejectedBy: null,
        rejectedAt: null,
        rejectionReason: null,
        lastEventAt: '2024-10-04T16:00:00.000Z',
        // The optional stakeholder map was never handed over: it blocks nothing.
        readiness: {
          mandatoryItems: 10,
          mandatoryAccepted: 10,
          mandatoryAcceptedPct: 100,
          blockingItems: [],
          ageDays: 17,
          holder: { side: 'receiver', personId: 'carla', role: 'project-manager' },
        },
      };
      const deliveryToCareView = {
        handoverId: deliveryToCare.id,
        projectId,
        kind: 'delivery-to-care',
        status: 'approved',
        items: itemsOf(deliveryToCareItems, {
          ref: 'dms://north-ran/care/',
          submittedBy: 'carla',
          submittedAt: '2025-10-20T10:00:00.000Z',
          reviewedBy: 'cora',
          reviewedAt: '2025-10-30T14:00:00.000Z',
          reviewNote: null,
        }),
        initiatedBy: 'carla',
        initiatedAt: '2025-10-13T09:00:00.000Z',
        senderAuthority: 'project-manager',
        accountable: 'cora',
        approvedBy: 'cora',
        approvedAt: '2025-11-03T15:00:00.000Z',
        receiverAuthority: 'care',
        approvalNote: 'Care runs the cluster',
        rejectedBy: null,
        rejectedAt: null,
        rejectionReason: null,
        lastEventAt: '2025-11-03T15:00:00.000Z',
        readiness: {
          mandatoryItems: 9,
          mandatoryAccepted: 9,
          mandatoryAcceptedPct: 100,
          blockingItems: [],
          ageDays: 21,
          holder: { side: 'receiver', personId: 'cora', role: 'care' },
        },
      };
      expect(await read(`${projectUrl}/handovers?asOf=${asOf}`)).toEqual({
        projectId,
        programId,
        asOf,
        handovers: [sellToExecuteView, deliveryToCareView],
        position: head,
      });

      const acceptance = {
        acceptanceId,
        projectId,
        object: {
          kind: 'cluster',
          ref: 'CL-NORTH-01',
          title: 'North RAN cluster with arena cells',
        },
        obligation: { contractId, obligationId, fulfilledBy: 'pac' },
        warrantyMonths: 12,
        status: 'finally-accepted',
        openedBy: 'carla',
        openedAt: await effectiveAtOf(acceptanceStream, 'AcceptanceOpened'),
        tests: [
          {
            testId: 'sat-1',
            scheduledOn: '2025-09-22',
            result: 'passed',
            resultRecordedAt: await effectiveAtOf(acceptanceStream, 'AcceptanceTestResultRecorded'),
          },
        ],
        latestResult: 'passed',
        punchItems: [
          {
            itemId: 'pi-a',
            severity: 'A',
            description: 'Mast grounding missing, N-17',
            raisedAt: await effectiveAtOf(acceptanceStream, 'PunchItemRaised', 0),
            clearedAt: await effectiveAtOf(acceptanceStream, 'PunchItemCleared', 0),
          },
          {
            itemId: 'pi-b',
            severity: 'B',
            description: 'Cabinet labels faded, N-03',
            raisedAt: await effectiveAtOf(acceptanceStream, 'PunchItemRaised', 1),
            clearedAt: await effectiveAtOf(acceptanceStream, 'PunchItemCleared', 1),
          },
        ],
        openPunchItems: { A: 0, B: 0 },
        pac: {
          certificateId: 'pac-cl-north-01',
          issuedOn: '2025-10-10',
          fulfilsObligation: true,
          warrantyStartsOn: '2025-10-10',
          warrantyEndsOn: '2026-10-10',
          reservations: 1,
        },
        fac: { certificateId: 'fac-cl-north-01', issuedOn: '2026-10-12', fulfilsObligation: false },
        rejections: [],
        lastEventAt: await effectiveAtOf(acceptanceStream, 'FinalAcceptanceCertificateIssued'),
      };
      const summary = {
        total: 1,
        byStatus: { open: 0, 'provisionally-accepted': 0, 'finally-accepted': 1 },
        openPunchItems: { A: 0, B: 0 },
        blockedByPunchItems: 0,
        finalAcceptanceDue: 0,
      };
      expect(await read(`${projectUrl}/acceptances?asOf=${asOf}`)).toEqual({
        projectId,
        programId,
        asOf,
        summary,
        acceptances: [
          { ...acceptance, warranty: { warrantyElapsed: true, finalAcceptanceDue: false } },
        ],
        position: head,
      });
      expect(await read(`${projectUrl}/acceptances?asOf=2026-06-01`)).toMatchObject({
        summary,
        acceptances: [{ warranty: { warrantyElapsed: false, finalAcceptanceDue: false } }],
      });
    });

    it('13f. complaint and CAPA logs: the H&S complaint closed satisfied in 3 days, its CAPA closed effective after 93', async () => {
      const head = await t.store.headPosition();
      expect(await read(`${projectUrl}/complaints?asOf=${asOf}`)).toEqual({
        projectId,
        programId,
        asOf,
        summary: {
          total: 1,
          open: 0,
          overdue: 0,
          hsRelatedOpen: 0,
          byStatus: {
            received: 0,
            acknowledged: 0,
            assessed: 0,
            investigated: 0,
            responded: 0,
            closed: 1,
            reopened: 0,
          },
          closedSatisfied: 1,
          closedDissatisfied: 0,
        },
        complaints: [
          {
            complaintId: complaint.id,
            projectId,
            receivedOn: '2025-06-03',
            channel: 'email',
            summary: 'Excavation left unfenced overnight next to the school at site N-12',
            customerContactRef: 'crm-contact-8812',
            hsRelated: true,
            receivedBy: 'carla',
            status: 'closed',
            acknowledgedAt: '2025-06-03T09:10:00.000Z',
            severity: 'high',
            priority: 'top',
            assessedOn: '2025-06-03',
            dueOn: '2025-06-05',
            investigatedAt: '2025-06-04T17:00:00.000Z',
            respondedOn: '2025-06-05',
            closedOn: '2025-06-06',
            customerSatisfied: true,
            closeNote: null,
            reopenCount: 0,
            lastReopenReason: null,
            capaIds: [capa.id],
            lastEventAt: '2025-06-06T10:00:00.000Z',
            overdue: false,
            daysOverdue: 0,
            daysOpen: 3,
          },
        ],
        position: head,
      });

      expect(await read(`${projectUrl}/corrective-actions?asOf=${asOf}`)).toEqual({
        projectId,
        programId,
        asOf,
        summary: {
          total: 1,
          open: 0,
          byStage: {
            containment: 0,
            'root-cause': 0,
            actions: 0,
            'effectiveness-check': 0,
            closed: 1,
          },
          bySource: { complaint: 1, incident: 0, audit: 0, lesson: 0 },
          effective: 1,
          notEffective: 0,
          notChecked: 0,
          overdueActions: 0,
        },
        correctiveActions: [
          {
            capaId: capa.id,
            projectId,
            source: 'complaint',
            sourceRef: complaint.id,
            problemStatement: 'Excavations left unsecured at the end of the working day',
            openedBy: 'carla',
            openedAt: '2025-06-04T08:00:00.000Z',
            stage: 'closed',
            containment: {
              actionTaken: 'N-12 fenced that evening; every open excavation checked',
              recordedAt: '2025-06-04T18:00:00.000Z',
            },
            rootCause: {
              method: '5-whys',
              statement: 'The civil works procedure has no end-of-day close-out',
              recordedAt: '2025-06-06T10:00:00.000Z',
              revisions: 0,
            },
            actions: [
              {
                actionId: 'ca-1',
                description: 'Add an end-of-day excavation close-out checklist to the procedure',
                ownerId: 'carla',
                dueOn: '2025-06-20',
                completedAt: '2025-06-18T15:00:00.000Z',
              },
            ],
            actionsSinceLastCheck: 0,
            criteria: [
              {
                criterionId: 'no-unsecured-90d',
                description: 'No unsecured excavation in 90 days',
              },
              { criterionId: 'checklist-signed', description: 'Close-out checklist signed daily' },
            ],
            checks: [
              {
                checkNumber: 1,
                effective: true,
                results: [
                  { criterionId: 'no-unsecured-90d', met: true, observation: null },
                  { criterionId: 'checklist-signed', met: true, observation: null },
                ],
                checkedBy: 'carla',
                checkedAt: '2025-09-04T09:00:00.000Z',
              },
            ],
            effective: true,
            closedAt: '2025-09-05T16:00:00.000Z',
            closeNote: 'Verified effective after 90 days of spot checks',
            lastEventAt: '2025-09-05T16:00:00.000Z',
            overdueActions: 0,
            openActions: 0,
            daysOpen: 93,
          },
        ],
        position: head,
      });
    });

    it('13g. H&S register, project and program: one recordable in 1,920 hours (TRIR 104.17, LTIFR 0); no hours in the period asked, no rate (null)', async () => {
      const head = await t.store.headPosition();
      const figures = {
        exposureHours: 1920,
        incidents: 1,
        byClass: {
          fatality: 0,
          'lost-time-injury': 0,
          'restricted-work': 0,
          'medical-treatment': 1,
          'first-aid': 0,
          'near-miss': 0,
          unclassified: 0,
        },
        recordables: 1,
        lostTimeInjuries: 0,
        lostDays: 0,
        reclassified: 0,
        openIncidents: 0,
        openInvestigations: 0,
        // 1 × 200,000 / 1,920 = 104.1666… and 0 × 1,000,000 / 1,920.
        trir: { value: 104.17, count: 1, hours: 1920, baseHours: 200_000 },
        ltifr: { value: 0, count: 0, hours: 1920, baseHours: 1_000_000 },
      };
      const wholeHistory = { from: null, to: null };
      expect(await read(`${projectUrl}/safety`)).toEqual({
        projectId,
        programId,
        period: wholeHistory,
        figures,
        incidents: [
          {
            incidentId: incident.id,
            siteId: 'site-N-07',
            occurredAt: '2025-05-14T10:40:00+02:00',
            reportedAt: await effectiveAtOf(incident.streamId, 'SafetyIncidentReported'),
            description: 'Rigger cut a hand on a cable tray edge while fitting a radio unit',
            peopleInvolved: 1,
            status: 'closed',
            classification: 'medical-treatment',
            originalClassification: 'medical-treatment',
            reclassifications: [],
            recordable: true,
            lostTimeInjury: false,
            lostDays: 0,
            investigatedAt: await effectiveAtOf(incident.streamId, 'SafetyIncidentInvestigated'),
            rootCauseRef: null,
            closedAt: await effectiveAtOf(incident.streamId, 'SafetyIncidentClosed'),
          },
        ],
        exposure: [{ periodId: '2025-05', hours: 1920 }],
        position: head,
      });
      expect(await read(`/api/programs/${programId}/safety`)).toEqual({
        programId,
        period: wholeHistory,
        figures,
        projects: [{ projectId, name: 'North RAN cluster swap', figures }],
        position: head,
      });

      const noRate = (baseHours: number) => ({ value: null, count: 0, hours: 0, baseHours });
      const quiet = {
        ...figures,
        exposureHours: 0,
        incidents: 0,
        byClass: { ...figures.byClass, 'medical-treatment': 0 },
        recordables: 0,
        trir: noRate(200_000),
        ltifr: noRate(1_000_000),
      };
      const period = { from: '2025-06', to: '2025-12' };
      expect(
        await read(`/api/programs/${programId}/safety?from=${period.from}&to=${period.to}`),
      ).toEqual({
        programId,
        period,
        figures: quiet,
        projects: [{ projectId, name: 'North RAN cluster swap', figures: quiet }],
        position: head,
      });
    });

    it('13h. program portfolio: closed, its one project closed (so out of the health counts and the worst list), the money at completion', async () => {
      const head = await t.store.headPosition();
      expect(await read(`/api/programs/${programId}/portfolio`)).toEqual({
        programId,
        name: 'RAN modernisation, region North',
        status: 'closed',
        projects: 1,
        byHealth: { red: 0, amber: 0, green: 0, unknown: 0 },
        byPhase: { 'set-up': 0, baselined: 0, execution: 0, closing: 0, closed: 1 },
        byStatus: { active: 0, closed: 1 },
        totals: [
          {
            currency: 'EUR',
            projects: 1,
            measuredProjects: 1,
            bacOriginal: eur(185_000_000),
            bacCurrent: eur(206_000_000),
            pv: eur(206_000_000),
            ev: eur(206_000_000),
            ac: eur(200_000_000),
            spi: 1,
            cpi: 1.03,
          },
        ],
        openChangeRequests: 0,
        openRisks: 1,
        openHighThreats: 0,
        worstProjects: [],
        position: head,
      });
    });

    it('13i. every answer keeps the conventions: money is {amount, currency}, absent is null, no store fields, siblings alike', async () => {
      const queries = [
        ...everyReadModelQuery(),
        // Earlier days too, while obligations, risks and handovers were still open.
        `/api/contracts/${contractId}/compliance?asOf=2024-12-01`,
        `${projectUrl}/risks?asOf=2025-07-01`,
        `${projectUrl}/handovers?asOf=2024-09-30`,
        `/api/programs/${programId}/risk-exposure?asOf=2025-07-01`,
      ];
      const breaches: string[] = [];
      for (const query of queries) breaches.push(...conventionBreaches(await read(query), query));
      expect(breaches).toEqual([]);
    });

    it('14. every read model rebuilt from the log (admin routes) holds the very same documents and gives the very same answers', async () => {
      const head = await t.store.headPosition();
      const readStore = t.app.get<ReadStore>(READ_STORE);
      interface Status {
        name: string;
        collection: string;
        checkpoint: number;
        head: number;
        documents: number;
        rebuild: { state: string; position: number; documents: number | null } | null;
      }
      const listed = await http.get('/api/admin/read-models', tokens.olga);
      expect(listed.statusCode).toBe(200);
      const models = listed.json<{ items: Status[] }>().items;
      expect(models.map(({ name }) => name)).toEqual([
        'project-summaries',
        'portfolio-programs',
        'cssq-history',
        'contract-compliance',
        'risk-register',
        'handover-readiness',
        'acceptance-tracker',
        'complaint-log',
        'capa-log',
        'safety-register',
      ]);
      // Every one has applied the whole log.
      expect(models.map(({ name, checkpoint }) => ({ name, checkpoint }))).toEqual(
        models.map(({ name }) => ({ name, checkpoint: head })),
      );

      const documentsOf = (collection: string) => readStore.find<ReadDocument>(collection);
      const documents = new Map<string, ReadDocument[]>();
      for (const { name, collection, documents: count } of models) {
        const stored = await documentsOf(collection);
        expect({ name, count: stored.length }).toEqual({ name, count });
        documents.set(name, stored);
      }
      const answers = [];
      for (const query of everyReadModelQuery()) answers.push({ query, body: await read(query) });

      for (const { name } of models) {
        const started = await http.postAs(`/api/admin/read-models/${name}/rebuild`, tokens.olga);
        expect({ name, status: started.statusCode }).toEqual({ name, status: 202 });
        expect(started.json()).toMatchObject({
          readModel: name,
          state: 'running',
          requestedBy: 'olga',
        });
        let status: Status;
        const deadline = Date.now() + 20_000;
        do {
          await new Promise((resolve) => setTimeout(resolve, 10));
          status = (await http.get(`/api/admin/read-models/${name}`, tokens.olga)).json<Status>();
        } while (status.rebuild?.state === 'running' && Date.now() < deadline);
        const count = documents.get(name)!.length;
        expect(status).toMatchObject({
          name,
          checkpoint: head,
          head,
          documents: count,
          rebuild: { state: 'swapped', position: head, documents: count },
        });
      }

      for (const { name, collection } of models) {
        expect({ name, documents: await documentsOf(collection) }).toEqual({
          name,
          documents: documents.get(name),
        });
      }
      for (const { query, body } of answers) {
        expect({ query, body: await read(query) }).toEqual({ query, body });
      }
      // Reading and rebuilding appended nothing.
      expect(await t.store.headPosition()).toBe(head);
    });
  },
);
