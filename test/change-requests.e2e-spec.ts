import { randomUUID } from 'node:crypto';
import { CommandExecutor, type CommandContext } from '@ledger/command-path';
import { contractStreamId, type ContractCommand, contractAggregate } from '@ledger/domain';
import { verifyChain, type RecordedEvent } from '@ledger/event-store';
import { createProject } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem, expectRefused } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

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

const raiseBody = {
  title: 'Add the depot sites',
  origin: 'customer',
  categories: ['scope', 'cost', 'schedule', 'quality'],
  justification: 'The customer opened a new depot',
};

const none = { impact: 'none' };
const noImpact = { cost: none, schedule: none, scope: none, quality: none };
const fullImpact = {
  cost: { impact: 'change', budgetDelta: { amount: 12_500_000, currency: 'EUR' } },
  schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm2', days: 21 }] },
  scope: { impact: 'change', add: [{ id: 's3', title: 'Depot sites' }], remove: ['s2'] },
  quality: {
    impact: 'change',
    criteria: [{ id: 'q2', criterion: 'Latency', target: '< 5 ms' }],
  },
};

describe('Change requests over HTTP', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(
      tokens,
      await tokensFor(t, {
        alice: { roles: ['project-manager'] },
        bob: { roles: ['project-manager'] },
        paula: { roles: ['pmo'] },
        audrey: { roles: ['auditor'] },
      }),
    );
  });
  afterAll(() => t.close());

  const http = httpClient(() => t);
  const post = http.postAs;

  const events = (streamId: string): Promise<RecordedEvent[]> => t.store.readStream(streamId);

  /** A program, a contract registered in it (contracts' routes are another feature's) and a baselined project. */
  const baselinedProject = async () => {
    const program = await post('/api/programs', tokens.paula!, {
      name: 'Metro fibre',
      customerId: 'cust-1',
      customerName: 'Nordic Telco',
    });
    const programId = program.json().id as string;
    const contractId = `ct-${randomUUID()}`;
    const context: CommandContext = {
      actor: { sub: 'sam', roles: ['sales'] },
      correlationId: randomUUID(),
      commandId: randomUUID(),
    };
    await t.app.get(CommandExecutor).execute(
      contractAggregate,
      contractStreamId(contractId),
      (meta): ContractCommand => ({
        type: 'RegisterContract',
        data: {
          contractId,
          programId,
          customerId: 'cust-1',
          title: 'Frame contract',
          value: { amount: 500_000_000, currency: 'EUR' },
          signedOn: '2026-01-15',
        },
        meta,
      }),
      context,
    );
    const projectId = await createProject(http, tokens.alice!, {
      programId,
      contractId,
      name: 'Ring 1',
    });
    const url = `/api/projects/${projectId}`;
    expect((await post(`${url}/baseline`, tokens.alice!, baselineBody)).statusCode).toBe(200);
    return { projectId, url, streamId: `project-${projectId}` };
  };

  const raise = async (url: string, token: string, body: unknown = raiseBody) => {
    const response = await post(`${url}/change-requests`, token, body);
    expect(response.statusCode).toBe(201);
    return `${url}/change-requests/${response.json().id as string}`;
  };

  describe('the CSSQ flow', () => {
    it('raised by alice, assessed, refused to alice (segregation of duties), approved by bob in one append with the CSSQ facts', async () => {
      const { projectId, url, streamId } = await baselinedProject();
      const raised = await post(`${url}/change-requests`, tokens.alice!, raiseBody);
      expect(raised.statusCode).toBe(201);
      const crId = raised.json().id as string;
      expect(raised.json()).toMatchObject({ id: crId, streamId, revision: 2 });
      const cr = `${url}/change-requests/${crId}`;

      expect((await post(`${cr}/assessment`, tokens.alice!, fullImpact)).statusCode).toBe(200);
      const decision = { outcome: 'approved', reason: 'Customer funds the depot' };
      expectProblem(
        await post(`${cr}/decision`, tokens.alice!, decision),
        403,
        'requester-cannot-decide',
      );

      const approved = await post(`${cr}/decision`, tokens.bob!, decision);
      expect(approved.statusCode).toBe(200);
      const stream = await events(streamId);
      const appended = stream.slice(4);
      expect(appended.map((e) => e.type)).toEqual([
        'ChangeRequestDecided',
        'ScopeChanged',
        'ScheduleChanged',
        'BudgetChanged',
        'QualityCriteriaChanged',
        'BaselineRevised',
      ]);
      // One atomic append: one command, consecutive revisions, the response names its end.
      expect(new Set(appended.map((e) => e.metadata.commandId)).size).toBe(1);
      expect(appended.map((e) => e.revision)).toEqual([4, 5, 6, 7, 8, 9]);
      expect(approved.json()).toMatchObject({ revision: 9, position: appended.at(-1)!.position });
      expect(verifyChain(stream).ok).toBe(true);

      const data = (type: string) => appended.find((e) => e.type === type)!.data;
      expect(data('ChangeRequestDecided')).toEqual({
        projectId,
        changeRequestId: crId,
        outcome: 'approved',
        reason: decision.reason,
        decidedBy: 'bob',
        authority: 'project-manager',
      });
      expect(data('ScopeChanged')).toMatchObject({
        added: [{ id: 's3', title: 'Depot sites' }],
        removed: [{ id: 's2', title: 'Access sites' }],
      });
      expect(data('ScheduleChanged')).toMatchObject({
        milestoneShifts: [{ milestoneId: 'm2', days: 21, from: '2026-12-15', to: '2027-01-05' }],
      });
      expect(data('BudgetChanged')).toMatchObject({
        newBudget: { amount: 112_500_000, currency: 'EUR' },
      });
      expect(data('BaselineRevised')).toMatchObject({ changeRequestId: crId, version: 2 });

      // A decision is final.
      expectProblem(
        await post(`${cr}/decision`, tokens.bob!, { outcome: 'rejected', reason: 'Changed mind' }),
        409,
        'change-request-already-decided',
      );
      // The baseline still changes only through a change request.
      expectProblem(
        await post(`${url}/baseline`, tokens.alice!, {
          ...baselineBody,
          budget: { amount: 1, currency: 'EUR' },
        }),
        409,
        'baseline-already-established',
      );
    });

    it('a second change request: no decision before assessment, then rejected (decision only), closed, and revisited by a superseding one', async () => {
      const { url, streamId } = await baselinedProject();
      const cr = await raise(url, tokens.alice!);
      expectProblem(
        await post(`${cr}/decision`, tokens.bob!, { outcome: 'approved', reason: 'ok' }),
        422,
        'impact-assessment-required',
      );
      expect((await post(`${cr}/assessment`, tokens.alice!, noImpact)).statusCode).toBe(200);
      const rejected = await post(`${cr}/decision`, tokens.bob!, {
        outcome: 'rejected',
        reason: 'Not in the customer budget',
      });
      expect(rejected.statusCode).toBe(200);
      expect((await post(`${cr}/close`, tokens.alice!)).statusCode).toBe(200);

      const crId = cr.split('/').at(-1)!;
      const revisit = await post(`${url}/change-requests`, tokens.alice!, {
        ...raiseBody,
        title: 'Depot sites, reduced',
        supersedes: crId,
      });
      expect(revisit.statusCode).toBe(201);

      const stream = await events(streamId);
      expect(stream.slice(2).map((e) => e.type)).toEqual([
        'ChangeRequestRaised',
        'ChangeRequestImpactAssessed',
        'ChangeRequestDecided',
        'ChangeRequestClosed',
        'ChangeRequestRaised',
      ]);
      expect(stream[4]!.data).toMatchObject({ outcome: 'rejected', decidedBy: 'bob' });
      expect(stream[6]!.data).toMatchObject({
        changeRequestId: revisit.json().id,
        supersedes: crId,
        requestedBy: 'alice',
      });
    });

    it('a contractual change request needs the customer approval before it is implemented', async () => {
      const { url, streamId } = await baselinedProject();
      const cr = await raise(url, tokens.alice!, {
        ...raiseBody,
        categories: ['contract', 'cost'],
      });
      await post(`${cr}/assessment`, tokens.alice!, { ...noImpact, cost: fullImpact.cost });
      await post(`${cr}/decision`, tokens.paula!, { outcome: 'approved', reason: 'Signed off' });
      expectProblem(
        await post(`${cr}/implement`, tokens.alice!),
        422,
        'customer-approval-required',
      );
      const approval = await post(`${cr}/customer-approval`, tokens.alice!, {
        customerSignatureRef: 'DocuSign 4F2A',
      });
      expect(approval.statusCode).toBe(200);
      expect((await post(`${cr}/implement`, tokens.alice!, {})).statusCode).toBe(200);
      expect((await post(`${cr}/close`, tokens.alice!)).statusCode).toBe(200);

      const stream = await events(streamId);
      expect(stream.slice(2).map((e) => e.type)).toEqual([
        'ChangeRequestRaised',
        'ChangeRequestImpactAssessed',
        'ChangeRequestDecided',
        'BudgetChanged',
        'BaselineRevised',
        'CustomerApprovalRecorded',
        'ChangeRequestImplemented',
        'ChangeRequestClosed',
      ]);
      expect(stream[3]!.data).toMatchObject({ contractual: true, baselineVersion: 1 });
      expect(stream[4]!.data).toMatchObject({ decidedBy: 'paula', authority: 'pmo' });
      expect(stream[7]!.data).toMatchObject({ customerSignatureRef: 'DocuSign 4F2A' });
    });

    it('a withdrawn change request takes no decision', async () => {
      const { streamId, url } = await baselinedProject();
      const cr = await raise(url, tokens.alice!);
      const withdrawn = await post(`${cr}/withdraw`, tokens.alice!, { reason: 'Depot cancelled' });
      expect(withdrawn.statusCode).toBe(200);
      expectProblem(
        await post(`${cr}/decision`, tokens.bob!, { outcome: 'approved', reason: 'ok' }),
        422,
        'change-request-withdrawn',
      );
      expect((await events(streamId)).at(-1)).toMatchObject({
        type: 'ChangeRequestWithdrawn',
        data: { reason: 'Depot cancelled', withdrawnBy: 'alice' },
      });
    });

    it('the domain refuses an assessment that says "change" and changes nothing (422)', async () => {
      const { url } = await baselinedProject();
      const cr = await raise(url, tokens.alice!);
      expectProblem(
        await post(`${cr}/assessment`, tokens.alice!, {
          ...noImpact,
          schedule: { impact: 'change', milestoneShifts: [] },
        }),
        422,
        'impact-change-empty',
      );
      expectProblem(
        await post(`${cr}/assessment`, tokens.alice!, { ...noImpact, scope: { impact: 'change' } }),
        422,
        'impact-change-empty',
      );
      expectProblem(
        await post(`${cr}/assessment`, tokens.alice!, {
          ...noImpact,
          schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm9', days: 3 }] },
        }),
        422,
        'unknown-milestone',
      );
    });
  });

  describe('the assessment body: each dimension is {impact: "none"} or {impact: "change", ...}', () => {
    let cr: string;
    beforeAll(async () => {
      const { url } = await baselinedProject();
      cr = await raise(url, tokens.alice!);
    });

    const cases: Array<[string, unknown, string]> = [
      [
        'change fields with impact none',
        { ...noImpact, cost: { impact: 'none', budgetDelta: { amount: 1, currency: 'EUR' } } },
        'cost.budgetDelta',
      ],
      [
        'a change without its fields',
        { ...noImpact, cost: { impact: 'change' } },
        'cost.budgetDelta',
      ],
      ['an unknown impact', { ...noImpact, cost: { impact: 'maybe' } }, 'cost.impact'],
      ['a dimension left out', { cost: none, schedule: none, scope: none }, 'quality'],
      ['a dimension that is not an object', { ...noImpact, cost: 'none' }, 'cost'],
      [
        'fractional shift days',
        {
          ...noImpact,
          schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm1', days: 1.5 }] },
        },
        'schedule.milestoneShifts[0].days',
      ],
      [
        'a scope list with impact none',
        { ...noImpact, scope: { impact: 'none', add: [] } },
        'scope.add',
      ],
      [
        'a removed id in a bad format',
        { ...noImpact, scope: { impact: 'change', remove: ['no spaces allowed'] } },
        'scope.remove',
      ],
      [
        'an unknown field in a dimension',
        { ...noImpact, quality: { impact: 'none', criteria: undefined, note: 'x' } },
        'quality.note',
      ],
      [
        'a malformed budget delta',
        { ...noImpact, cost: { impact: 'change', budgetDelta: { amount: 5, currency: 'euro' } } },
        'cost.budgetDelta.currency',
      ],
      ['contractual not a boolean', { ...noImpact, contractual: 'yes' }, 'contractual'],
    ];
    it.each(cases)('400 for %s', async (_label, body, field) => {
      const response = await expectRefused(
        t,
        () => post(`${cr}/assessment`, tokens.alice!, body),
        400,
        'validation-failed',
      );
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  // A program outside the claim, an unknown project or change request and a malformed id, on
  // every route: test/security/scope-and-not-found.e2e-spec.ts.
  describe('every route: 400 names the field, 403 for a role', () => {
    interface RouteCase {
      readonly route: string;
      readonly path: string;
      readonly valid: unknown;
      readonly invalid: unknown;
      readonly field: string;
    }
    const routes: RouteCase[] = [
      {
        route: 'raise',
        path: '/change-requests',
        valid: raiseBody,
        invalid: { ...raiseBody, origin: 'wishful' },
        field: 'origin',
      },
      {
        route: 'assessment',
        path: '/change-requests/cr-x/assessment',
        valid: noImpact,
        invalid: { ...noImpact, schedule: { impact: 'none', milestoneShifts: [] } },
        field: 'schedule.milestoneShifts',
      },
      {
        route: 'decision',
        path: '/change-requests/cr-x/decision',
        valid: { outcome: 'approved', reason: 'ok' },
        invalid: { outcome: 'maybe', reason: 'ok' },
        field: 'outcome',
      },
      {
        route: 'customer-approval',
        path: '/change-requests/cr-x/customer-approval',
        valid: { customerSignatureRef: 'sig-1' },
        invalid: { customerSignatureRef: 'x'.repeat(201) },
        field: 'customerSignatureRef',
      },
      {
        route: 'implement',
        path: '/change-requests/cr-x/implement',
        valid: {},
        invalid: { effectiveAt: 'yesterday' },
        field: 'effectiveAt',
      },
      {
        route: 'close',
        path: '/change-requests/cr-x/close',
        valid: {},
        invalid: { reason: 'not a field here' },
        field: 'reason',
      },
      {
        route: 'withdraw',
        path: '/change-requests/cr-x/withdraw',
        valid: { reason: 'r' },
        invalid: {},
        field: 'reason',
      },
    ];
    let project: { url: string };
    beforeAll(async () => {
      project = await baselinedProject();
    });

    it.each(routes)('$route', async ({ path, valid, invalid, field }) => {
      const url = `${project.url}${path}`;
      const head = await t.store.headPosition();

      const bad = await post(url, tokens.alice!, invalid);
      expectProblem(bad, 400, 'validation-failed');
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain(field);

      expectProblem(await post(url, tokens.audrey!, valid), 403, 'role-required');
      expect(await t.store.headPosition()).toBe(head);
    });
  });
});
