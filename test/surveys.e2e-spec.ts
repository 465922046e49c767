import { startFibreRolloutApp } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem, expectRefused } from './support/problem';
import {
  itRefusesInvalidInput,
  itRefusesRoles,
  type CommandRoutes,
} from './support/refusal-tables';
import type { TestApp } from './support/test-app';

describe('Customer surveys over HTTP (/api/projects/:projectId/surveys)', () => {
  let t: TestApp;
  let cpm: string;
  let projectId: string;
  let otherProjectId: string;
  const http = httpClient(
    () => t,
    () => cpm,
  );
  /** `ok` throws unless the POST is accepted (200/201) and answers its body. */
  const { post, postOk: ok } = http;
  /** Pat (pmo) sets up the program "Fibre North" and its two "Site rollout" projects over HTTP. */
  beforeAll(async () => {
    ({ t, cpm, projectId, otherProjectId } = await startFibreRolloutApp());
  });
  afterAll(() => t.close());

  const base = (project = projectId) => `/api/projects/${project}/surveys`;
  const on = (surveyId: string, action: string, project = projectId) =>
    `${base(project)}/${surveyId}/${action}`;
  const routes: CommandRoutes = { app: () => t, post, base, on, create: () => issue() };
  const eventsOf = (surveyId: string) => t.store.readStream(`survey-${surveyId}`);
  const named = { issuedOn: '2026-06-30', respondentRefs: ['crm-1', 'crm-2', 'crm-3'] };

  async function issue(body: unknown = named): Promise<string> {
    const { id } = await ok(base(), body);
    return id!;
  }

  describe('the lifecycle', () => {
    it('issues to named respondents, records their responses and closes with the NPS computed', async () => {
      const created = await post(base(), named);
      expect(created.statusCode).toBe(201);
      const id: string = created.json().id;
      expect(created.json()).toMatchObject({ streamId: `survey-${id}`, revision: 0 });

      const first = await post(on(id, 'responses'), {
        respondentRef: 'crm-1',
        nps: 10,
        csat: 5,
        verbatim: 'Great crew',
      });
      expect(first.statusCode).toBe(201);
      const firstId: string = first.json().id;
      const second = await post(on(id, 'responses'), {
        responseId: 'r-crm-2',
        respondentRef: 'crm-2',
        nps: 9,
        csat: 4,
      });
      expect(second.json().id).toBe('r-crm-2');
      await ok(on(id, 'responses'), {
        respondentRef: 'crm-3',
        nps: 3,
        csat: 2,
        verbatim: 'Late paperwork',
      });
      const closed = await post(on(id, 'close'), {});
      expect(closed.statusCode).toBe(200);

      const events = await eventsOf(id);
      expect(events.map((event) => event.type)).toEqual([
        'SurveyIssued',
        'SurveyResponseRecorded',
        'SurveyResponseRecorded',
        'SurveyResponseRecorded',
        'SurveyClosed',
      ]);
      expect(events[0]!.data).toEqual({
        surveyId: id,
        projectId,
        ...named,
        issuedBy: 'carol',
        authority: 'project-manager',
      });
      expect(events[1]!.data).toMatchObject({
        responseId: firstId,
        respondentRef: 'crm-1',
        nps: 10,
        npsCategory: 'promoter',
        csat: 5,
        verbatim: 'Great crew',
      });
      expect(events[2]!.data).toMatchObject({
        responseId: 'r-crm-2',
        npsCategory: 'promoter',
        verbatim: null,
      });
      expect(events[3]!.data).toMatchObject({ npsCategory: 'detractor' });
      // NPS = 100 × (2 promoters − 1 detractor) / 3 = 33.3 → 33; CSAT mean 11/3 → 3.67.
      expect(events[4]!.data).toEqual({
        surveyId: id,
        projectId,
        responseCount: 3,
        netPromoterScore: 33,
        csatAverage: 3.67,
        closedBy: 'carol',
        authority: 'project-manager',
      });
    });

    it('an open survey takes anonymous responses, from care and the survey tool too', async () => {
      const id = await issue({ issuedOn: '2026-06-30' });
      const care = await t.token({ sub: 'eve', roles: ['care'] });
      const tool = await t.token({ sub: 'survey-tool', roles: ['integration'] });
      await ok(on(id, 'responses'), { nps: 8, csat: 4 }, care);
      await ok(on(id, 'responses'), { nps: 6, csat: 3, verbatim: 'OK' }, tool);
      await ok(on(id, 'close'), {});
      const events = await eventsOf(id);
      expect(events[0]!.data).toMatchObject({ respondentRefs: null });
      expect(events[1]!.data).toMatchObject({
        respondentRef: null,
        npsCategory: 'passive',
        authority: 'care',
      });
      expect(events[2]!.data).toMatchObject({
        recordedBy: 'survey-tool',
        authority: 'integration',
      });
      expect(events[3]!.data).toMatchObject({
        responseCount: 2,
        netPromoterScore: -50,
        csatAverage: 3.5,
      });
    });

    it('closing without responses gives no score rather than zero; closing needs no body', async () => {
      const id = await issue({ issuedOn: '2026-06-30' });
      const response = await http.postAs(on(id, 'close'), cpm);
      expect(response.statusCode).toBe(200);
      expect((await eventsOf(id)).at(-1)!.data).toMatchObject({
        responseCount: 0,
        netPromoterScore: null,
        csatAverage: null,
      });
    });
  });

  describe('rules (422/409 with the rule as type, nothing written)', () => {
    it.each([
      {
        label: 'an NPS score above 10',
        body: { respondentRef: 'crm-1', nps: 11, csat: 3 },
        status: 422,
        type: 'nps-score-out-of-range',
      },
      {
        label: 'a fractional NPS score',
        body: { respondentRef: 'crm-1', nps: 7.5, csat: 3 },
        status: 422,
        type: 'nps-score-out-of-range',
      },
      {
        label: 'a CSAT score of 0',
        body: { respondentRef: 'crm-1', nps: 7, csat: 0 },
        status: 422,
        type: 'csat-score-out-of-range',
      },
      {
        label: 'a respondent the survey was not issued to',
        body: { respondentRef: 'crm-9', nps: 7, csat: 3 },
        status: 422,
        type: 'respondent-not-surveyed',
      },
      {
        label: 'an anonymous response to a named survey',
        body: { nps: 7, csat: 3 },
        status: 422,
        type: 'respondent-not-surveyed',
      },
    ])('$label', async ({ body, status, type }) => {
      const id = await issue();
      const before = await t.store.headPosition();
      expectProblem(await post(on(id, 'responses'), body), status, type);
      expect(await t.store.headPosition()).toBe(before);
    });

    it('one response per respondent and per response id (409)', async () => {
      const id = await issue();
      await ok(on(id, 'responses'), { responseId: 'r1', respondentRef: 'crm-1', nps: 9, csat: 5 });
      const before = await t.store.headPosition();
      expectProblem(
        await post(on(id, 'responses'), { respondentRef: 'crm-1', nps: 2, csat: 1 }),
        409,
        'respondent-already-responded',
      );
      expectProblem(
        await post(on(id, 'responses'), {
          responseId: 'r1',
          respondentRef: 'crm-2',
          nps: 2,
          csat: 1,
        }),
        409,
        'survey-response-already-recorded',
      );
      expect(await t.store.headPosition()).toBe(before);
    });

    it('a closed survey takes no more responses and is not closed twice', async () => {
      const id = await issue();
      await ok(on(id, 'close'), {});
      expectProblem(
        await post(on(id, 'responses'), { respondentRef: 'crm-1', nps: 9, csat: 5 }),
        422,
        'survey-closed',
      );
      expectProblem(await post(on(id, 'close'), {}), 422, 'survey-closed');
    });

    it('each respondent is named once', async () => {
      await expectRefused(
        t,
        () => post(base(), { issuedOn: '2026-06-30', respondentRefs: ['crm-1', 'crm-1'] }),
        422,
        'duplicate-respondent',
      );
    });
  });

  describe('bad bodies (400 naming the field, nothing written)', () => {
    itRefusesInvalidInput(routes, [
      {
        label: 'issue: issuedOn not a date',
        action: null,
        body: { issuedOn: 'June' },
        field: 'issuedOn',
      },
      {
        label: 'issue: respondentRefs not an array',
        action: null,
        body: { issuedOn: '2026-06-30', respondentRefs: 'crm-1' },
        field: 'respondentRefs',
      },
      {
        label: 'issue: a respondent by name',
        action: null,
        body: { issuedOn: '2026-06-30', respondentRefs: ['Jane Doe'] },
        field: 'respondentRefs',
      },
      {
        label: 'issue: an unknown field',
        action: null,
        body: { issuedOn: '2026-06-30', channel: 'email' },
        field: 'channel',
      },
      {
        label: 'response: nps not a number',
        action: 'responses',
        body: { nps: 'ten', csat: 5 },
        field: 'nps',
      },
      { label: 'response: csat missing', action: 'responses', body: { nps: 9 }, field: 'csat' },
      {
        label: 'response: verbatim not a string',
        action: 'responses',
        body: { nps: 9, csat: 5, verbatim: 5 },
        field: 'verbatim',
      },
      {
        label: 'response: respondentRef not an id',
        action: 'responses',
        body: { respondentRef: 'a b', nps: 9, csat: 5 },
        field: 'respondentRef',
      },
      { label: 'close: an unknown field', action: 'close', body: { nps: 40 }, field: 'nps' },
    ]);
  });

  describe('authorization (403)', () => {
    itRefusesRoles(
      routes,
      [
        { label: 'care cannot issue', roles: ['care'], action: null },
        { label: 'the integration cannot issue', roles: ['integration'], action: null },
        { label: 'an auditor cannot issue', roles: ['auditor'], action: null },
        {
          label: 'an admin cannot issue (no survey authority)',
          roles: ['admin'],
          action: null,
        },
        { label: 'care cannot close', roles: ['care'], action: 'close' },
        {
          label: 'sales cannot record a response',
          roles: ['sales'],
          action: 'responses',
        },
        {
          label: 'an auditor cannot record a response',
          roles: ['auditor'],
          action: 'responses',
        },
      ],
      (action) =>
        action === null
          ? named
          : action === 'close'
            ? {}
            : { respondentRef: 'crm-1', nps: 9, csat: 5 },
    );
  });

  // A program outside the claim, an unknown project or survey and a malformed id:
  // test/security/scope-and-not-found.e2e-spec.ts.
  describe('not found (404)', () => {
    it('a survey addressed under another project of the same program', async () => {
      const id = await issue();
      await expectRefused(
        t,
        () =>
          post(on(id, 'responses', otherProjectId), {
            respondentRef: 'crm-1',
            nps: 9,
            csat: 5,
          }),
        404,
        'survey-not-found',
      );
    });
  });
});
