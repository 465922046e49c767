import type { Role } from '@ledger/domain';
import { programWithProject } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem, expectRefused, invalidFields } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const raiseBody = {
  kind: 'threat',
  title: 'Late delivery of radio units',
  cause: 'Single supplier for the radio units',
  event: 'Radio units arrive after the rollout window opens',
  effect: 'Site integration slips by up to six weeks',
  category: 'supply-chain',
};
const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('Risk register over HTTP (/api/projects/:projectId/risks)', () => {
  let t: TestApp;
  let pm: string;

  beforeAll(async () => {
    t = await startTestApp();
    pm = await t.token({ sub: 'carla', roles: ['project-manager'] });
  });
  afterAll(() => t.close());

  const http = httpClient(
    () => t,
    () => pm,
  );
  const { post } = http;

  /** A program, its contract and a project in it, all over HTTP: each test gets its own. */
  async function newProject(): Promise<{ programId: string; projectId: string }> {
    const setup = await t.token({ sub: 'paula', roles: ['pmo'] });
    const { programId, projectId } = await programWithProject(http, setup, {
      program: 'RAN North',
      contract: {
        customerId: 'cust-1',
        title: 'RAN modernisation',
        value: eur(10_000_000_00),
        signedOn: '2026-01-15',
      },
      project: 'Metro sites',
    });
    return { programId, projectId };
  }

  async function raise(projectId: string, body: object = raiseBody): Promise<string> {
    const response = await post(`/api/projects/${projectId}/risks`, body);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  const eventsOf = async (riskId: string) => t.store.readStream(`risk-${riskId}`);
  const lastEventOf = async (riskId: string) => (await eventsOf(riskId)).at(-1)!;

  describe('raising', () => {
    it('201 with the new id; RiskRaised records cause, event, effect and who raised it', async () => {
      const { projectId } = await newProject();
      const response = await post(`/api/projects/${projectId}/risks`, raiseBody);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toEqual({
        id: expect.any(String),
        streamId: `risk-${body.id}`,
        revision: 0,
        position: expect.any(Number),
      });
      const events = await eventsOf(body.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'RiskRaised',
        schemaVersion: 1,
        position: body.position,
        data: { riskId: body.id, projectId, ...raiseBody, raisedBy: 'carla' },
        metadata: { actor: { sub: 'carla', roles: ['project-manager'] } },
      });
    });

    it('the same Idempotency-Key and body answer the same risk and append nothing', async () => {
      const { projectId } = await newProject();
      const headers = { 'idempotency-key': `raise-${projectId}` };
      const first = await post(`/api/projects/${projectId}/risks`, raiseBody, pm, headers);
      const head = await t.store.headPosition();
      const again = await post(`/api/projects/${projectId}/risks`, raiseBody, pm, headers);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(await t.store.headPosition()).toBe(head);
    });

    it('a PMO and an admin may raise; auditors, integrations, sales and care may not (403)', async () => {
      const { projectId } = await newProject();
      for (const role of ['pmo', 'admin'] as Role[]) {
        const token = await t.token({ sub: `u-${role}`, roles: [role] });
        expect((await post(`/api/projects/${projectId}/risks`, raiseBody, token)).statusCode).toBe(
          201,
        );
      }
      for (const role of ['auditor', 'integration', 'sales', 'care'] as Role[]) {
        const token = await t.token({ sub: `u-${role}`, roles: [role] });
        expectProblem(
          await post(`/api/projects/${projectId}/risks`, raiseBody, token),
          403,
          'role-required',
        );
      }
    });
  });

  describe('assessment: score and EMV are computed, never typed in', () => {
    it('threat: score = probability × impact, EMV = −(probability% × cost impact)', async () => {
      const { projectId } = await newProject();
      const riskId = await raise(projectId);
      const response = await post(`/api/projects/${projectId}/risks/${riskId}/assessment`, {
        probability: 4,
        impact: 3,
        costImpact: eur(1_000_000_00),
        scheduleDays: 30,
        nextReviewOn: '2099-05-01',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        streamId: `risk-${riskId}`,
        revision: 1,
        position: expect.any(Number),
      });
      expect(await lastEventOf(riskId)).toMatchObject({
        type: 'RiskAssessed',
        data: {
          riskId,
          projectId,
          kind: 'threat',
          probability: 4,
          probabilityPercent: 70,
          impact: 3,
          dimensionImpacts: null,
          score: 12,
          costImpact: eur(1_000_000_00),
          scheduleDays: 30,
          expectedMonetaryValue: eur(-700_000_00),
          nextReviewOn: '2099-05-01',
          assessedBy: 'carla',
        },
      });
    });

    it('opportunity: impact is the worst dimension, EMV is positive and rounded half up', async () => {
      const { projectId } = await newProject();
      const riskId = await raise(projectId, {
        ...raiseBody,
        kind: 'opportunity',
        title: 'Shared towers',
        category: 'commercial',
      });
      const response = await post(`/api/projects/${projectId}/risks/${riskId}/assessment`, {
        probability: 2,
        dimensionImpacts: { cost: 2, schedule: 4 },
        costImpact: eur(250_005),
      });
      expect(response.statusCode).toBe(200);
      expect((await lastEventOf(riskId)).data).toMatchObject({
        kind: 'opportunity',
        probability: 2,
        probabilityPercent: 30,
        impact: 4,
        dimensionImpacts: { cost: 2, schedule: 4 },
        score: 8,
        // 30 % of 250 005 = 75 001.5 → 75 002 minor units
        expectedMonetaryValue: eur(75_002),
        scheduleDays: null,
        nextReviewOn: null,
      });
    });

    it('an overall impact that contradicts the dimensions is refused (422)', async () => {
      const { projectId } = await newProject();
      const riskId = await raise(projectId);
      expectProblem(
        await post(`/api/projects/${projectId}/risks/${riskId}/assessment`, {
          probability: 3,
          impact: 2,
          dimensionImpacts: { quality: 5 },
          costImpact: eur(100),
        }),
        422,
        'impact-contradicts-dimensions',
      );
    });
  });

  describe('response', () => {
    it('owner required before a response (422), then the response is planned', async () => {
      const { projectId } = await newProject();
      const riskId = await raise(projectId);
      const url = `/api/projects/${projectId}/risks/${riskId}`;
      const response = { strategy: 'mitigate', description: 'Second supplier' };
      expectProblem(await post(`${url}/response`, response), 422, 'owner-required-before-response');

      expect((await post(`${url}/owner`, { ownerId: 'sam' })).statusCode).toBe(200);
      expect(await lastEventOf(riskId)).toMatchObject({
        type: 'RiskOwnerAssigned',
        data: { riskId, ownerId: 'sam', previousOwnerId: null, assignedBy: 'carla' },
      });
      expect(
        (await post(`${url}/response`, { ...response, contingencyReserve: eur(500_000) }))
          .statusCode,
      ).toBe(200);
      expect(await lastEventOf(riskId)).toMatchObject({
        type: 'RiskResponsePlanned',
        data: {
          strategy: 'mitigate',
          description: 'Second supplier',
          contingencyReserve: eur(500_000),
          ownerId: 'sam',
          authority: 'project-manager',
        },
      });
    });

    it.each([
      ['threat', 'exploit'],
      ['threat', 'enhance'],
      ['opportunity', 'mitigate'],
      ['opportunity', 'avoid'],
    ])(
      '%s: the strategy "%s" is refused (422 strategy-does-not-fit-kind)',
      async (kind, strategy) => {
        const { projectId } = await newProject();
        const riskId = await raise(projectId, { ...raiseBody, kind });
        const url = `/api/projects/${projectId}/risks/${riskId}`;
        await post(`${url}/owner`, { ownerId: 'sam' });
        const head = await t.store.headPosition();
        const refused = await post(`${url}/response`, { strategy, description: 'x' });
        expectProblem(refused, 422, 'strategy-does-not-fit-kind');
        expect(refused.json().details).toMatchObject({ strategy, kind });
        expect(await t.store.headPosition()).toBe(head);
      },
    );

    it('contingency: a draw within the reserve is recorded, one beyond what remains is refused', async () => {
      const { projectId } = await newProject();
      const riskId = await raise(projectId);
      const url = `/api/projects/${projectId}/risks/${riskId}`;
      await post(`${url}/owner`, { ownerId: 'sam' });
      await post(`${url}/response`, {
        strategy: 'mitigate',
        description: 'Second supplier',
        contingencyReserve: eur(500_000),
      });
      const draw = await post(`${url}/contingency-draws`, {
        amount: eur(300_000),
        reason: 'Expedited freight',
      });
      expect(draw.statusCode).toBe(200);
      expect(await lastEventOf(riskId)).toMatchObject({
        type: 'ContingencyDrawn',
        data: {
          amount: eur(300_000),
          reason: 'Expedited freight',
          remainingReserve: eur(200_000),
          drawnBy: 'carla',
        },
      });
      const head = await t.store.headPosition();
      const over = await post(`${url}/contingency-draws`, {
        amount: eur(200_001),
        reason: 'More freight',
      });
      expectProblem(over, 422, 'contingency-exceeds-reserve');
      expect(over.json().details).toEqual({ requested: eur(200_001), remaining: eur(200_000) });
      expect(await t.store.headPosition()).toBe(head);
    });

    it('a whole life: actions, residual assessment, escalation, occurrence, close', async () => {
      const { projectId } = await newProject();
      const riskId = await raise(projectId);
      const url = `/api/projects/${projectId}/risks/${riskId}`;
      const ok = async (path: string, body: object, status = 200) => {
        const response = await post(`${url}${path}`, body);
        expect({ path, status: response.statusCode, body: response.json() }).toMatchObject({
          status,
        });
        return response.json<{ id?: string }>();
      };
      await ok('/assessment', { probability: 4, impact: 4, costImpact: eur(800_000) });
      await ok('/owner', { ownerId: 'sam' });
      await ok('/response', { strategy: 'mitigate', description: 'Second supplier' });
      const chosen = await ok(
        '/actions',
        { actionId: 'act-1', description: 'Framework order', ownerId: 'sam', dueOn: '2026-05-15' },
        201,
      );
      expect(chosen.id).toBe('act-1');
      const generated = await ok(
        '/actions',
        { description: 'Weekly supplier call', ownerId: 'sam', dueOn: '2026-06-01' },
        201,
      );
      expect(generated.id).toEqual(expect.any(String));
      await ok('/actions/act-1', { status: 'done' });
      await ok('/residual-assessment', { probability: 2, impact: 4, costImpact: eur(800_000) });
      await ok('/escalation', {
        level: 'program',
        escalatedTo: 'Program board North',
        reason: 'Exposure above tolerance',
      });
      await ok('/occurrence', {
        occurredOn: '2025-06-20',
        description: 'Five-week delay confirmed',
        actualCostImpact: eur(650_000),
      });
      await ok('/close', { reason: 'occurred-and-resolved', note: 'Freight absorbed the delay' });

      const events = await eventsOf(riskId);
      expect(events.map((event) => event.type)).toEqual([
        'RiskRaised',
        'RiskAssessed',
        'RiskOwnerAssigned',
        'RiskResponsePlanned',
        'ResponseActionAdded',
        'ResponseActionAdded',
        'ResponseActionUpdated',
        'ResidualRiskAssessed',
        'RiskEscalated',
        'RiskOccurred',
        'RiskClosed',
      ]);
      const data = (type: string, index = 0) =>
        events.filter((event) => event.type === type)[index]!.data;
      expect(data('ResponseActionAdded', 1)).toMatchObject({
        actionId: generated.id,
        status: 'open',
      });
      expect(data('ResponseActionUpdated')).toMatchObject({
        actionId: 'act-1',
        changes: { status: 'done' },
      });
      expect(data('ResidualRiskAssessed')).toMatchObject({
        score: 8,
        expectedMonetaryValue: eur(-240_000),
      });
      expect(data('RiskEscalated')).toMatchObject({ level: 'program', escalatedBy: 'carla' });
      expect(data('RiskOccurred')).toMatchObject({
        occurredOn: '2025-06-20',
        actualCostImpact: eur(650_000),
        becameIssue: true,
      });
      expect(data('RiskClosed')).toMatchObject({
        reason: 'occurred-and-resolved',
        note: 'Freight absorbed the delay',
        closedBy: 'carla',
      });
      expectProblem(await post(`${url}/owner`, { ownerId: 'tim' }), 422, 'risk-closed');
    });
  });

  // Unknown ids, other programs and malformed ids: test/security/scope-and-not-found.e2e-spec.ts.
  describe('addressing: 404 and 403 on sub-routes', () => {
    it('403 on a sub-route for a caller outside the program and for an auditor', async () => {
      const { projectId } = await newProject();
      const riskId = await raise(projectId);
      const outsider = await t.token({ sub: 'olga', roles: ['pmo'], programs: ['elsewhere'] });
      const auditor = await t.token({ sub: 'aud', roles: ['auditor'] });
      const url = `/api/projects/${projectId}/risks/${riskId}/owner`;
      expectProblem(await post(url, { ownerId: 'x' }, outsider), 403, 'program-not-in-claim');
      expectProblem(await post(url, { ownerId: 'x' }, auditor), 403, 'role-required');
    });

    it('400 for a path id outside the id alphabet', async () => {
      const { projectId } = await newProject();
      const response = await post(`/api/projects/${projectId}/risks/has%20space/owner`, {
        ownerId: 'x',
      });
      expectProblem(response, 400, 'validation-failed');
      expect(response.json().errors[0].field).toBe('path:riskId');
    });
  });

  describe('400 for a bad body, naming the field, nothing appended', () => {
    const money = eur(100);
    const cases: Array<[string, string, object, string]> = [
      ['raise: event missing', '', { ...raiseBody, event: undefined }, 'event'],
      ['raise: unknown kind', '', { ...raiseBody, kind: 'hazard' }, 'kind'],
      ['raise: unknown category', '', { ...raiseBody, category: 'weather' }, 'category'],
      ['raise: title too long', '', { ...raiseBody, title: 'x'.repeat(201) }, 'title'],
      ['raise: unknown field', '', { ...raiseBody, score: 25 }, 'score'],
      [
        'assessment: probability 6',
        '/assessment',
        { probability: 6, impact: 3, costImpact: money },
        'probability',
      ],
      [
        'assessment: impact 0',
        '/assessment',
        { probability: 3, impact: 0, costImpact: money },
        'impact',
      ],
      [
        'assessment: EMV typed in',
        '/assessment',
        { probability: 3, impact: 3, costImpact: money, expectedMonetaryValue: money },
        'expectedMonetaryValue',
      ],
      [
        'assessment: fractional cost',
        '/assessment',
        { probability: 3, impact: 3, costImpact: { amount: 1.5, currency: 'EUR' } },
        'costImpact.amount',
      ],
      [
        'assessment: unknown dimension',
        '/assessment',
        { probability: 3, dimensionImpacts: { morale: 3 }, costImpact: money },
        'dimensionImpacts.morale',
      ],
      [
        'assessment: bad review date',
        '/assessment',
        { probability: 3, impact: 3, costImpact: money, nextReviewOn: '2026-02-30' },
        'nextReviewOn',
      ],
      ['owner: missing ownerId', '/owner', {}, 'ownerId'],
      [
        'response: unknown strategy',
        '/response',
        { strategy: 'pray', description: 'x' },
        'strategy',
      ],
      [
        'response: bad reserve currency',
        '/response',
        {
          strategy: 'accept',
          description: 'x',
          contingencyReserve: { amount: 1, currency: 'eur' },
        },
        'contingencyReserve.currency',
      ],
      [
        'actions: bad dueOn',
        '/actions',
        { description: 'x', ownerId: 'sam', dueOn: 'tomorrow' },
        'dueOn',
      ],
      [
        'actions: actionId with a slash',
        '/actions',
        { actionId: 'a/b', description: 'x', ownerId: 'sam', dueOn: '2026-05-01' },
        'actionId',
      ],
      ['update action: unknown status', '/actions/act-1', { status: 'paused' }, 'status'],
      [
        'residual: probability missing',
        '/residual-assessment',
        { impact: 3, costImpact: money },
        'probability',
      ],
      [
        'escalation: unknown level',
        '/escalation',
        { level: 'pope', escalatedTo: 'x', reason: 'y' },
        'level',
      ],
      [
        'occurrence: cost missing',
        '/occurrence',
        { occurredOn: '2026-01-01', description: 'x' },
        'actualCostImpact',
      ],
      ['contingency: reason missing', '/contingency-draws', { amount: money }, 'reason'],
      ['close: unknown reason', '/close', { reason: 'bored' }, 'reason'],
      [
        'close: bad effectiveAt',
        '/close',
        { reason: 'expired', effectiveAt: 'soon' },
        'effectiveAt',
      ],
    ];
    it.each(cases)('%s', async (_label, path, body, field) => {
      const { projectId } = await newProject();
      const riskId = path === '' ? '' : `/${await raise(projectId)}`;
      const response = await expectRefused(
        t,
        () => post(`/api/projects/${projectId}/risks${riskId}${path}`, body),
        400,
        'validation-failed',
      );
      expect(invalidFields(response)).toContain(field);
    });
  });

  it('the OpenAPI document describes every risk route', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json();
    const base = '/api/projects/{projectId}/risks';
    for (const path of [
      '',
      '/{riskId}/assessment',
      '/{riskId}/owner',
      '/{riskId}/response',
      '/{riskId}/actions',
      '/{riskId}/actions/{actionId}',
      '/{riskId}/residual-assessment',
      '/{riskId}/escalation',
      '/{riskId}/occurrence',
      '/{riskId}/contingency-draws',
      '/{riskId}/close',
    ]) {
      expect({ path, post: document.paths[`${base}${path}`]?.post !== undefined }).toEqual({
        path,
        post: true,
      });
    }
  });
});
