import { randomUUID } from 'node:crypto';
import type { Role } from '@ledger/domain';
import { startFibreRolloutApp } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem, expectRefused, invalidFields } from './support/problem';
import {
  itRefusesInvalidInput,
  itRefusesRoles,
  type CommandRoutes,
} from './support/refusal-tables';
import type { TestApp } from './support/test-app';

describe('H&S over HTTP (/api/projects/:projectId/incidents and /exposure-hours)', () => {
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

  describe('incidents', () => {
    const base = (project = projectId) => `/api/projects/${project}/incidents`;
    const on = (incidentId: string, action: string, project = projectId) =>
      `${base(project)}/${incidentId}/${action}`;
    const routes: CommandRoutes = { app: () => t, post, base, on, create: () => report() };
    const reported = {
      occurredAt: '2026-03-10T14:20:00+01:00',
      siteId: 'site-7',
      description: 'Ladder slipped while mounting an antenna',
      personRefs: ['emp-1042'],
    };
    const eventsOf = (incidentId: string) => t.store.readStream(`incident-${incidentId}`);

    async function report(token = cpm): Promise<string> {
      const response = await post(base(), reported, token);
      expect(response.statusCode).toBe(201);
      return response.json<{ id: string }>().id;
    }
    async function classified(classification: string): Promise<string> {
      const id = await report();
      await ok(on(id, 'classification'), { classification });
      return id;
    }

    it('reports, classifies (LTI: recordable), records and corrects lost days, reclassifies, investigates and closes', async () => {
      const created = await post(base(), reported);
      expect(created.statusCode).toBe(201);
      const id: string = created.json().id;
      expect(created.json()).toMatchObject({ streamId: `incident-${id}`, revision: 0 });

      await ok(on(id, 'classification'), { classification: 'lost-time-injury' });
      await ok(on(id, 'lost-days'), { lostDays: 3 });
      await ok(on(id, 'lost-days'), { lostDays: 2, reason: 'Returned to work a day early' });
      await ok(on(id, 'reclassification'), {
        classification: 'restricted-work',
        reason: 'Restricted duties only, confirmed by HR',
      });
      await ok(on(id, 'investigation'), {
        findings: 'Ladder not tied off',
        rootCauseRef: 'capa-17',
      });
      await ok(on(id, 'close'), { note: 'Actions tracked in CAPA capa-17' });

      const events = await eventsOf(id);
      expect(events.map((event) => event.type)).toEqual([
        'SafetyIncidentReported',
        'SafetyIncidentClassified',
        'LostDaysRecorded',
        'LostDaysRecorded',
        'SafetyIncidentReclassified',
        'SafetyIncidentInvestigated',
        'SafetyIncidentClosed',
      ]);
      const ref = { incidentId: id, projectId, siteId: 'site-7' };
      // Exactly the named fields: no room for injury or medical detail.
      expect(events[0]!.data).toEqual({
        ...ref,
        occurredAt: reported.occurredAt,
        description: reported.description,
        personRefs: ['emp-1042'],
        reportedBy: 'carol',
        authority: 'project-manager',
      });
      expect(events[1]!.data).toMatchObject({
        ...ref,
        classification: 'lost-time-injury',
        recordable: true,
        lostTimeInjury: true,
      });
      expect(events[2]!.data).toMatchObject({ lostDays: 3, previousLostDays: 0, reason: null });
      expect(events[3]!.data).toMatchObject({ lostDays: 2, previousLostDays: 3 });
      expect(events[4]!.data).toMatchObject({
        previousClassification: 'lost-time-injury',
        classification: 'restricted-work',
        recordable: true,
        lostTimeInjury: false,
      });
      expect(events[5]!.data).toMatchObject({
        findings: 'Ladder not tied off',
        rootCauseRef: 'capa-17',
      });
      expect(events[6]!.data).toMatchObject({
        note: 'Actions tracked in CAPA capa-17',
        closedBy: 'carol',
      });
    });

    it.each([
      { classification: 'fatality', recordable: true, lostTimeInjury: true },
      { classification: 'medical-treatment', recordable: true, lostTimeInjury: false },
      { classification: 'first-aid', recordable: false, lostTimeInjury: false },
      { classification: 'near-miss', recordable: false, lostTimeInjury: false },
    ])(
      'computes the flags of $classification',
      async ({ classification, recordable, lostTimeInjury }) => {
        const id = await classified(classification);
        expect((await eventsOf(id))[1]!.data).toMatchObject({
          classification,
          recordable,
          lostTimeInjury,
        });
      },
    );

    it('anyone working on the project may report (sales here); optional fields may be left out', async () => {
      const sales = await t.token({ sub: 'sam', roles: ['sales'] });
      const id = await report(sales);
      await ok(on(id, 'classification'), { classification: 'near-miss' });
      await ok(on(id, 'investigation'), { findings: 'Loose cable on the walkway' });
      await ok(on(id, 'close'), {});
      const events = await eventsOf(id);
      expect(events[0]!.data).toMatchObject({ reportedBy: 'sam', authority: 'sales' });
      expect(events[2]!.data).toMatchObject({ rootCauseRef: null });
      expect(events[3]!.data).toMatchObject({ note: null });
    });

    describe('no medical detail gets in', () => {
      it.each([
        ['injury', { injury: 'Fractured left wrist' }],
        ['diagnosis', { diagnosis: 'Concussion' }],
        ['medicalNotes', { medicalNotes: 'Taken to hospital' }],
      ])('a body with %s is a 400 naming the field and writes nothing', async (field, extra) => {
        const response = await expectRefused(
          t,
          () => post(base(), { ...reported, ...extra }),
          400,
          'validation-failed',
        );
        expect(response.json().errors).toContainEqual(
          expect.objectContaining({ field, rule: 'whitelistValidation' }),
        );
        expect(JSON.stringify(response.json())).not.toMatch(/wrist|Concussion|hospital/);
      });

      it('a person referenced by name is refused (422) without echoing the name', async () => {
        const response = await expectRefused(
          t,
          () => post(base(), { ...reported, personRefs: ['emp-1', 'Jane Doe'] }),
          422,
          'person-ref-must-be-an-id',
        );
        expect(response.json().details).toEqual({ index: 1 });
        expect(response.body).not.toContain('Jane');
      });
    });

    describe('order and rules (422 with the rule as type, nothing written)', () => {
      const cases: Array<[string, string | null, string, unknown, string]> = [
        [
          'investigate before classifying',
          null,
          'investigation',
          { findings: 'x' },
          'incident-not-classified',
        ],
        ['close before investigating', 'first-aid', 'close', {}, 'incident-not-investigated'],
        [
          'lost days for an incident that is not a lost-time injury',
          'first-aid',
          'lost-days',
          { lostDays: 2 },
          'lost-days-need-lost-time-injury',
        ],
        [
          'fractional lost days',
          'lost-time-injury',
          'lost-days',
          { lostDays: 1.5 },
          'lost-days-invalid',
        ],
        [
          'negative lost days',
          'lost-time-injury',
          'lost-days',
          { lostDays: -1 },
          'lost-days-invalid',
        ],
        [
          'reclassify before classifying',
          null,
          'reclassification',
          { classification: 'near-miss', reason: 'x' },
          'incident-not-classified',
        ],
      ];
      const named = cases.map(([label, classification, action, body, type]) => ({
        label,
        classification,
        action,
        body,
        type,
      }));
      it.each(named)('$label', async ({ classification, action, body, type }) => {
        const id = classification === null ? await report() : await classified(classification);
        const before = await t.store.headPosition();
        expectProblem(await post(on(id, action), body), 422, type);
        expect(await t.store.headPosition()).toBe(before);
      });

      it('a whitespace-only reason is a 400 (free text must say something), nothing written', async () => {
        const id = await classified('first-aid');
        const response = await expectRefused(
          t,
          () =>
            post(on(id, 'reclassification'), {
              classification: 'near-miss',
              reason: ' ',
            }),
          400,
          'validation-failed',
        );
        expect(response.json().errors).toEqual([
          expect.objectContaining({ field: 'reason', rule: 'isCleanText' }),
        ]);
      });

      it('lowering lost days needs a reason', async () => {
        const id = await classified('lost-time-injury');
        await ok(on(id, 'lost-days'), { lostDays: 5 });
        expectProblem(
          await post(on(id, 'lost-days'), { lostDays: 4 }),
          422,
          'lost-days-reduction-reason-required',
        );
      });

      it('an incident in the future or without a time-zone offset is refused', async () => {
        const before = await t.store.headPosition();
        expectProblem(
          await post(base(), { ...reported, occurredAt: '2199-01-01T08:00:00Z' }),
          422,
          'incident-in-the-future',
        );
        for (const [occurredAt, rule] of [
          ['2999-01-01T08:00:00Z', 'isDateInRange'],
          ['2026-03-10T14:20:00', 'isDateTimeWithOffset'],
        ]) {
          const response = await post(base(), { ...reported, occurredAt });
          expectProblem(response, 400, 'validation-failed');
          expect(response.json().errors).toEqual([
            expect.objectContaining({ field: 'occurredAt', rule }),
          ]);
        }
        expect(await t.store.headPosition()).toBe(before);
      });

      it('conflicts (409): classify twice, reclassify to the same class', async () => {
        const id = await classified('first-aid');
        expectProblem(
          await post(on(id, 'classification'), { classification: 'near-miss' }),
          409,
          'incident-already-classified',
        );
        expectProblem(
          await post(on(id, 'reclassification'), { classification: 'first-aid', reason: 'x' }),
          409,
          'incident-classification-unchanged',
        );
      });

      it('a closed incident still takes late facts (reclassification) but no new investigation', async () => {
        const id = await classified('first-aid');
        await ok(on(id, 'investigation'), { findings: 'x' });
        await ok(on(id, 'close'), {});
        expectProblem(
          await post(on(id, 'investigation'), { findings: 'y' }),
          422,
          'incident-closed',
        );
        await ok(on(id, 'reclassification'), {
          classification: 'medical-treatment',
          reason: 'Clinic visit after all',
        });
        expect((await eventsOf(id)).at(-1)).toMatchObject({
          type: 'SafetyIncidentReclassified',
          data: { recordable: true, previousClassification: 'first-aid' },
        });
      });
    });

    describe('bad bodies (400 naming the field, nothing written)', () => {
      const cases: Array<[string, string | null, unknown, string]> = [
        [
          'report: occurredAt not a timestamp',
          null,
          { ...reported, occurredAt: 'last Tuesday' },
          'occurredAt',
        ],
        ['report: siteId missing', null, { ...reported, siteId: undefined }, 'siteId'],
        [
          'report: personRefs not an array',
          null,
          { ...reported, personRefs: 'emp-1' },
          'personRefs',
        ],
        [
          'report: a person as an object',
          null,
          { ...reported, personRefs: [{ id: 'emp-1', name: 'Jane' }] },
          'personRefs',
        ],
        [
          'classify: unknown classification',
          'classification',
          { classification: 'scratch' },
          'classification',
        ],
        [
          'reclassify: reason missing',
          'reclassification',
          { classification: 'near-miss' },
          'reason',
        ],
        ['lost days: not a number', 'lost-days', { lostDays: 'three' }, 'lostDays'],
        ['investigate: findings missing', 'investigation', {}, 'findings'],
        [
          'investigate: rootCauseRef not an id',
          'investigation',
          { findings: 'x', rootCauseRef: 'see the report' },
          'rootCauseRef',
        ],
        ['close: an unknown field', 'close', { lostDays: 2 }, 'lostDays'],
      ];
      const named = cases.map(([label, action, body, field]) => ({ label, action, body, field }));
      itRefusesInvalidInput(routes, named);
    });

    describe('authorization (403)', () => {
      const roleCases: Array<[string, Role[], string | null]> = [
        ['an auditor cannot report', ['auditor'], null],
        ['an admin cannot report (no H&S authority)', ['admin'], null],
        ['sales cannot classify', ['sales'], 'classification'],
        ['care cannot classify', ['care'], 'classification'],
        ['the integration cannot classify', ['integration'], 'classification'],
      ];
      const named = roleCases.map(([label, roles, action]) => ({ label, roles, action }));
      itRefusesRoles(routes, named, (action) =>
        action === null ? reported : { classification: 'near-miss' },
      );
    });

    // A program outside the claim, an unknown project or incident and a malformed id:
    // test/security/scope-and-not-found.e2e-spec.ts.
    describe('not found (404)', () => {
      it('an incident addressed under another project of the same program', async () => {
        const id = await report();
        expectProblem(
          await post(on(id, 'classification', otherProjectId), { classification: 'near-miss' }),
          404,
          'incident-not-found',
        );
      });
    });
  });

  describe('exposure hours', () => {
    const base = (project = projectId) => `/api/projects/${project}/exposure-hours`;
    const correction = (entryId: string, project = projectId) =>
      `${base(project)}/${entryId}/correction`;
    /** A site of its own per test: the stream is the project's, shared by every test here. */
    const newSite = () => `site-${randomUUID().slice(0, 8)}`;
    const eventsOfProject = (project = projectId) => t.store.readStream(`exposure-${project}`);

    it('records hours per site and month and corrects an entry with a new one', async () => {
      const siteId = newSite();
      const first = await post(base(), { siteId, periodId: '2026-03', hours: 1200 });
      expect(first.statusCode).toBe(201);
      const entryId: string = first.json().id;
      expect(first.json()).toMatchObject({ streamId: `exposure-${projectId}` });
      const chosen = await post(base(), {
        entryId: `${siteId}-2026-02`,
        siteId,
        periodId: '2026-02',
        hours: 0,
      });
      expect(chosen.statusCode).toBe(201);
      expect(chosen.json().id).toBe(`${siteId}-2026-02`);

      const corrected = await post(correction(entryId), {
        hours: 1250,
        reason: 'Late subcontractor timesheets',
      });
      expect(corrected.statusCode).toBe(201);
      const correctingId: string = corrected.json().id;
      expect(correctingId).not.toBe(entryId);

      const mine = (await eventsOfProject()).filter((event) => event.data.siteId === siteId);
      expect(mine.map((event) => [event.type, event.data])).toEqual([
        [
          'ExposureHoursRecorded',
          {
            projectId,
            entryId,
            siteId,
            periodId: '2026-03',
            hours: 1200,
            recordedBy: 'carol',
            authority: 'project-manager',
          },
        ],
        [
          'ExposureHoursRecorded',
          expect.objectContaining({ entryId: `${siteId}-2026-02`, hours: 0 }),
        ],
        [
          'ExposureHoursCorrected',
          {
            projectId,
            entryId: correctingId,
            correctsEntryId: entryId,
            siteId,
            periodId: '2026-03',
            previousHours: 1200,
            hours: 1250,
            reason: 'Late subcontractor timesheets',
            correctedBy: 'carol',
            authority: 'project-manager',
          },
        ],
      ]);
    });

    it('the timesheet integration may record hours', async () => {
      const integration = await t.token({ sub: 'erp', roles: ['integration'] });
      const response = await post(
        base(),
        { siteId: newSite(), periodId: '2026-01', hours: 80 },
        integration,
      );
      expect(response.statusCode).toBe(201);
      expect((await eventsOfProject()).at(-1)!.data).toMatchObject({
        recordedBy: 'erp',
        authority: 'integration',
      });
    });

    describe('rules (nothing written)', () => {
      it('a second record for the same site and month is a conflict: correct it instead', async () => {
        const siteId = newSite();
        const { id } = await ok(base(), { siteId, periodId: '2026-03', hours: 10 });
        const response = await expectRefused(
          t,
          () => post(base(), { siteId, periodId: '2026-03', hours: 12 }),
          409,
          'exposure-period-already-recorded',
        );
        expect(response.json().details).toEqual({ entryId: id });
      });

      it.each([
        {
          label: 'fractional hours',
          body: { periodId: '2026-03', hours: 7.5 },
          type: 'exposure-hours-invalid',
        },
        {
          label: 'negative hours',
          body: { periodId: '2026-03', hours: -1 },
          type: 'exposure-hours-invalid',
        },
        {
          label: 'a period that is not a month',
          body: { periodId: '2026-Q1', hours: 1 },
          type: 'exposure-period-invalid',
        },
        {
          label: 'a month that has not started',
          body: { periodId: '2999-01', hours: 1 },
          type: 'exposure-period-in-the-future',
        },
      ])('422 for $label', async ({ body, type }) => {
        const before = await t.store.headPosition();
        expectProblem(await post(base(), { siteId: newSite(), ...body }), 422, type);
        expect(await t.store.headPosition()).toBe(before);
      });

      it('corrections: a reason is needed, only the current entry, and a change', async () => {
        const { id } = await ok(base(), { siteId: newSite(), periodId: '2026-03', hours: 100 });
        const before = await t.store.headPosition();
        expectProblem(
          await post(correction(id!), { hours: 110, reason: ' ' }),
          400,
          'validation-failed',
        );
        expectProblem(
          await post(correction(id!), { hours: 100, reason: 'x' }),
          409,
          'exposure-correction-unchanged',
        );
        expect(await t.store.headPosition()).toBe(before);
        const { id: current } = await ok(correction(id!), { hours: 110, reason: 'Recount' });
        const superseded = await post(correction(id!), { hours: 120, reason: 'Again' });
        expectProblem(superseded, 409, 'exposure-entry-superseded');
        expect(superseded.json().details).toEqual({ currentEntryId: current });
      });
    });

    describe('bad bodies (400 naming the field, nothing written)', () => {
      it.each([
        {
          label: 'record: hours not a number',
          url: () => base(),
          body: { siteId: 's1', periodId: '2026-03', hours: 'many' },
          field: 'hours',
        },
        {
          label: 'record: siteId missing',
          url: () => base(),
          body: { periodId: '2026-03', hours: 1 },
          field: 'siteId',
        },
        {
          label: 'record: entryId not an id',
          url: () => base(),
          body: { entryId: 'e 1', siteId: 's1', periodId: '2026-03', hours: 1 },
          field: 'entryId',
        },
        {
          label: 'record: an unknown field',
          url: () => base(),
          body: { siteId: 's1', periodId: '2026-03', hours: 1, headcount: 9 },
          field: 'headcount',
        },
        {
          label: 'correct: reason missing',
          url: () => correction('e1'),
          body: { hours: 1 },
          field: 'reason',
        },
        {
          label: 'correct: hours missing',
          url: () => correction('e1'),
          body: { reason: 'x' },
          field: 'hours',
        },
      ])('$label', async ({ url, body, field }) => {
        const response = await expectRefused(t, () => post(url(), body), 400, 'validation-failed');
        expect(invalidFields(response)).toContain(field);
      });
    });

    describe('authorization and scope', () => {
      it.each([
        { roles: ['care'] as Role[] },
        { roles: ['sales'] as Role[] },
        { roles: ['auditor'] as Role[] },
        { roles: ['admin'] as Role[] },
      ])('403 role-required for $roles', async ({ roles }) => {
        const token = await t.token({ sub: 'mallory', roles });
        const before = await t.store.headPosition();
        expectProblem(
          await post(base(), { siteId: newSite(), periodId: '2026-03', hours: 1 }, token),
          403,
          'role-required',
        );
        expectProblem(
          await post(correction('e1'), { hours: 1, reason: 'x' }, token),
          403,
          'role-required',
        );
        expect(await t.store.headPosition()).toBe(before);
      });

      // A program outside the claim, an unknown project or entry and a malformed id:
      // test/security/scope-and-not-found.e2e-spec.ts.
      it("an entry of another project cannot be corrected through this project's route", async () => {
        const { id } = await ok(base(otherProjectId), {
          siteId: newSite(),
          periodId: '2026-03',
          hours: 5,
        });
        expectProblem(
          await post(correction(id!), { hours: 6, reason: 'x' }),
          404,
          'exposure-entry-not-found',
        );
        expect(await eventsOfProject(otherProjectId)).toHaveLength(1);
      });
    });
  });
});
