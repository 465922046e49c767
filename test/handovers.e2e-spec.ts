import { projectStreamId, type Role } from '@ledger/domain';
import { programWithProject } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem, expectRefused, invalidFields } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const sellToExecute = {
  kind: 'sell-to-execute',
  items: [
    { id: 'signed-contract', title: 'Signed contract and annexes', mandatory: true },
    { id: 'sow', title: 'Statement of work and bill of quantities', mandatory: true },
    { id: 'stakeholder-map', title: 'Stakeholder map', mandatory: false },
  ],
};

describe('Handovers over HTTP (/api/projects/:projectId/handovers)', () => {
  let t: TestApp;
  /** Sam from sales hands the won deal over. */
  let sales: string;
  /** Carla, the project manager, receives it (Sell→Execute) and gives Delivery→Care. */
  let pm: string;
  /** Cora, the care lead, receives Delivery→Care. */
  let care: string;

  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.token({ sub: 'sam', roles: ['sales'] });
    pm = await t.token({ sub: 'carla', roles: ['project-manager'] });
    care = await t.token({ sub: 'cora', roles: ['care'] });
  });
  afterAll(() => t.close());

  const http = httpClient(() => t);
  const { post } = http;

  /** A program, its contract and a project in it, all over HTTP: each test gets its own. */
  async function newProject(): Promise<{ programId: string; projectId: string }> {
    const setup = await t.token({ sub: 'paula', roles: ['pmo'] });
    const { programId, projectId } = await programWithProject(http, setup, {
      program: 'RAN North',
      contract: {
        customerId: 'cust-1',
        title: 'RAN modernisation',
        value: { amount: 10_000_000_00, currency: 'EUR' },
        signedOn: '2026-01-15',
      },
      project: 'Metro sites',
    });
    return { programId, projectId };
  }

  /** A new project with a Sell→Execute handover initiated by sales; returns its url. */
  async function newHandover(
    body: object = sellToExecute,
    token?: string,
  ): Promise<{ projectId: string; handoverId: string; url: string }> {
    const { projectId } = await newProject();
    const response = await post(`/api/projects/${projectId}/handovers`, body, token ?? sales);
    expect(response.statusCode).toBe(201);
    const handoverId: string = response.json().id;
    return { projectId, handoverId, url: `/api/projects/${projectId}/handovers/${handoverId}` };
  }

  const submitAndAccept = async (url: string, itemId: string, receiver = pm) => {
    const submitted = await post(
      `${url}/items/${itemId}/evidence`,
      { ref: `dms://${itemId}` },
      sales,
    );
    expect(submitted.statusCode).toBe(200);
    const accepted = await post(`${url}/items/${itemId}/accept`, { note: 'Checked' }, receiver);
    expect(accepted.statusCode).toBe(200);
  };

  const eventsOf = (handoverId: string) => t.store.readStream(`handover-${handoverId}`);
  const lastEventOf = async (handoverId: string) => (await eventsOf(handoverId)).at(-1)!;

  describe('Sell→Execute', () => {
    it('initiated by sales: 201 with the id; HandoverInitiated records the checklist and the sender', async () => {
      const { projectId } = await newProject();
      const response = await post(`/api/projects/${projectId}/handovers`, sellToExecute, sales);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toEqual({
        id: expect.any(String),
        streamId: `handover-${body.id}`,
        revision: 0,
        position: expect.any(Number),
      });
      const [initiated, ...rest] = await eventsOf(body.id);
      expect(rest).toEqual([]);
      expect(initiated).toMatchObject({
        type: 'HandoverInitiated',
        schemaVersion: 1,
        data: {
          handoverId: body.id,
          projectId,
          kind: 'sell-to-execute',
          items: sellToExecute.items,
          initiatedBy: 'sam',
          authority: 'sales',
          accountable: 'sam',
        },
        metadata: { actor: { sub: 'sam', roles: ['sales'] } },
      });
    });

    it('the project manager may not initiate it (403 only-sending-side-may-initiate)', async () => {
      const { projectId } = await newProject();
      expectProblem(
        await post(`/api/projects/${projectId}/handovers`, sellToExecute, pm),
        403,
        'only-sending-side-may-initiate',
      );
    });

    it('items: sales submits evidence, the receiving project manager accepts or rejects', async () => {
      const { handoverId, url } = await newHandover();
      const submitted = await post(
        `${url}/items/sow/evidence`,
        { ref: 'dms://sow-v3', note: 'Version 3' },
        sales,
      );
      expect(submitted.statusCode).toBe(200);
      expect(await lastEventOf(handoverId)).toMatchObject({
        type: 'HandoverItemSubmitted',
        data: {
          itemId: 'sow',
          evidence: { ref: 'dms://sow-v3', note: 'Version 3' },
          submittedBy: 'sam',
        },
      });
      const rejected = await post(
        `${url}/items/sow/reject`,
        { reason: 'BoQ does not match the signed scope' },
        pm,
      );
      expect(rejected.statusCode).toBe(200);
      expect(await lastEventOf(handoverId)).toMatchObject({
        type: 'HandoverItemRejected',
        data: { itemId: 'sow', reason: 'BoQ does not match the signed scope', rejectedBy: 'carla' },
      });
      await submitAndAccept(url, 'sow');
      expect(await lastEventOf(handoverId)).toMatchObject({
        type: 'HandoverItemAccepted',
        data: { itemId: 'sow', acceptedBy: 'carla', authority: 'project-manager' },
      });
    });

    it('approval is refused while a mandatory item is not accepted (422), optional items do not block', async () => {
      const { url } = await newHandover();
      await submitAndAccept(url, 'signed-contract');
      const head = await t.store.headPosition();
      const refused = await post(`${url}/approve`, {}, pm);
      expectProblem(refused, 422, 'mandatory-items-not-accepted');
      expect(refused.json().details).toEqual({ itemIds: ['sow'] });
      expect(await t.store.headPosition()).toBe(head);
    });

    it.each([
      ['sales', ['sales']],
      ['admin', ['admin']],
      ['care', ['care']],
      ['pmo', ['pmo']],
    ] as Array<[string, Role[]]>)(
      'approval by %s is refused (403 only-receiving-side-may-approve)',
      async (sub, roles) => {
        const { url } = await newHandover();
        await submitAndAccept(url, 'signed-contract');
        await submitAndAccept(url, 'sow');
        const token = await t.token({ sub: `other-${sub}`, roles });
        await expectRefused(
          t,
          () => post(`${url}/approve`, {}, token),
          403,
          'only-receiving-side-may-approve',
        );
      },
    );

    it('the sender cannot approve its own handover, even holding the receiving role (403)', async () => {
      const both = await t.token({ sub: 'sly', roles: ['sales', 'project-manager'] });
      const { url } = await newHandover(sellToExecute, both);
      await submitAndAccept(url, 'signed-contract');
      await submitAndAccept(url, 'sow');
      expectProblem(
        await post(`${url}/approve`, {}, both),
        403,
        'sender-cannot-approve-own-handover',
      );
    });

    it('approved by the project manager: HandoverApproved, and the project records the outcome', async () => {
      const { projectId, handoverId, url } = await newHandover();
      await submitAndAccept(url, 'signed-contract');
      await submitAndAccept(url, 'sow');
      const headers = {
        'idempotency-key': `approve-${handoverId}`,
        'x-correlation-id': 'corr-approve',
      };

      const response = await post(`${url}/approve`, { note: 'All in order' }, pm, headers);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      const approved = await lastEventOf(handoverId);
      expect(approved).toMatchObject({
        type: 'HandoverApproved',
        schemaVersion: 1,
        data: {
          handoverId,
          projectId,
          kind: 'sell-to-execute',
          approvedBy: 'carla',
          authority: 'project-manager',
          summary: {
            totalItems: 3,
            itemsAccepted: ['signed-contract', 'sow'],
            optionalItemsNotAccepted: ['stakeholder-map'],
          },
          accountable: 'carla',
          previousAccountable: 'sam',
          note: 'All in order',
        },
        metadata: {
          actor: { sub: 'carla', roles: ['project-manager'] },
          correlationId: 'corr-approve',
        },
      });

      const projectEvents = await t.store.readStream(projectStreamId(projectId));
      const recorded = projectEvents.at(-1)!;
      expect(recorded).toMatchObject({
        type: 'HandoverOutcomeRecorded',
        data: {
          projectId,
          handoverId,
          kind: 'sell-to-execute',
          outcome: 'approved',
          recordedBy: 'carla',
        },
        metadata: { correlationId: 'corr-approve', causationId: approved.id },
      });
      expect(body).toEqual({
        streamId: `handover-${handoverId}`,
        revision: approved.revision,
        position: recorded.position,
        followUps: [
          {
            reaction: 'project-records-handover-outcome',
            streamId: projectStreamId(projectId),
            revision: recorded.revision,
            position: recorded.position,
          },
        ],
      });

      // Replaying the request with the same key appends nothing, on either stream.
      const head = await t.store.headPosition();
      const again = await post(`${url}/approve`, { note: 'All in order' }, pm, headers);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(body);
      expect(await t.store.headPosition()).toBe(head);
      expect(await t.store.readStream(projectStreamId(projectId))).toHaveLength(
        projectEvents.length,
      );

      // An approved handover is final.
      expectProblem(
        await post(`${url}/reject`, { reason: 'Changed my mind' }, pm),
        422,
        'handover-final',
      );
    });

    it('rejected by the project manager: HandoverRejected, and the project records nothing', async () => {
      const { projectId, handoverId, url } = await newHandover();
      const before = await t.store.readStream(projectStreamId(projectId));
      const response = await post(`${url}/reject`, { reason: 'Deal not closed' }, pm);
      expect(response.statusCode).toBe(200);
      expect(response.json().followUps).toBeUndefined();
      expect(await lastEventOf(handoverId)).toMatchObject({
        type: 'HandoverRejected',
        data: { reason: 'Deal not closed', rejectedBy: 'carla', authority: 'project-manager' },
      });
      expect(await t.store.readStream(projectStreamId(projectId))).toHaveLength(before.length);
    });
  });

  describe('Delivery→Care', () => {
    const deliveryToCare = {
      kind: 'delivery-to-care',
      items: [
        { id: 'as-built', title: 'As-built documentation', mandatory: true },
        { id: 'spares', title: 'Spares list', mandatory: false },
      ],
    };

    it('initiated by the project manager, approved with conditions by care; the project records it', async () => {
      const { projectId, handoverId, url } = await newHandover(deliveryToCare, pm);
      const condition = { itemId: 'as-built', ownerId: 'carla', dueOn: '2099-06-30' };
      const spares = { itemId: 'spares', ownerId: 'tom', dueOn: '2099-07-31' };
      const response = await post(
        `${url}/conditional-approval`,
        { conditions: [spares, condition] },
        care,
      );
      expect(response.statusCode).toBe(200);
      expect(await lastEventOf(handoverId)).toMatchObject({
        type: 'HandoverConditionallyApproved',
        data: {
          kind: 'delivery-to-care',
          approvedBy: 'cora',
          authority: 'care',
          conditions: [
            { ...condition, mandatory: true },
            { ...spares, mandatory: false },
          ],
          accountable: 'cora',
          previousAccountable: 'carla',
        },
      });
      expect((await t.store.readStream(projectStreamId(projectId))).at(-1)).toMatchObject({
        type: 'HandoverOutcomeRecorded',
        data: { handoverId, kind: 'delivery-to-care', outcome: 'conditionally-approved' },
      });
      expect(response.json().followUps).toEqual([
        expect.objectContaining({
          reaction: 'project-records-handover-outcome',
          streamId: projectStreamId(projectId),
        }),
      ]);
    });

    it('every open item needs an owner and a due date (422)', async () => {
      const { url } = await newHandover(deliveryToCare, pm);
      const refused = await post(
        `${url}/conditional-approval`,
        { conditions: [{ itemId: 'as-built', ownerId: 'carla', dueOn: '2099-06-30' }] },
        care,
      );
      expectProblem(refused, 422, 'open-items-need-owner-and-due-date');
      expect(refused.json().details).toEqual({ itemIds: ['spares'] });
    });

    it('sales may not initiate it, and the project manager may not approve it (403)', async () => {
      const { projectId } = await newProject();
      expectProblem(
        await post(`/api/projects/${projectId}/handovers`, deliveryToCare, sales),
        403,
        'only-sending-side-may-initiate',
      );
      const { url } = await newHandover(deliveryToCare, pm);
      const otherPm = await t.token({ sub: 'peter', roles: ['project-manager'] });
      expectProblem(
        await post(`${url}/reject`, { reason: 'No' }, otherPm),
        403,
        'only-receiving-side-may-approve',
      );
    });
  });

  // A program outside the claim, an unknown project, handover or item, a handover of another
  // program's project and a malformed id: test/security/scope-and-not-found.e2e-spec.ts.
  describe('addressing: 403 role-required', () => {
    it('auditors and integrations never write to a handover (403 role-required)', async () => {
      const { projectId, url } = await newHandover();
      for (const role of ['auditor', 'integration'] as Role[]) {
        const token = await t.token({ sub: `u-${role}`, roles: [role] });
        expectProblem(
          await post(`/api/projects/${projectId}/handovers`, sellToExecute, token),
          403,
          'role-required',
        );
        expectProblem(await post(`${url}/approve`, {}, token), 403, 'role-required');
      }
    });
  });

  describe('400 for a bad body, naming the field, nothing appended', () => {
    const cases: Array<[string, string, object, string]> = [
      ['initiate: unknown kind', '', { ...sellToExecute, kind: 'care-to-sell' }, 'kind'],
      ['initiate: items not an array', '', { kind: 'sell-to-execute', items: 'all' }, 'items'],
      [
        'initiate: mandatory not a boolean',
        '',
        { kind: 'sell-to-execute', items: [{ id: 'a', title: 'A', mandatory: 'yes' }] },
        'items[0].mandatory',
      ],
      [
        'initiate: item id with a space',
        '',
        { kind: 'sell-to-execute', items: [{ id: 'a b', title: 'A', mandatory: true }] },
        'items[0].id',
      ],
      [
        'initiate: unknown item field',
        '',
        { kind: 'sell-to-execute', items: [{ id: 'a', title: 'A', mandatory: true, owner: 'x' }] },
        'items[0].owner',
      ],
      ['evidence: ref missing', '/items/sow/evidence', { note: 'x' }, 'ref'],
      ['evidence: ref too long', '/items/sow/evidence', { ref: 'x'.repeat(501) }, 'ref'],
      ['accept item: note not a string', '/items/sow/accept', { note: 42 }, 'note'],
      ['reject item: reason missing', '/items/sow/reject', {}, 'reason'],
      ['approve: unknown field', '/approve', { approvedBy: 'me' }, 'approvedBy'],
      ['conditional approval: conditions missing', '/conditional-approval', {}, 'conditions'],
      [
        'conditional approval: bad due date',
        '/conditional-approval',
        { conditions: [{ itemId: 'sow', ownerId: 'carla', dueOn: '31.12.2026' }] },
        'conditions[0].dueOn',
      ],
      ['reject: empty reason', '/reject', { reason: '' }, 'reason'],
      ['reject: bad effectiveAt', '/reject', { reason: 'x', effectiveAt: 'later' }, 'effectiveAt'],
    ];
    it.each(cases)('%s', async (_label, path, body, field) => {
      const { projectId, url } = await newHandover();
      const target = path === '' ? `/api/projects/${projectId}/handovers` : `${url}${path}`;
      const response = await expectRefused(
        t,
        () => post(target, body, path === '' ? sales : pm),
        400,
        'validation-failed',
      );
      expect(invalidFields(response)).toContain(field);
    });
  });

  it('the OpenAPI document describes every handover route', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json();
    const base = '/api/projects/{projectId}/handovers';
    for (const path of [
      '',
      '/{handoverId}/items/{itemId}/evidence',
      '/{handoverId}/items/{itemId}/accept',
      '/{handoverId}/items/{itemId}/reject',
      '/{handoverId}/approve',
      '/{handoverId}/conditional-approval',
      '/{handoverId}/reject',
    ]) {
      expect({ path, post: document.paths[`${base}${path}`]?.post !== undefined }).toEqual({
        path,
        post: true,
      });
    }
  });
});
