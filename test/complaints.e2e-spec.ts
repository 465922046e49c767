import { randomUUID } from 'node:crypto';
import type { Role } from '@ledger/domain';
import { startFibreRolloutApp } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem, expectRefused } from './support/problem';
import {
  itRefusesInvalidInput,
  itRefusesRoles,
  type CommandRoutes,
} from './support/refusal-tables';
import type { TestApp } from './support/test-app';

describe('Complaints over HTTP (/api/projects/:projectId/complaints)', () => {
  let t: TestApp;
  let cpm: string;
  let programId: string;
  let projectId: string;
  let otherProjectId: string;
  const http = httpClient(
    () => t,
    () => cpm,
  );
  const { post } = http;
  /** Pat (pmo) sets up the program "Fibre North" and its two "Site rollout" projects over HTTP. */
  beforeAll(async () => {
    ({ t, cpm, programId, projectId, otherProjectId } = await startFibreRolloutApp());
  });
  afterAll(() => t.close());

  const base = (project = projectId) => `/api/projects/${project}/complaints`;
  const on = (complaintId: string, action: string, project = projectId) =>
    `${base(project)}/${complaintId}/${action}`;
  const routes: CommandRoutes = { app: () => t, post, base, on, create: () => receive() };

  const received = {
    receivedOn: '2026-03-01',
    channel: 'email',
    summary: 'Site crew left cabinet doors open',
    customerContactRef: 'crm-contact-42',
    hsRelated: false,
  };
  const assessedOn = '2026-03-02T09:00:00.000Z';

  async function receive(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await post(base(), { ...received, ...overrides });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  async function ok(url: string, body: unknown): Promise<void> {
    const response = await post(url, body);
    expect({ url, status: response.statusCode, body: response.json() }).toMatchObject({
      status: 200,
    });
  }

  /** A complaint moved through the lifecycle up to (and including) `until`. */
  async function complaintAt(
    until: 'received' | 'acknowledged' | 'assessed' | 'investigated' | 'responded' | 'closed',
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    const steps: Array<[string, string, unknown]> = [
      ['acknowledged', 'acknowledgement', {}],
      [
        'assessed',
        'assessment',
        { severity: 'medium', dueOn: '2026-03-16', effectiveAt: assessedOn },
      ],
      ['investigated', 'investigation', { findings: 'No close-out checklist' }],
      ['responded', 'response', { response: 'Checklist introduced', respondedOn: '2026-03-05' }],
      ['closed', 'close', { customerSatisfied: true }],
    ];
    const id = await receive(overrides);
    for (const [state, action, body] of steps) {
      if (until === 'received') break;
      await ok(on(id, action), body);
      if (state === until) break;
    }
    return id;
  }

  const eventsOf = async (complaintId: string) => t.store.readStream(`complaint-${complaintId}`);

  describe('the lifecycle', () => {
    it('receives, acknowledges, assesses (H&S: priority top), investigates, responds, closes and reopens', async () => {
      const response = await post(base(), { ...received, hsRelated: true });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toEqual({
        id: expect.any(String),
        streamId: `complaint-${body.id}`,
        revision: 0,
        position: expect.any(Number),
      });
      const id: string = body.id;

      await ok(on(id, 'acknowledgement'), {});
      await ok(on(id, 'assessment'), {
        severity: 'low',
        dueOn: '2026-03-04',
        effectiveAt: assessedOn,
      });
      await ok(on(id, 'investigation'), { findings: 'No close-out checklist' });
      await ok(on(id, 'response'), { response: 'Checklist introduced', respondedOn: '2026-03-05' });
      await ok(on(id, 'close'), { customerSatisfied: false, note: 'Wants a site audit first' });
      const reopened = await post(on(id, 'reopen'), { reason: 'Doors found open again' });
      expect(reopened.statusCode).toBe(200);
      expect(reopened.json()).toMatchObject({ streamId: `complaint-${id}`, revision: 6 });

      const events = await eventsOf(id);
      expect(events.map((event) => event.type)).toEqual([
        'ComplaintReceived',
        'ComplaintAcknowledged',
        'ComplaintAssessed',
        'ComplaintInvestigated',
        'ComplaintResponded',
        'ComplaintClosed',
        'ComplaintReopened',
      ]);
      const by = { authority: 'project-manager' };
      expect(events[0]!.data).toEqual({
        complaintId: id,
        projectId,
        ...received,
        hsRelated: true,
        receivedBy: 'carol',
        ...by,
      });
      expect(events[2]!.data).toMatchObject({
        severity: 'low',
        priority: 'top',
        hsRelated: true,
        assessedOn: '2026-03-02',
        dueOn: '2026-03-04',
        assessedBy: 'carol',
        ...by,
      });
      expect(events[2]!.metadata.effectiveAt).toBe(assessedOn);
      expect(events[4]!.data).toMatchObject({ respondedOn: '2026-03-05', respondedBy: 'carol' });
      expect(events[5]!.data).toMatchObject({
        customerSatisfied: false,
        note: 'Wants a site audit first',
      });
      expect(events[6]!.data).toMatchObject({
        reason: 'Doors found open again',
        reopenedBy: 'carol',
      });
      expect(events[6]!.metadata.actor).toEqual({ sub: 'carol', roles: ['project-manager'] });
    });

    it('gives a complaint that is not H&S-related the priority of its severity', async () => {
      const id = await complaintAt('assessed');
      const [, , assessed] = await eventsOf(id);
      expect(assessed!.data).toMatchObject({
        severity: 'medium',
        priority: 'medium',
        hsRelated: false,
      });
    });

    it('acknowledges without a body at all (no content type)', async () => {
      const id = await receive();
      const response = await http.postAs(on(id, 'acknowledgement'), cpm);
      expect(response.statusCode).toBe(200);
      expect((await eventsOf(id)).map((event) => event.type)).toContain('ComplaintAcknowledged');
    });

    it('lets care handle the complaint and the CRM integration feed one in', async () => {
      const integration = await t.token({ sub: 'crm', roles: ['integration'] });
      const fed = await post(base(), received, integration);
      expect(fed.statusCode).toBe(201);
      const care = await t.token({ sub: 'eve', roles: ['care'] });
      const acknowledged = await post(on(fed.json().id, 'acknowledgement'), {}, care);
      expect(acknowledged.statusCode).toBe(200);
      const events = await eventsOf(fed.json().id);
      expect(events[0]!.data).toMatchObject({ receivedBy: 'crm', authority: 'integration' });
      expect(events[1]!.data).toMatchObject({ acknowledgedBy: 'eve', authority: 'care' });
    });

    it('the same Idempotency-Key receives one complaint', async () => {
      const headers = { 'idempotency-key': `receive-${randomUUID()}` };
      const first = await post(base(), received, cpm, headers);
      const headBefore = await t.store.headPosition();
      const again = await post(base(), received, cpm, headers);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(await t.store.headPosition()).toBe(headBefore);
    });
  });

  describe('linking a corrective action', () => {
    async function openCapa(sourceRef: string, project = projectId): Promise<string> {
      const response = await post(`/api/projects/${project}/corrective-actions`, {
        source: 'complaint',
        sourceRef,
        problemStatement: 'Cabinet doors left open',
      });
      expect(response.statusCode).toBe(201);
      return response.json<{ id: string }>().id;
    }

    it('links a CAPA raised from this complaint, even once the complaint is closed', async () => {
      const id = await complaintAt('closed');
      const capaId = await openCapa(id);
      const response = await post(on(id, 'corrective-action-link'), { capaId });
      expect(response.statusCode).toBe(200);
      const events = await eventsOf(id);
      expect(events.at(-1)).toMatchObject({
        type: 'ComplaintLinkedToCorrectiveAction',
        data: { complaintId: id, projectId, capaId, linkedBy: 'carol' },
      });
      expectProblem(
        await post(on(id, 'corrective-action-link'), { capaId }),
        409,
        'capa-already-linked',
      );
    });

    it('refuses a CAPA raised from another complaint (422), an unknown one or one of another project (404)', async () => {
      const id = await receive();
      const otherComplaint = await receive();
      const length = (await eventsOf(id)).length;
      const foreign = await openCapa(otherComplaint);
      expectProblem(
        await post(on(id, 'corrective-action-link'), { capaId: foreign }),
        422,
        'capa-not-raised-from-complaint',
      );
      expectProblem(
        await post(on(id, 'corrective-action-link'), { capaId: randomUUID() }),
        404,
        'capa-not-found',
      );
      const elsewhere = await openCapa(id, otherProjectId);
      expectProblem(
        await post(on(id, 'corrective-action-link'), { capaId: elsewhere }),
        404,
        'capa-not-found',
      );
      expect(await eventsOf(id)).toHaveLength(length);
    });
  });

  describe('order and rules (422 with the rule as type, nothing written)', () => {
    const cases: Array<
      [string, Parameters<typeof complaintAt>[0], string, unknown, string, Record<string, unknown>?]
    > = [
      [
        'respond before investigating',
        'assessed',
        'response',
        { response: 'x', respondedOn: '2026-03-05' },
        'complaint-not-investigated',
      ],
      [
        'assess before acknowledging',
        'received',
        'assessment',
        { severity: 'low', dueOn: '2026-03-16', effectiveAt: assessedOn },
        'complaint-not-acknowledged',
      ],
      [
        'investigate before assessing',
        'acknowledged',
        'investigation',
        { findings: 'x' },
        'complaint-not-assessed',
      ],
      [
        'close before responding',
        'investigated',
        'close',
        { customerSatisfied: true },
        'complaint-not-responded',
      ],
      [
        'close a dissatisfied customer without a note',
        'responded',
        'close',
        { customerSatisfied: false },
        'dissatisfaction-note-required',
      ],
      [
        'reopen a complaint that is not closed',
        'responded',
        'reopen',
        { reason: 'x' },
        'complaint-not-closed',
      ],
      [
        'a response dated before receipt',
        'investigated',
        'response',
        { response: 'x', respondedOn: '2026-02-28' },
        'complaint-response-before-receipt',
      ],
      [
        'a due date before the assessment',
        'acknowledged',
        'assessment',
        { severity: 'low', dueOn: '2026-03-01', effectiveAt: assessedOn },
        'complaint-due-before-assessment',
      ],
      [
        'an H&S complaint due more than 2 days after assessment',
        'acknowledged',
        'assessment',
        { severity: 'critical', dueOn: '2026-03-05', effectiveAt: assessedOn },
        'hs-complaint-due-too-late',
        { hsRelated: true },
      ],
    ];
    // Objects, not rows: a row shorter than the callback's parameter list makes Jest pass `done`.
    const named = cases.map(([label, until, action, body, type, overrides]) => ({
      label,
      until,
      action,
      body,
      type,
      overrides,
    }));
    it.each(named)('$label', async ({ until, action, body, type, overrides }) => {
      const id = await complaintAt(until, overrides);
      const before = await t.store.headPosition();
      const response = await post(on(id, action), body);
      expectProblem(response, 422, type);
      expect(await t.store.headPosition()).toBe(before);
    });

    it('acknowledging twice is a conflict (409)', async () => {
      const id = await complaintAt('acknowledged');
      expectProblem(
        await post(on(id, 'acknowledgement'), {}),
        409,
        'complaint-already-acknowledged',
      );
    });
  });

  describe('bad bodies (400 naming the field, nothing written)', () => {
    const cases: Array<[string, string | null, unknown, string]> = [
      ['receive: unknown channel', null, { ...received, channel: 'pigeon' }, 'channel'],
      ['receive: hsRelated missing', null, { ...received, hsRelated: undefined }, 'hsRelated'],
      [
        'receive: not a calendar date',
        null,
        { ...received, receivedOn: '01/03/2026' },
        'receivedOn',
      ],
      [
        'receive: a name as the contact ref',
        null,
        { ...received, customerContactRef: 'Jane Doe' },
        'customerContactRef',
      ],
      [
        'receive: an unknown field',
        null,
        { ...received, customerEmail: 'jane@example.com' },
        'customerEmail',
      ],
      ['acknowledge: an unknown field', 'acknowledgement', { severity: 'low' }, 'severity'],
      [
        'assess: unknown severity',
        'assessment',
        { severity: 'urgent', dueOn: '2026-03-16' },
        'severity',
      ],
      ['assess: bad due date', 'assessment', { severity: 'low', dueOn: '2026-02-30' }, 'dueOn'],
      ['investigate: empty findings', 'investigation', { findings: '' }, 'findings'],
      ['respond: respondedOn missing', 'response', { response: 'x' }, 'respondedOn'],
      [
        'close: customerSatisfied not a boolean',
        'close',
        { customerSatisfied: 'yes' },
        'customerSatisfied',
      ],
      ['reopen: reason not a string', 'reopen', { reason: 42 }, 'reason'],
      ['reopen: reason only whitespace', 'reopen', { reason: '  ' }, 'reason'],
      [
        'link: capaId not an id',
        'corrective-action-link',
        { capaId: 'no spaces please' },
        'capaId',
      ],
      [
        'any: bad effectiveAt',
        'investigation',
        { findings: 'x', effectiveAt: 'yesterday' },
        'effectiveAt',
      ],
    ];
    itRefusesInvalidInput(
      routes,
      cases.map(([label, action, body, field]) => ({ label, action, body, field })),
    );
  });

  describe('authorization (403)', () => {
    const roleCases: Array<[string, Role[], string | null]> = [
      ['an auditor cannot receive', ['auditor'], null],
      ['sales cannot receive', ['sales'], null],
      ['an admin cannot receive (no complaint authority)', ['admin'], null],
      [
        'the PMO cannot acknowledge (only the CPM or care handle complaints)',
        ['pmo'],
        'acknowledgement',
      ],
      ['the integration cannot acknowledge', ['integration'], 'acknowledgement'],
      ['an auditor cannot close', ['auditor'], 'close'],
    ];
    itRefusesRoles(
      routes,
      roleCases.map(([label, roles, action]) => ({ label, roles, action })),
      (action) => (action === null ? received : { customerSatisfied: true }),
    );

    // A program outside the claim: test/security/scope-and-not-found.e2e-spec.ts.
    it('a claim that lists the program is let through', async () => {
      const id = await receive();
      const insider = await t.token({
        sub: 'carol',
        roles: ['project-manager'],
        programs: [programId],
      });
      expect((await post(on(id, 'acknowledgement'), {}, insider)).statusCode).toBe(200);
    });
  });

  // Unknown ids and malformed ids: test/security/scope-and-not-found.e2e-spec.ts.
  describe('not found (404)', () => {
    it('a complaint addressed under another project of the same program', async () => {
      const id = await receive();
      await expectRefused(
        t,
        () => post(on(id, 'acknowledgement', otherProjectId), {}),
        404,
        'complaint-not-found',
      );
    });
  });
});
