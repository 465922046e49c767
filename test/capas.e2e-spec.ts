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

describe('Corrective actions over HTTP (/api/projects/:projectId/corrective-actions)', () => {
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

  const base = (project = projectId) => `/api/projects/${project}/corrective-actions`;
  const on = (capaId: string, action: string, project = projectId) =>
    `${base(project)}/${capaId}/${action}`;
  const routes: CommandRoutes = { app: () => t, post, base, on, create: open };

  const opened = {
    source: 'audit',
    sourceRef: 'audit-2026-07',
    problemStatement: 'Cabinet doors left open after site visits',
  };
  const criteria = [
    { criterionId: 'no-repeat-90d', description: 'No repeat within 90 days' },
    { criterionId: 'checklist-used', description: 'Checklist used on 95% of visits' },
  ];
  const allMet = criteria.map(({ criterionId }) => ({ criterionId, met: true }));

  async function open(): Promise<string> {
    const response = await post(base(), opened);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  type Stage =
    'opened' | 'contained' | 'acting' | 'action-added' | 'actions-done' | 'criteria' | 'effective';
  /** A CAPA moved up to (and including) `until`; its one action is `a1`. */
  async function capaAt(until: Stage): Promise<string> {
    const steps: Array<[Stage, string, unknown]> = [
      ['contained', 'containment', { actionTaken: 'All cabinets checked and locked' }],
      ['acting', 'root-cause', { method: '5-whys', statement: 'No close-out checklist' }],
      [
        'action-added',
        'actions',
        { actionId: 'a1', description: 'Add checklist', ownerId: 'carol', dueOn: '2026-04-15' },
      ],
      ['actions-done', 'actions/a1/complete', {}],
      ['criteria', 'effectiveness-criteria', { criteria }],
      ['effective', 'effectiveness-checks', { results: allMet }],
    ];
    const id = await open();
    for (const [stage, action, body] of steps) {
      if (until === 'opened') break;
      await ok(on(id, action), body);
      if (stage === until) break;
    }
    return id;
  }

  const eventsOf = (capaId: string) => t.store.readStream(`capa-${capaId}`);

  describe('the lifecycle', () => {
    it('opens, contains, analyses, acts, checks (ineffective, then effective after a new analysis and action) and closes', async () => {
      const created = await post(base(), opened);
      expect(created.statusCode).toBe(201);
      const id: string = created.json().id;
      expect(created.json()).toMatchObject({ streamId: `capa-${id}`, revision: 0 });

      await ok(on(id, 'containment'), { actionTaken: 'All cabinets checked and locked' });
      await ok(on(id, 'root-cause'), { method: 'fishbone', statement: 'No close-out checklist' });
      const a1 = await post(on(id, 'actions'), {
        actionId: 'a1',
        description: 'Add a close-out checklist',
        ownerId: 'carol',
        dueOn: '2026-04-15',
      });
      expect(a1.statusCode).toBe(201);
      expect(a1.json().id).toBe('a1');
      const a2 = await post(on(id, 'actions'), {
        description: 'Brief every crew',
        ownerId: 'dan',
        dueOn: '2026-04-30',
      });
      expect(a2.statusCode).toBe(201);
      const a2Id: string = a2.json().id;
      expect(a2Id).toEqual(expect.any(String));
      await ok(on(id, 'actions/a1/complete'), { evidence: 'Procedure rev. 4' });
      await ok(on(id, `actions/${a2Id}/complete`), {});
      await ok(on(id, 'effectiveness-criteria'), { criteria });
      await ok(on(id, 'effectiveness-checks'), {
        results: [
          { criterionId: 'checklist-used', met: true },
          { criterionId: 'no-repeat-90d', met: false, observation: 'Repeat on site 12' },
        ],
      });
      await ok(on(id, 'root-cause'), { method: '5-whys', statement: 'Checklist not enforced' });
      await ok(on(id, 'actions'), {
        actionId: 'a3',
        description: 'Supervisor signs the checklist',
        ownerId: 'carol',
        dueOn: '2026-05-15',
      });
      await ok(on(id, 'actions/a3/complete'), {});
      await ok(on(id, 'effectiveness-checks'), { results: allMet });
      const closed = await post(on(id, 'close'), { note: 'Verified effective' });
      expect(closed.statusCode).toBe(200);

      const events = await eventsOf(id);
      expect(events.map((event) => event.type)).toEqual([
        'CorrectiveActionOpened',
        'ContainmentRecorded',
        'RootCauseRecorded',
        'CorrectiveActionAdded',
        'CorrectiveActionAdded',
        'CorrectiveActionCompleted',
        'CorrectiveActionCompleted',
        'EffectivenessCriteriaDefined',
        'EffectivenessCheckRecorded',
        'RootCauseRecorded',
        'CorrectiveActionAdded',
        'CorrectiveActionCompleted',
        'EffectivenessCheckRecorded',
        'CorrectiveActionClosed',
      ]);
      expect(events[0]!.data).toEqual({
        capaId: id,
        projectId,
        ...opened,
        openedBy: 'carol',
        authority: 'project-manager',
      });
      expect(events[2]!.data).toMatchObject({ method: 'fishbone', revisesPrevious: false });
      expect(events[4]!.data).toMatchObject({
        actionId: a2Id,
        ownerId: 'dan',
        dueOn: '2026-04-30',
      });
      expect(events[5]!.data).toMatchObject({ actionId: 'a1', evidence: 'Procedure rev. 4' });
      expect(events[6]!.data).toMatchObject({ actionId: a2Id, evidence: null });
      expect(events[7]!.data).toMatchObject({ criteria, replacesPrevious: false });
      // Computed: ineffective because one criterion is not met; results in the criteria's order.
      expect(events[8]!.data).toMatchObject({
        checkNumber: 1,
        effective: false,
        results: [
          { criterionId: 'no-repeat-90d', met: false, observation: 'Repeat on site 12' },
          { criterionId: 'checklist-used', met: true, observation: null },
        ],
      });
      expect(events[9]!.data).toMatchObject({ revisesPrevious: true });
      expect(events[12]!.data).toMatchObject({ checkNumber: 2, effective: true });
      expect(events[13]!.data).toMatchObject({ note: 'Verified effective', closedBy: 'carol' });
    });

    it('the PMO and care may work on a CAPA too; a close note is optional', async () => {
      const pmo = await t.token({ sub: 'pat', roles: ['pmo'] });
      const care = await t.token({ sub: 'eve', roles: ['care'] });
      const created = await post(base(), opened, pmo);
      expect(created.statusCode).toBe(201);
      const id: string = created.json().id;
      expect((await post(on(id, 'containment'), { actionTaken: 'x' }, care)).statusCode).toBe(200);
      const events = await eventsOf(id);
      expect(events[0]!.data).toMatchObject({ openedBy: 'pat', authority: 'pmo' });
      expect(events[1]!.data).toMatchObject({ recordedBy: 'eve', authority: 'care' });

      const effective = await capaAt('effective');
      expect((await post(on(effective, 'close'), {})).statusCode).toBe(200);
      expect((await eventsOf(effective)).at(-1)!.data).toMatchObject({ note: null });
    });
  });

  describe('order and rules (422 with the rule as type, nothing written)', () => {
    const cases: Array<[string, Stage, string, unknown, string]> = [
      [
        'close before an effective check',
        'criteria',
        'close',
        { note: 'x' },
        'capa-not-verified-effective',
      ],
      ['close a CAPA just opened', 'opened', 'close', {}, 'capa-not-verified-effective'],
      [
        'root cause before containment',
        'opened',
        'root-cause',
        { method: '5-whys', statement: 'x' },
        'containment-not-recorded',
      ],
      [
        'an action before the root cause',
        'contained',
        'actions',
        { description: 'x', ownerId: 'carol', dueOn: '2026-04-15' },
        'root-cause-not-recorded',
      ],
      [
        'a check before criteria are defined',
        'actions-done',
        'effectiveness-checks',
        { results: allMet },
        'effectiveness-criteria-not-defined',
      ],
      [
        'a check without a result for every criterion',
        'criteria',
        'effectiveness-checks',
        { results: allMet.slice(1) },
        'effectiveness-results-incomplete',
      ],
      [
        'criteria without any criterion',
        'acting',
        'effectiveness-criteria',
        { criteria: [] },
        'effectiveness-criteria-required',
      ],
      [
        'duplicate criterion ids',
        'acting',
        'effectiveness-criteria',
        { criteria: [criteria[0], criteria[0]] },
        'duplicate-effectiveness-criterion',
      ],
    ];
    const named = cases.map(([label, until, action, body, type]) => ({
      label,
      until,
      action,
      body,
      type,
    }));
    it.each(named)('$label', async ({ until, action, body, type }) => {
      const id = await capaAt(until);
      const before = await t.store.headPosition();
      expectProblem(await post(on(id, action), body), 422, type);
      expect(await t.store.headPosition()).toBe(before);
    });

    it('a check waits until every action is completed', async () => {
      const id = await capaAt('action-added');
      await ok(on(id, 'effectiveness-criteria'), { criteria });
      const response = await post(on(id, 'effectiveness-checks'), { results: allMet });
      expectProblem(response, 422, 'corrective-actions-not-completed');
      expect(response.json().details).toEqual({ openActionIds: ['a1'] });
    });

    it('criteria are locked once a check was recorded; a second check needs a new action', async () => {
      const id = await capaAt('criteria');
      await ok(on(id, 'effectiveness-checks'), {
        results: [
          { criterionId: 'no-repeat-90d', met: false },
          { criterionId: 'checklist-used', met: true },
        ],
      });
      const before = await t.store.headPosition();
      expectProblem(
        await post(on(id, 'effectiveness-criteria'), { criteria: criteria.slice(1) }),
        422,
        'effectiveness-criteria-locked',
      );
      expectProblem(
        await post(on(id, 'effectiveness-checks'), { results: allMet }),
        422,
        'new-corrective-action-required',
      );
      expect(await t.store.headPosition()).toBe(before);
    });

    it('criteria may be replaced before the first check', async () => {
      const id = await capaAt('criteria');
      await ok(on(id, 'effectiveness-criteria'), { criteria: criteria.slice(0, 1) });
      expect((await eventsOf(id)).at(-1)!.data).toMatchObject({ replacesPrevious: true });
    });

    it('a closed CAPA takes no more changes', async () => {
      const id = await capaAt('effective');
      await ok(on(id, 'close'), {});
      expectProblem(await post(on(id, 'containment'), { actionTaken: 'x' }), 422, 'capa-closed');
    });

    it('conflicts (409): containment twice, an action id reused, an action completed twice', async () => {
      const id = await capaAt('actions-done');
      expectProblem(
        await post(on(id, 'containment'), { actionTaken: 'x' }),
        409,
        'containment-already-recorded',
      );
      expectProblem(
        await post(on(id, 'actions'), {
          actionId: 'a1',
          description: 'x',
          ownerId: 'carol',
          dueOn: '2026-04-15',
        }),
        409,
        'corrective-action-already-exists',
      );
      expectProblem(
        await post(on(id, 'actions/a1/complete'), {}),
        409,
        'corrective-action-already-completed',
      );
    });
  });

  describe('bad bodies (400 naming the field, nothing written)', () => {
    const cases: Array<[string, string | null, unknown, string]> = [
      ['open: unknown source', null, { ...opened, source: 'rumour' }, 'source'],
      ['open: sourceRef not an id', null, { ...opened, sourceRef: 'the audit' }, 'sourceRef'],
      [
        'open: empty problem statement',
        null,
        { ...opened, problemStatement: '' },
        'problemStatement',
      ],
      ['open: an unknown field', null, { ...opened, priority: 'high' }, 'priority'],
      ['containment: actionTaken missing', 'containment', {}, 'actionTaken'],
      ['root cause: unknown method', 'root-cause', { method: 'guess', statement: 'x' }, 'method'],
      [
        'action: bad due date',
        'actions',
        { description: 'x', ownerId: 'carol', dueOn: 'soon' },
        'dueOn',
      ],
      [
        'action: actionId not an id',
        'actions',
        { actionId: 'a 1', description: 'x', ownerId: 'carol', dueOn: '2026-04-15' },
        'actionId',
      ],
      ['complete: evidence not a string', 'actions/a1/complete', { evidence: 7 }, 'evidence'],
      ['criteria: not an array', 'effectiveness-criteria', { criteria: 'all good' }, 'criteria'],
      [
        'criteria: a criterion without description',
        'effectiveness-criteria',
        { criteria: [{ criterionId: 'c1' }] },
        'criteria[0].description',
      ],
      [
        'check: met not a boolean',
        'effectiveness-checks',
        { results: [{ criterionId: 'c1', met: 'yes' }] },
        'results[0].met',
      ],
      [
        'check: an unknown nested field',
        'effectiveness-checks',
        { results: [{ criterionId: 'c1', met: true, score: 3 }] },
        'results[0].score',
      ],
      ['close: note not a string', 'close', { note: false }, 'note'],
    ];
    const named = cases.map(([label, action, body, field]) => ({ label, action, body, field }));
    itRefusesInvalidInput(routes, named);
  });

  describe('authorization (403)', () => {
    const roleCases: Array<[string, Role[], string | null]> = [
      ['an auditor cannot open', ['auditor'], null],
      ['sales cannot open', ['sales'], null],
      ['the integration cannot open', ['integration'], null],
      ['an admin cannot open (no CAPA authority)', ['admin'], null],
      ['an auditor cannot record containment', ['auditor'], 'containment'],
    ];
    const named = roleCases.map(([label, roles, action]) => ({ label, roles, action }));
    itRefusesRoles(routes, named, (action) => (action === null ? opened : { actionTaken: 'x' }));
  });

  // Unknown ids, other programs and malformed ids: test/security/scope-and-not-found.e2e-spec.ts.
  describe('not found (404)', () => {
    it('a CAPA addressed under another project of the same program', async () => {
      const id = await open();
      await expectRefused(
        t,
        () => post(on(id, 'containment', otherProjectId), { actionTaken: 'x' }),
        404,
        'capa-not-found',
      );
    });
  });
});
