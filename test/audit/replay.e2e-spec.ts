import { applyJsonPatch, type JsonPatchOperation, type TimelineEntry } from '@ledger/audit';
import type { JsonValue, RecordedEvent } from '@ledger/event-store';
import { createProgram, registerContract } from '../support/fixtures';
import { httpClient, tokensFor } from '../support/http-client';
import { expectProblem } from '../support/problem';
import { startTestApp, type TestApp } from '../support/test-app';

const baselineBody = {
  budget: { amount: 100_000_000, currency: 'EUR' },
  scope: [{ id: 's1', title: 'Core sites' }],
  milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
  quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
  effectiveAt: '2026-02-01T09:00:00Z',
};
const raiseBody = {
  title: 'Add the depot sites',
  origin: 'customer',
  categories: ['cost'],
  justification: 'The customer opened a new depot',
};
const none = { impact: 'none' };
const costImpact = {
  cost: { impact: 'change', budgetDelta: { amount: 12_500_000, currency: 'EUR' } },
  schedule: none,
  scope: none,
  quality: none,
};

interface StateAnswer {
  kind: string;
  id: string;
  asOf: string | null;
  effectiveOn: string | null;
  state: Record<string, JsonValue>;
  lastEvent: { position: number; revision: number; type: string } | null;
  eventsApplied: number;
  eventsSkippedAsNotYetEffective: number;
}

/**
 * Issue 10 §1 over HTTP: a project's history driven by its people (program, contract and project
 * by the PMO, a baseline and an approved change request by two project managers, then a change
 * request back-dated into February and recorded last), read back by an auditor from the log.
 */
describe('audit: replay and time travel', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const http = httpClient(() => t);
  let programId: string;
  let contractId: string;
  let projectId: string;
  let riskId: string;
  let handoverId: string;
  /** Recorded times: after creation, after the approved change request, and now (all). */
  const moments = { created: '', approved: '' };

  const auditor = () => tokens.audrey!;
  const get = <T>(url: string, token = auditor()) =>
    http.get(url, token).then((reply) => {
      if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode} ${reply.body}`);
      return reply.json<T>();
    });
  const events = (streamId: string): Promise<RecordedEvent[]> => t.store.readStream(streamId);
  const lastRecordedAt = async (streamId: string) => (await events(streamId)).at(-1)!.recordedAt;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(
      tokens,
      await tokensFor(t, {
        paula: { roles: ['pmo'] },
        alice: { roles: ['project-manager'] },
        bob: { roles: ['project-manager'] },
        audrey: { roles: ['auditor'] },
        sam: { roles: ['sales'] },
      }),
    );
    programId = await createProgram(http, tokens.paula!, 'Metro fibre');
    contractId = await registerContract(http, tokens.paula!, {
      programId,
      customerId: 'cust-1',
      title: 'Frame contract',
      value: { amount: 500_000_000, currency: 'EUR' },
      signedOn: '2026-01-15',
    });
    const project = await http.postOk(
      '/api/projects',
      { programId, contractId, name: 'Ring 1', effectiveAt: '2026-01-20T09:00:00Z' },
      tokens.paula,
    );
    projectId = project.id!;
    moments.created = await lastRecordedAt(`project-${projectId}`);
    const url = `/api/projects/${projectId}`;
    await http.postOk(`${url}/baseline`, baselineBody, tokens.alice);
    const cr = await http.postOk(
      `${url}/change-requests`,
      { ...raiseBody, effectiveAt: '2026-03-01T09:00:00Z' },
      tokens.alice,
    );
    const crUrl = `${url}/change-requests/${cr.id!}`;
    await http.postOk(
      `${crUrl}/assessment`,
      { ...costImpact, effectiveAt: '2026-03-02T09:00:00Z' },
      tokens.alice,
    );
    await http.postOk(
      `${crUrl}/decision`,
      {
        outcome: 'approved',
        reason: 'Customer funds the depot',
        effectiveAt: '2026-03-05T09:00:00Z',
      },
      tokens.bob,
    );
    moments.approved = await lastRecordedAt(`project-${projectId}`);
    // Known last, true since mid-February: a change request raised on paper and entered late.
    await http.postOk(
      `${url}/change-requests`,
      { ...raiseBody, title: 'Night works permit', effectiveAt: '2026-02-15T09:00:00Z' },
      tokens.alice,
    );
    riskId = (await http.postOk(`${url}/risks`, riskBody(), tokens.alice)).id!;
    handoverId = (
      await http.postOk(
        `${url}/handovers`,
        {
          kind: 'sell-to-execute',
          items: [{ id: 'signed-contract', title: 'Signed contract', mandatory: true }],
          effectiveAt: '2026-03-04T09:00:00Z',
        },
        tokens.sam,
      )
    ).id!;
  });
  afterAll(() => t.close());

  const projectState = (query = '') =>
    get<StateAnswer>(`/api/audit/projects/${projectId}/state${query}`);
  const crIds = async () =>
    (await events(`project-${projectId}`))
      .filter((event) => event.type === 'ChangeRequestRaised')
      .map((event) => event.data.changeRequestId as string);

  it('the project stream holds the history in the order it was recorded', async () => {
    expect((await events(`project-${projectId}`)).map((event) => event.type)).toEqual([
      'ProjectCreated',
      'BaselineEstablished',
      'ChangeRequestRaised',
      'ChangeRequestImpactAssessed',
      'ChangeRequestDecided',
      'BudgetChanged',
      'BaselineRevised',
      'ChangeRequestRaised',
    ]);
  });

  describe('GET /api/audit/projects/:projectId/state', () => {
    it('answers the project as the system knew it at three recorded moments, from the log', async () => {
      const [depot, permit] = await crIds();
      const now = await projectState();
      const atCreation = await projectState(`?asOf=${moments.created}`);
      const atApproval = await projectState(`?asOf=${moments.approved}`);

      // At creation: only ProjectCreated; the state is the final one without anything later.
      expect(atCreation).toMatchObject({
        kind: 'projects',
        id: projectId,
        asOf: moments.created,
        effectiveOn: null,
        lastEvent: { revision: 0, type: 'ProjectCreated' },
        eventsApplied: 1,
        eventsSkippedAsNotYetEffective: 0,
      });
      expect(atCreation.state).toEqual({
        ...now.state,
        baseline: null,
        changeRequests: {},
      });

      // At the approval: the baseline revised to version 2 by the depot request, no permit yet.
      expect(atApproval).toMatchObject({
        lastEvent: { revision: 6, type: 'BaselineRevised' },
        eventsApplied: 7,
      });
      expect(Object.keys(atApproval.state.changeRequests as object)).toEqual([depot]);
      expect(atApproval.state).toEqual({
        ...now.state,
        changeRequests: {
          [depot!]: (now.state.changeRequests as Record<string, JsonValue>)[depot!],
        },
      });
      expect(atApproval.state.baseline).toMatchObject({
        original: { version: 1, budget: { amount: 100_000_000 } },
        current: { version: 2, budget: { amount: 112_500_000 }, changeRequestId: depot },
      });

      // Now: everything, the late permit request included.
      expect(now).toMatchObject({
        asOf: null,
        lastEvent: { revision: 7, type: 'ChangeRequestRaised' },
        eventsApplied: 8,
        eventsSkippedAsNotYetEffective: 0,
      });
      expect(now.state.changeRequests).toMatchObject({
        [depot!]: {
          status: 'approved',
          decision: { decidedBy: 'bob', authority: 'project-manager' },
        },
        [permit!]: { status: 'raised', title: 'Night works permit' },
      });
    });

    it('is bitemporal: a fact back-dated to February counts on 20 February only once it was recorded', async () => {
      const [depot, permit] = await crIds();
      const knownAtApproval = await projectState(
        `?asOf=${moments.approved}&effectiveOn=2026-02-20`,
      );
      expect(knownAtApproval).toMatchObject({
        effectiveOn: '2026-02-20',
        lastEvent: { revision: 1, type: 'BaselineEstablished' },
        eventsApplied: 2,
        // The depot request (raised, assessed, decided with its budget and baseline revision).
        eventsSkippedAsNotYetEffective: 5,
      });
      expect(knownAtApproval.state.changeRequests).toEqual({});

      const knownNow = await projectState('?effectiveOn=2026-02-20');
      expect(knownNow).toMatchObject({
        lastEvent: { revision: 7, type: 'ChangeRequestRaised' },
        eventsApplied: 3,
        eventsSkippedAsNotYetEffective: 5,
      });
      expect(Object.keys(knownNow.state.changeRequests as object)).toEqual([permit]);
      expect(knownNow.state.baseline).toMatchObject({ current: { version: 1 } });

      // Between assessment and decision in business time: the depot request is assessed, not decided.
      const beforeDecision = await projectState('?effectiveOn=2026-03-02');
      expect(beforeDecision.state.changeRequests).toMatchObject({
        [depot!]: { status: 'assessed', decision: null },
        [permit!]: { status: 'raised' },
      });
      expect(beforeDecision.eventsSkippedAsNotYetEffective).toBe(3);
    });

    it('replays contracts, and risks and handovers under their project', async () => {
      const contract = await get<StateAnswer>(`/api/audit/contracts/${contractId}/state`);
      expect(contract).toMatchObject({
        kind: 'contracts',
        id: contractId,
        lastEvent: { revision: 0, type: 'ContractRegistered' },
        state: { programId, title: 'Frame contract' },
      });
      const risk = await get<StateAnswer>(
        `/api/audit/projects/${projectId}/risks/${riskId}/state?effectiveOn=2026-03-03`,
      );
      expect(risk).toMatchObject({
        kind: 'risks',
        id: riskId,
        eventsApplied: 1,
        state: { projectId, title: 'Late delivery of radio units' },
      });
      // Before the risk was true in business time: the initial state, nothing applied.
      const before = await get<StateAnswer>(
        `/api/audit/projects/${projectId}/risks/${riskId}/state?effectiveOn=2026-03-02`,
      );
      expect(before).toMatchObject({
        lastEvent: null,
        eventsApplied: 0,
        eventsSkippedAsNotYetEffective: 1,
      });
      const handover = await get<StateAnswer>(
        `/api/audit/projects/${projectId}/handovers/${handoverId}/state`,
      );
      expect(handover).toMatchObject({
        kind: 'handovers',
        id: handoverId,
        lastEvent: { revision: 0, effectiveAt: '2026-03-04T09:00:00.000Z' },
        state: { projectId, kind: 'sell-to-execute' },
      });
    });
  });

  describe('GET /api/audit/projects/:projectId/timeline', () => {
    it('names every event with its actor, authority and patch; the patches in order rebuild the state', async () => {
      const [depot] = await crIds();
      const timeline = await get<{ items: TimelineEntry[]; next: number | null }>(
        `/api/audit/projects/${projectId}/timeline`,
      );
      expect(timeline.next).toBeNull();
      expect(timeline.items.map((entry) => entry.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const decided = timeline.items.find((entry) => entry.type === 'ChangeRequestDecided')!;
      expect(decided).toMatchObject({
        actor: { sub: 'bob', roles: ['project-manager'] },
        authority: {
          authority: 'project-manager',
          changeRequestId: depot,
          decidedBy: 'bob',
          reason: 'Customer funds the depot',
        },
        effectiveAt: '2026-03-05T09:00:00.000Z',
      });
      expect(decided.patch).toContainEqual({
        op: 'replace',
        path: `/changeRequests/${depot}/status`,
        value: 'approved',
      });
      expect(timeline.items[0]).toMatchObject({ authority: null, actor: { sub: 'paula' } });

      const rebuilt = timeline.items.reduce<JsonValue>(
        (state, entry) => applyJsonPatch(state, entry.patch),
        { status: 'absent' },
      );
      expect(rebuilt).toEqual((await projectState()).state);
    });

    it('pages by revision: the pages together are the whole timeline', async () => {
      const url = `/api/audit/projects/${projectId}/timeline`;
      const whole = await get<{ items: TimelineEntry[] }>(url);
      const first = await get<{ items: TimelineEntry[]; next: number | null }>(`${url}?limit=3`);
      expect(first.next).toBe(3);
      const second = await get<{ items: TimelineEntry[]; next: number | null }>(
        `${url}?fromRevision=3&limit=5`,
      );
      expect(second.next).toBeNull();
      expect([...first.items, ...second.items]).toEqual(whole.items);
      expectProblem(await http.get(`${url}?limit=501`, auditor()), 400, 'validation-failed');
    });
  });

  describe('GET /api/audit/projects/:projectId/diff', () => {
    it('answers the patch from the state at one moment to another, by time or by revision', async () => {
      const url = `/api/audit/projects/${projectId}/diff`;
      const byTime = await get<{
        patch: JsonPatchOperation[];
        from: { revision: number };
        to: { revision: number };
      }>(`${url}?from=${moments.created}&to=${moments.approved}`);
      expect(byTime).toMatchObject({ projectId, from: { revision: 0 }, to: { revision: 6 } });
      const atCreation = await projectState(`?asOf=${moments.created}`);
      const atApproval = await projectState(`?asOf=${moments.approved}`);
      expect(applyJsonPatch(atCreation.state, byTime.patch)).toEqual(atApproval.state);

      const byRevision = await get<{ patch: JsonPatchOperation[] }>(
        `${url}?fromRevision=0&toRevision=6`,
      );
      expect(byRevision.patch).toEqual(byTime.patch);

      // Without bounds: from before the first event to now.
      const whole = await get<{ patch: JsonPatchOperation[]; from: null }>(url);
      expect(whole.from).toBeNull();
      expect(applyJsonPatch({ status: 'absent' }, whole.patch)).toEqual(
        (await projectState()).state,
      );

      expectProblem(
        await http.get(`${url}?from=${moments.created}&fromRevision=0`, auditor()),
        422,
        'diff-moment-ambiguous',
      );
    });
  });

  describe('GET /api/audit/streams/:streamId/events', () => {
    type Page = { streamId: string; items: RecordedEvent[]; next: number | null };

    it('serves the stored envelopes (stored hashes), paged by revision', async () => {
      const streamId = `project-${projectId}`;
      const stored = await events(streamId);
      const all = await get<Page>(`/api/audit/streams/${streamId}/events`);
      expect(all).toEqual({ streamId, items: stored, next: null });
      expect(all.items[0]).toMatchObject({
        revision: 0,
        prevHash: expect.any(String),
        hash: stored[0]!.hash,
        metadata: {
          actor: { sub: 'paula' },
          correlationId: expect.any(String),
          commandId: expect.any(String),
        },
      });

      const first = await get<Page>(`/api/audit/streams/${streamId}/events?limit=5`);
      expect(first.items.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(first.next).toBe(5);
      const rest = await get<Page>(`/api/audit/streams/${streamId}/events?fromRevision=5`);
      expect(rest.items.map((event) => event.revision)).toEqual([5, 6, 7]);
    });

    it('filters by type and by recorded time', async () => {
      const streamId = `project-${projectId}`;
      const url = `/api/audit/streams/${streamId}/events`;
      const raised = await get<Page>(`${url}?type=ChangeRequestRaised`);
      expect(raised.items.map((event) => event.revision)).toEqual([2, 7]);
      const onePerPage = await get<Page>(`${url}?type=ChangeRequestRaised&limit=1`);
      expect(onePerPage.next).toBe(3);

      const late = (await events(streamId)).at(-1)!.recordedAt;
      const recordedLate = await get<Page>(`${url}?recordedFrom=${late}`);
      expect(recordedLate.items.map((event) => event.revision)).toEqual([7]);
      const recordedEarly = await get<Page>(`${url}?recordedTo=${moments.created}`);
      expect(recordedEarly.items.map((event) => event.revision)).toEqual([0]);
    });

    it("scopes every domain stream by its program: a risk's, the program's own", async () => {
      const risk = await get<Page>(`/api/audit/streams/risk-${riskId}/events`);
      expect(risk.items.map((event) => event.type)).toEqual(['RiskRaised']);
      const program = await get<Page>(`/api/audit/streams/program-${programId}/events`);
      expect(program.items[0]).toMatchObject({ revision: 0, data: { programId } });
    });
  });

  describe('refusals', () => {
    it('403 for another program, 403 for a role that does not audit', async () => {
      const elsewhere = await t.token({ sub: 'eve', roles: ['auditor'], programs: ['prog-other'] });
      const manager = tokens.alice!;
      for (const url of [
        `/api/audit/projects/${projectId}/state`,
        `/api/audit/contracts/${contractId}/state`,
        `/api/audit/projects/${projectId}/risks/${riskId}/state`,
        `/api/audit/projects/${projectId}/handovers/${handoverId}/state`,
        `/api/audit/projects/${projectId}/timeline`,
        `/api/audit/projects/${projectId}/diff`,
        `/api/audit/streams/project-${projectId}/events`,
        `/api/audit/streams/risk-${riskId}/events`,
        `/api/audit/streams/program-${programId}/events`,
      ]) {
        expectProblem(await http.get(url, elsewhere), 403, 'program-not-in-claim');
        expectProblem(await http.get(url, manager), 403, 'role-required');
      }
    });

    it('404 for unknown ids, unknown stream categories and a child of another project', async () => {
      const otherProject = await http.postOk(
        '/api/projects',
        { programId, contractId, name: 'Ring 2' },
        tokens.paula,
      );
      const cases: Array<[string, string]> = [
        ['/api/audit/projects/no-such-project/state', 'project-not-found'],
        ['/api/audit/projects/no-such-project/timeline', 'project-not-found'],
        ['/api/audit/contracts/no-such-contract/state', 'contract-not-found'],
        [`/api/audit/projects/${projectId}/risks/no-such-risk/state`, 'risk-not-found'],
        [`/api/audit/projects/${otherProject.id!}/risks/${riskId}/state`, 'risk-not-found'],
        [`/api/audit/projects/${projectId}/handovers/no-such-handover/state`, 'handover-not-found'],
        ['/api/audit/streams/project-no-such-project/events', 'stream-not-found'],
        ['/api/audit/streams/ledger-checkpoints/events', 'stream-not-found'],
        ['/api/audit/streams/nocategory/events', 'stream-not-found'],
      ];
      for (const [url, type] of cases) expectProblem(await http.get(url, auditor()), 404, type);
    });
  });
});

function riskBody() {
  return {
    kind: 'threat',
    title: 'Late delivery of radio units',
    cause: 'Single supplier for the radio units',
    event: 'Radio units arrive after the rollout window opens',
    effect: 'Site integration slips by up to six weeks',
    category: 'supply-chain',
    effectiveAt: '2026-03-03T09:00:00Z',
  };
}
