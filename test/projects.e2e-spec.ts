import { randomUUID } from 'node:crypto';
import { CommandExecutor, type CommandContext, type CommandFactory } from '@ledger/command-path';
import {
  contractStreamId,
  projectStreamId,
  type ContractCommand,
  type ProjectCommand,
  type Role,
  contractAggregate,
  projectAggregate,
  type AnyAggregateDefinition,
} from '@ledger/domain';
import { verifyChain, type RecordedEvent } from '@ledger/event-store';
import { createProgram as createProgramOverHttp, createProject } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const baselineBody = {
  budget: { amount: 100_000_000, currency: 'EUR' },
  scope: [
    { id: 's1', title: 'Core sites' },
    { id: 's2', title: 'Access sites' },
  ],
  milestones: [
    { id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' },
    { id: 'm2', title: 'Access ready', dueOn: '2026-12-15', obligationId: 'ob-1' },
  ],
  quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
};

describe('Projects over HTTP (lifecycle, set-up, execution, closure)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(
      tokens,
      await tokensFor(t, {
        alice: { roles: ['project-manager'] },
        paula: { roles: ['pmo'] },
        audrey: { roles: ['auditor'] },
        erp: { sub: 'erp-bridge', roles: ['integration'] },
        outsider: { sub: 'olga', roles: ['project-manager', 'pmo'], programs: ['another-program'] },
      }),
    );
  });
  afterAll(() => t.close());

  const http = httpClient(() => t);
  const post = http.postAs;

  const events = (streamId: string): Promise<RecordedEvent[]> => t.store.readStream(streamId);
  const typesOf = async (streamId: string) => (await events(streamId)).map((e) => e.type);

  /** Runs a command straight through the command path (for facts other helpers' routes own). */
  const execute = (
    aggregate: AnyAggregateDefinition,
    streamId: string,
    build: CommandFactory<unknown>,
    actor: { sub: string; roles: Role[] },
  ) => {
    const context: CommandContext = { actor, correlationId: randomUUID(), commandId: randomUUID() };
    return t.app.get(CommandExecutor).execute(aggregate, streamId, build, context);
  };

  const createProgram = () => createProgramOverHttp(http, tokens.paula!, 'Metro fibre');

  const registerContract = async (programId: string): Promise<string> => {
    const contractId = `ct-${randomUUID()}`;
    await execute(
      contractAggregate,
      contractStreamId(contractId),
      (meta): ContractCommand => ({
        type: 'RegisterContract',
        data: {
          contractId,
          programId,
          customerId: 'cust-1',
          title: 'Metro fibre frame contract',
          value: { amount: 500_000_000, currency: 'EUR' },
          signedOn: '2026-01-15',
        },
        meta,
      }),
      { sub: 'sam', roles: ['sales'] },
    );
    // The baseline's milestone m2 links to this obligation; the project checks the link exists.
    await execute(
      contractAggregate,
      contractStreamId(contractId),
      (meta): ContractCommand => ({
        type: 'RegisterObligation',
        data: {
          obligationId: 'ob-1',
          kind: 'milestone',
          title: 'Access network ready',
          evidenceRule: 'Signed readiness report',
          dueOn: '2026-12-15',
        },
        meta,
      }),
      { sub: 'sam', roles: ['sales'] },
    );
    return contractId;
  };

  const newProject = async () => {
    const programId = await createProgram();
    const contractId = await registerContract(programId);
    const projectId = await createProject(http, tokens.alice!, {
      programId,
      contractId,
      name: 'Metro fibre, ring 1',
    });
    return { programId, contractId, projectId, url: `/api/projects/${projectId}` };
  };

  /** The Sell→Execute handover's outcome as its reaction would record it (the route is another feature's). */
  const recordHandover = (projectId: string, kind: 'sell-to-execute' | 'delivery-to-care') =>
    execute(
      projectAggregate,
      projectStreamId(projectId),
      (meta): ProjectCommand => ({
        type: 'RecordHandoverOutcome',
        data: { handoverId: `h-${kind}`, kind, outcome: 'approved' },
        meta,
      }),
      { sub: 'carla', roles: ['project-manager'] },
    );

  describe('POST /api/projects', () => {
    it('creates the project (201) and the program attaches it in a follow-up on its own stream', async () => {
      const programId = await createProgram();
      const contractId = await registerContract(programId);
      const response = await post(
        '/api/projects',
        tokens.alice!,
        { programId, contractId, name: 'Metro fibre, ring 1' },
        { 'x-correlation-id': 'corr-create-project' },
      );
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toEqual({
        id: expect.any(String),
        streamId: `project-${body.id}`,
        revision: 0,
        position: expect.any(Number),
        followUps: [
          {
            reaction: 'program-attaches-created-project',
            streamId: `program-${programId}`,
            revision: 1,
            position: body.position,
          },
        ],
      });

      const [created] = await events(body.streamId);
      expect(created).toMatchObject({
        type: 'ProjectCreated',
        data: {
          projectId: body.id,
          programId,
          contractId,
          name: 'Metro fibre, ring 1',
          createdBy: 'alice',
        },
        metadata: { actor: { sub: 'alice' }, correlationId: 'corr-create-project' },
      });
      const attached = (await events(`program-${programId}`))[1];
      expect(attached).toMatchObject({
        type: 'ProjectAttachedToProgram',
        data: { programId, projectId: body.id },
        metadata: { correlationId: 'corr-create-project', causationId: created!.id },
      });
    });

    it('a retry with the same Idempotency-Key answers the same project and appends nothing', async () => {
      const programId = await createProgram();
      const contractId = await registerContract(programId);
      const body = { programId, contractId, name: 'Ring 2' };
      const first = await post('/api/projects', tokens.alice!, body, { 'idempotency-key': 'p-1' });
      const head = await t.store.headPosition();
      const again = await post('/api/projects', tokens.alice!, body, { 'idempotency-key': 'p-1' });
      expect(again.statusCode).toBe(201);
      expect(again.json().id).toBe(first.json().id);
      expect(await t.store.headPosition()).toBe(head);
      expect(await typesOf(`program-${programId}`)).toEqual([
        'ProgramCreated',
        'ProjectAttachedToProgram',
      ]);
    });

    it('422 program-not-open for a closed or unknown program', async () => {
      const programId = await createProgram();
      const contractId = await registerContract(programId);
      const closed = await post(`/api/programs/${programId}/close`, tokens.paula!, {
        reason: 'Cancelled by the customer',
      });
      expect(closed.statusCode).toBe(200);
      const body = { programId, contractId, name: 'Too late' };
      expectProblem(await post('/api/projects', tokens.alice!, body), 422, 'program-not-open');
      expectProblem(
        await post('/api/projects', tokens.alice!, { ...body, programId: 'no-such-program' }),
        422,
        'program-not-open',
      );
    });

    it('422 contract-not-registered for an unknown contract and for a contract of another program', async () => {
      const programId = await createProgram();
      const otherContract = await registerContract(await createProgram());
      const head = await t.store.headPosition();
      const unknown = { programId, contractId: 'ct-missing', name: 'Ring 3' };
      expectProblem(
        await post('/api/projects', tokens.alice!, unknown),
        422,
        'contract-not-registered',
      );
      expectProblem(
        await post('/api/projects', tokens.alice!, { ...unknown, contractId: otherContract }),
        422,
        'contract-not-registered',
      );
      expect(await t.store.headPosition()).toBe(head);
    });

    it('400 names the field, 403 for an auditor and for a program outside the claim', async () => {
      const programId = await createProgram();
      const contractId = await registerContract(programId);
      const body = { programId, contractId, name: 'Ring 4' };
      const bad = await post('/api/projects', tokens.alice!, { ...body, contractId: undefined });
      expectProblem(bad, 400, 'validation-failed');
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('contractId');
      expectProblem(await post('/api/projects', tokens.audrey!, body), 403, 'role-required');
      expectProblem(
        await post('/api/projects', tokens.outsider!, body),
        403,
        'program-not-in-claim',
      );
    });
  });

  describe('set-up', () => {
    it('records delivery approach, team, stakeholders, process customisation and the baseline', async () => {
      const { projectId, url } = await newProject();
      const steps: Array<[string, unknown, number]> = [
        [
          '/delivery-approach',
          {
            optionsConsidered: ['predictive', 'hybrid'],
            chosen: 'hybrid',
            rationale: 'Civil works fixed',
          },
          200,
        ],
        ['/team', { personId: 'carla', role: 'project-manager', allocationPercent: 80 }, 201],
        ['/team', { personId: 'sven', role: 'site-engineer', allocationPercent: 100 }, 201],
        ['/team/sven/release', { role: 'site-engineer', reason: 'Civil works done' }, 200],
        [
          '/stakeholders',
          {
            stakeholderId: 'sh-cto',
            name: 'Eva Lind',
            organisation: 'Nordic Telco',
            role: 'CTO',
            influence: 'high',
            interest: 'medium',
          },
          201,
        ],
        [
          '/process-customisations',
          { area: 'logistics', deviation: 'Customer warehouse', rationale: 'Customer policy' },
          201,
        ],
        ['/baseline', baselineBody, 200],
      ];
      for (const [path, body, status] of steps) {
        const response = await post(`${url}${path}`, tokens.alice!, body);
        expect({ path, status: response.statusCode }).toEqual({ path, status });
      }
      const stream = await events(projectStreamId(projectId));
      expect(stream.map((e) => e.type)).toEqual([
        'ProjectCreated',
        'DeliveryApproachSelected',
        'TeamMemberAssigned',
        'TeamMemberAssigned',
        'TeamMemberReleased',
        'StakeholderRegistered',
        'ProcessCustomisationDefined',
        'BaselineEstablished',
      ]);
      expect(stream[1]!.data).toMatchObject({ chosen: 'hybrid', authority: 'project-manager' });
      expect(stream[2]!.data).toMatchObject({ personId: 'carla', role: 'project-manager' });
      expect(stream[4]!.data).toMatchObject({ personId: 'sven', reason: 'Civil works done' });
      expect(stream[5]!.data).toMatchObject({ stakeholderId: 'sh-cto', influence: 'high' });
      expect(stream[7]!.data).toEqual({
        projectId,
        version: 1,
        baseline: {
          ...baselineBody,
          milestones: [
            { ...baselineBody.milestones[0], obligationId: null },
            baselineBody.milestones[1],
          ],
        },
        establishedBy: 'alice',
        authority: 'project-manager',
      });
    });

    it('the baseline is established once: the same one again appends nothing, another is 409', async () => {
      const { projectId, url } = await newProject();
      expect((await post(`${url}/baseline`, tokens.alice!, baselineBody)).statusCode).toBe(200);
      const again = await post(`${url}/baseline`, tokens.alice!, baselineBody);
      expect(again.statusCode).toBe(200);
      expect(again.json().revision).toBe(1);
      const other = { ...baselineBody, budget: { amount: 120_000_000, currency: 'EUR' } };
      expectProblem(
        await post(`${url}/baseline`, tokens.alice!, other),
        409,
        'baseline-already-established',
      );
      expect(await typesOf(projectStreamId(projectId))).toEqual([
        'ProjectCreated',
        'BaselineEstablished',
      ]);
    });

    it('rules of the domain come back as problems: over-allocation 422, duplicate scope ids 422', async () => {
      const { url } = await newProject();
      await post(`${url}/team`, tokens.alice!, {
        personId: 'sven',
        role: 'rigger',
        allocationPercent: 60,
      });
      expectProblem(
        await post(`${url}/team`, tokens.alice!, {
          personId: 'sven',
          role: 'driver',
          allocationPercent: 50,
        }),
        422,
        'person-over-allocated',
      );
      expectProblem(
        await post(`${url}/baseline`, tokens.alice!, {
          ...baselineBody,
          scope: [...baselineBody.scope, { id: 's1', title: 'Again' }],
        }),
        422,
        'duplicate-entries',
      );
    });
  });

  describe('concurrent commands on one project', () => {
    it('20 parallel requests: every event is stored, revisions contiguous, the hash chain valid', async () => {
      const { projectId, url } = await newProject();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(`${url}/stakeholders`, tokens.alice!, {
            stakeholderId: `sh-${i}`,
            name: `Stakeholder ${i}`,
            organisation: 'Nordic Telco',
            role: 'Site owner',
            influence: 'low',
            interest: 'high',
          }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const revisions = responses.map((r) => r.json().revision as number).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

      const stream = await events(projectStreamId(projectId));
      expect(stream).toHaveLength(21);
      expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: 21 }, (_, i) => i));
      const ids = stream.slice(1).map((e) => e.data.stakeholderId);
      expect(new Set(ids)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `sh-${i}`)));
      expect(verifyChain(stream)).toMatchObject({ ok: true, verified: 21 });
    });
  });

  describe('execution', () => {
    it('progress and actual cost are refused before the Sell→Execute handover (422 execution-not-authorised)', async () => {
      const { projectId, url } = await newProject();
      await post(`${url}/baseline`, tokens.alice!, baselineBody);
      const period = { periodId: '2026-04', startsOn: '2026-04-01', endsOn: '2026-04-30' };
      expect((await post(`${url}/reporting-periods`, tokens.alice!, period)).statusCode).toBe(201);
      const head = await t.store.headPosition();
      expectProblem(
        await post(`${url}/progress`, tokens.alice!, {
          periodId: '2026-04',
          items: [{ scopeItemId: 's1', percentComplete: 10 }],
        }),
        422,
        'execution-not-authorised',
      );
      expectProblem(
        await post(`${url}/actual-costs`, tokens.erp!, {
          erpDocumentId: 'INV/2026/1',
          amount: { amount: 1_000_00, currency: 'EUR' },
          postedOn: '2026-04-10',
        }),
        422,
        'execution-not-authorised',
      );
      expect(await t.store.headPosition()).toBe(head);
      expect(await typesOf(projectStreamId(projectId))).not.toContain('ProgressReported');
    });

    it('after the handover: periods, progress, correction, actual cost from the ERP, forecast', async () => {
      const { projectId, url } = await newProject();
      await post(`${url}/baseline`, tokens.alice!, baselineBody);
      await recordHandover(projectId, 'sell-to-execute');
      const period = { periodId: '2026-04', startsOn: '2026-04-01', endsOn: '2026-04-30' };
      const opened = await post(`${url}/reporting-periods`, tokens.alice!, period);
      expect(opened.statusCode).toBe(201);
      expect(opened.json().id).toBe('2026-04');

      const progress = await post(`${url}/progress`, tokens.erp!, {
        reportId: 'rep-1',
        periodId: '2026-04',
        items: [{ scopeItemId: 's1', percentComplete: 40 }],
      });
      expect(progress.statusCode).toBe(201);
      expect(progress.json().id).toBe('rep-1');
      const generated = await post(`${url}/progress`, tokens.alice!, {
        periodId: '2026-04',
        items: [{ scopeItemId: 's2', percentComplete: 5 }],
      });
      expect(generated.statusCode).toBe(201);
      expect(generated.json().id).toEqual(expect.any(String));

      expectProblem(
        await post(`${url}/progress/rep-1/correction`, tokens.erp!, {
          items: [{ scopeItemId: 's1', percentComplete: 35 }],
          reason: 'Double counted',
        }),
        403,
        'role-required',
      );
      // Here, not in the scope-and-not-found suite: its world has no baseline, and a correction is
      // checked against the baseline before the report is looked up.
      expectProblem(
        await post(`${url}/progress/no-such-report/correction`, tokens.alice!, {
          items: [{ scopeItemId: 's1', percentComplete: 35 }],
          reason: 'No such report',
        }),
        404,
        'progress-report-not-found',
      );
      const corrected = await post(`${url}/progress/rep-1/correction`, tokens.alice!, {
        items: [{ scopeItemId: 's1', percentComplete: 35 }],
        reason: 'Site s1 was double counted',
      });
      expect(corrected.statusCode).toBe(200);

      const cost = await post(`${url}/actual-costs`, tokens.erp!, {
        erpDocumentId: 'INV/2026/1',
        amount: { amount: 2_500_000, currency: 'EUR' },
        postedOn: '2026-04-10',
      });
      expect(cost.statusCode).toBe(201);
      expect(cost.json().id).toBe('INV/2026/1');
      const forecast = await post(`${url}/forecasts`, tokens.alice!, {
        milestones: [{ milestoneId: 'm2', forecastOn: '2026-12-20' }],
        estimateToComplete: { amount: 90_000_000, currency: 'EUR' },
      });
      expect(forecast.statusCode).toBe(201);
      const closedPeriod = await post(`${url}/reporting-periods/2026-04/close`, tokens.alice!);
      expect(closedPeriod.statusCode).toBe(200);
      expectProblem(
        await post(`${url}/progress`, tokens.alice!, {
          periodId: '2026-04',
          items: [{ scopeItemId: 's1', percentComplete: 50 }],
        }),
        422,
        'reporting-period-closed',
      );

      const stream = await events(projectStreamId(projectId));
      expect(stream.map((e) => e.type).slice(2)).toEqual([
        'HandoverOutcomeRecorded',
        'ReportingPeriodOpened',
        'ProgressReported',
        'ProgressReported',
        'ProgressCorrected',
        'ActualCostRecorded',
        'ForecastSubmitted',
        'ReportingPeriodClosed',
      ]);
      const byType = (type: string) => stream.find((e) => e.type === type)!.data;
      expect(byType('ProgressReported')).toMatchObject({
        reportId: 'rep-1',
        reportedBy: 'erp-bridge',
      });
      expect(byType('ProgressCorrected')).toMatchObject({
        correctedReportId: 'rep-1',
        previousItems: [{ scopeItemId: 's1', percentComplete: 40 }],
        items: [{ scopeItemId: 's1', percentComplete: 35 }],
      });
      expect(byType('ActualCostRecorded')).toMatchObject({
        erpDocumentId: 'INV/2026/1',
        amount: { amount: 2_500_000, currency: 'EUR' },
        recordedBy: 'erp-bridge',
      });
      expect(byType('ForecastSubmitted')).toMatchObject({
        estimateAtCompletion: { amount: 92_500_000, currency: 'EUR' },
      });
    });

    it('an ERP replay is a no-op only when it is the same posting; any other field is a 409', async () => {
      const { projectId, url } = await newProject();
      await post(`${url}/baseline`, tokens.alice!, baselineBody);
      await recordHandover(projectId, 'sell-to-execute');
      const posting = {
        erpDocumentId: 'INV/2026/7',
        amount: { amount: 2_500_000, currency: 'EUR' },
        postedOn: '2026-04-10',
      };
      expect((await post(`${url}/actual-costs`, tokens.erp!, posting)).statusCode).toBe(201);
      const head = await t.store.headPosition();

      const again = await post(`${url}/actual-costs`, tokens.erp!, posting);
      expect(again.statusCode).toBe(201);
      expect(await t.store.headPosition()).toBe(head);

      const redated = await post(`${url}/actual-costs`, tokens.erp!, {
        ...posting,
        postedOn: '2026-04-11',
      });
      expectProblem(redated, 409, 'erp-document-conflict');
      expect(redated.json().details).toEqual({
        erpDocumentId: 'INV/2026/7',
        differingFields: ['postedOn'],
      });
      const both = await post(`${url}/actual-costs`, tokens.erp!, {
        ...posting,
        amount: { amount: 2_500_001, currency: 'EUR' },
        postedOn: '2026-04-11',
      });
      expectProblem(both, 409, 'erp-document-conflict');
      expect(both.json().details).toMatchObject({ differingFields: ['amount', 'postedOn'] });
      expect(await t.store.headPosition()).toBe(head);
      const costs = (await events(projectStreamId(projectId))).filter(
        (e) => e.type === 'ActualCostRecorded',
      );
      expect(costs.map((e) => e.data)).toEqual([
        expect.objectContaining({ erpDocumentId: 'INV/2026/7', postedOn: '2026-04-10' }),
      ]);
    });

    it('an amount beyond ±10^13 minor units is a 400 naming the field and rule (sums stay exact)', async () => {
      const { url } = await newProject();
      const head = await t.store.headPosition();
      for (const [amount, rule] of [
        [9e15, 'max'],
        [-9e15, 'min'],
        [10 ** 13 + 1, 'max'],
      ] as const) {
        const response = await post(`${url}/actual-costs`, tokens.erp!, {
          erpDocumentId: 'INV/2026/9',
          amount: { amount, currency: 'EUR' },
          postedOn: '2026-04-10',
        });
        expectProblem(response, 400, 'validation-failed');
        expect(response.json().errors).toEqual([
          expect.objectContaining({ field: 'amount.amount', rule }),
        ]);
      }
      expect(await t.store.headPosition()).toBe(head);
    });
  });

  describe('closure', () => {
    it('closes once Delivery→Care is approved and final acceptance is waived by the PMO', async () => {
      const { projectId, url } = await newProject();
      const reason = { reason: 'Network accepted; Care runs it' };
      expectProblem(
        await post(`${url}/close`, tokens.alice!, reason),
        422,
        'delivery-to-care-handover-not-approved',
      );
      await recordHandover(projectId, 'delivery-to-care');
      expectProblem(
        await post(`${url}/close`, tokens.alice!, reason),
        422,
        'final-acceptance-missing',
      );
      expectProblem(
        await post(`${url}/final-acceptance-waiver`, tokens.alice!, {
          reason: 'Customer waived FAC',
        }),
        403,
        'role-required',
      );
      const waived = await post(`${url}/final-acceptance-waiver`, tokens.paula!, {
        reason: 'Customer waived FAC in writing',
      });
      expect(waived.statusCode).toBe(200);
      expect((await post(`${url}/close`, tokens.alice!, reason)).statusCode).toBe(200);
      expectProblem(
        await post(`${url}/stakeholders`, tokens.alice!, {
          name: 'Late',
          organisation: 'x',
          role: 'y',
          influence: 'low',
          interest: 'low',
        }),
        422,
        'project-closed',
      );
      const stream = await events(projectStreamId(projectId));
      expect(stream.map((e) => e.type).slice(-2)).toEqual([
        'FinalAcceptanceWaived',
        'ProjectClosed',
      ]);
      expect(stream.at(-2)!.data).toMatchObject({ waivedBy: 'paula', authority: 'pmo' });
      expect(stream.at(-1)!.data).toMatchObject({ closedBy: 'alice', reason: reason.reason });
    });
  });

  // A program outside the claim, an unknown project, team member or period and a malformed id,
  // on every route: test/security/scope-and-not-found.e2e-spec.ts (an unknown report: execution).
  describe('every route: 400 names the field, 403 for a role', () => {
    interface RouteCase {
      readonly route: string;
      readonly path: string;
      readonly valid: unknown;
      readonly invalid: unknown;
      readonly field: string;
      readonly writer?: 'alice' | 'paula';
    }
    const routes: RouteCase[] = [
      {
        route: 'delivery-approach',
        path: '/delivery-approach',
        valid: { optionsConsidered: ['agile'], chosen: 'agile', rationale: 'x' },
        invalid: { optionsConsidered: ['agile'], chosen: 'waterfall', rationale: 'x' },
        field: 'chosen',
      },
      {
        route: 'team',
        path: '/team',
        valid: { personId: 'p1', role: 'rigger', allocationPercent: 10 },
        invalid: { personId: 'p1', role: 'rigger', allocationPercent: 'half' },
        field: 'allocationPercent',
      },
      {
        route: 'team release',
        path: '/team/p1/release',
        valid: { role: 'rigger', reason: 'done' },
        invalid: { role: 'rigger' },
        field: 'reason',
      },
      {
        route: 'stakeholders',
        path: '/stakeholders',
        valid: { name: 'n', organisation: 'o', role: 'r', influence: 'low', interest: 'low' },
        invalid: { name: 'n', organisation: 'o', role: 'r', influence: 'huge', interest: 'low' },
        field: 'influence',
      },
      {
        route: 'process-customisations',
        path: '/process-customisations',
        valid: { area: 'acceptance', deviation: 'd', rationale: 'r' },
        invalid: { area: 'finance', deviation: 'd', rationale: 'r' },
        field: 'area',
      },
      {
        route: 'baseline',
        path: '/baseline',
        valid: baselineBody,
        invalid: {
          ...baselineBody,
          milestones: [{ id: 'm1', title: 'Core', dueOn: '2026-13-01' }],
        },
        field: 'milestones[0].dueOn',
      },
      {
        route: 'final-acceptance-waiver',
        path: '/final-acceptance-waiver',
        valid: { reason: 'r' },
        invalid: { reason: '' },
        field: 'reason',
        writer: 'paula',
      },
      {
        route: 'close',
        path: '/close',
        valid: { reason: 'r' },
        invalid: { reason: 42 },
        field: 'reason',
      },
      {
        route: 'reporting-periods',
        path: '/reporting-periods',
        valid: { periodId: 'p1', startsOn: '2026-04-01', endsOn: '2026-04-30' },
        invalid: { periodId: 'p1', startsOn: 'tomorrow', endsOn: '2026-04-30' },
        field: 'startsOn',
      },
      {
        route: 'reporting period close',
        path: '/reporting-periods/p1/close',
        valid: {},
        invalid: { note: 'no such field' },
        field: 'note',
      },
      {
        route: 'progress',
        path: '/progress',
        valid: { periodId: 'p1', items: [{ scopeItemId: 's1', percentComplete: 1 }] },
        invalid: { periodId: 'p1', items: [{ scopeItemId: 's1', percentComplete: '1' }] },
        field: 'items[0].percentComplete',
      },
      {
        route: 'progress correction',
        path: '/progress/r1/correction',
        valid: { items: [{ scopeItemId: 's1', percentComplete: 1 }], reason: 'r' },
        invalid: { items: [{ scopeItemId: 'bad id!', percentComplete: 1 }], reason: 'r' },
        field: 'items[0].scopeItemId',
      },
      {
        route: 'actual-costs',
        path: '/actual-costs',
        valid: {
          erpDocumentId: 'd1',
          amount: { amount: 100, currency: 'EUR' },
          postedOn: '2026-04-01',
        },
        invalid: {
          erpDocumentId: 'd1',
          amount: { amount: 1.5, currency: 'EUR' },
          postedOn: '2026-04-01',
        },
        field: 'amount.amount',
      },
      {
        route: 'forecasts',
        path: '/forecasts',
        valid: { milestones: [{ milestoneId: 'm1', forecastOn: '2026-07-01' }] },
        invalid: { milestones: [{ milestoneId: 'm1', forecastOn: '2026-07-01T00:00:00Z' }] },
        field: 'milestones[0].forecastOn',
      },
    ];
    let project: Awaited<ReturnType<typeof newProject>>;
    beforeAll(async () => {
      project = await newProject();
    });

    it.each(routes)('$route', async ({ path, valid, invalid, field, writer = 'alice' }) => {
      const url = `${project.url}${path}`;
      const head = await t.store.headPosition();

      const bad = await post(url, tokens[writer]!, invalid);
      expectProblem(bad, 400, 'validation-failed');
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain(field);

      expectProblem(await post(url, tokens.audrey!, valid), 403, 'role-required');
      expect(await t.store.headPosition()).toBe(head);
    });
  });
});
