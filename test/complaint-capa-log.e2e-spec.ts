import { fibreRollout } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

/** Business time of a command on 2026-03-<day>, so ages and overdue are exact. */
const on = (day: string) => `2026-03-${day}T09:00:00.000Z`;
const AS_OF = '2026-03-20';

describe.each(readStoreVariants('complaint and CAPA log'))(
  'Complaint and CAPA log over HTTP (GET /api/projects/:projectId/complaints and /corrective-actions, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(
      () => t,
      () => tokens.carla!,
    );
    const setup = fibreRollout(() => t, http);
    let projectId: string;
    const ids: Record<string, string> = {};
    let lastPosition = 0;

    const ok = async (url: string, body: object) => {
      const answer = (await http.postOk(url, body)) as { id?: string; position?: number };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };
    const complaints = () => `/api/projects/${projectId}/complaints`;
    const capas = () => `/api/projects/${projectId}/corrective-actions`;
    const complaint = (key: string, path: string, body: object, day: string) =>
      ok(`${complaints()}/${ids[key]}/${path}`, { ...body, effectiveAt: on(day) });
    const capa = (key: string, path: string, body: object, day: string) =>
      ok(`${capas()}/${ids[key]}/${path}`, { ...body, effectiveAt: on(day) });
    const receive = async (key: string, receivedOn: string, hsRelated: boolean) => {
      ids[key] = (
        await ok(complaints(), {
          receivedOn,
          channel: 'email',
          summary: `${key} complaint`,
          customerContactRef: 'crm-42',
          hsRelated,
          effectiveAt: `${receivedOn}T08:00:00.000Z`,
        })
      ).id!;
    };
    const open = async (key: string, source: string, sourceRef: string, day: string) => {
      ids[key] = (
        await ok(capas(), {
          source,
          sourceRef,
          problemStatement: `${key} problem`,
          effectiveAt: on(day),
        })
      ).id!;
    };
    const get = (url: string, query = `asOf=${AS_OF}`, token = tokens.pmo) =>
      http.get(`${url}?minPosition=${lastPosition}&${query}`, token);

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      Object.assign(
        tokens,
        await tokensFor(t, {
          carla: { roles: ['project-manager'] },
          pmo: { sub: 'paula', roles: ['pmo'] },
        }),
      );
      projectId = await setup.project(await setup.program());

      // Closed: assessed high, due 03-10, answered 03-08, closed satisfied 03-12.
      await receive('closed', '2026-03-01', false);
      await complaint('closed', 'acknowledgement', {}, '02');
      await complaint('closed', 'assessment', { severity: 'high', dueOn: '2026-03-10' }, '03');
      await complaint('closed', 'investigation', { findings: 'Gate lock missing' }, '05');
      await complaint(
        'closed',
        'response',
        { response: 'Lock fitted', respondedOn: '2026-03-08' },
        '08',
      );
      await complaint('closed', 'close', { customerSatisfied: true }, '12');
      // H&S-related (top priority), due 03-08, never answered: overdue.
      await receive('hs', '2026-03-05', true);
      await complaint('hs', 'acknowledgement', {}, '05');
      await complaint('hs', 'assessment', { severity: 'low', dueOn: '2026-03-08' }, '06');
      // Only received.
      await receive('fresh', '2026-03-10', false);
      // Closed dissatisfied, then reopened; due 03-25.
      await receive('reopened', '2026-03-02', false);
      await complaint('reopened', 'acknowledgement', {}, '03');
      await complaint('reopened', 'assessment', { severity: 'medium', dueOn: '2026-03-25' }, '04');
      await complaint('reopened', 'investigation', { findings: 'Noise at night' }, '05');
      await complaint(
        'reopened',
        'response',
        { response: 'Shifts moved', respondedOn: '2026-03-06' },
        '06',
      );
      await complaint('reopened', 'close', { customerSatisfied: false, note: 'Still noisy' }, '07');
      await complaint('reopened', 'reopen', { reason: 'Noise again' }, '09');

      // From the reopened complaint: in actions, one of two actions overdue on 03-20.
      await open('fromComplaint', 'complaint', ids.reopened!, '10');
      await capa('fromComplaint', 'containment', { actionTaken: 'Night work paused' }, '10');
      await capa('fromComplaint', 'root-cause', { method: '5-whys', statement: 'No rota' }, '11');
      await capa(
        'fromComplaint',
        'actions',
        { actionId: 'rota', description: 'Make a rota', ownerId: 'olaf', dueOn: '2026-03-15' },
        '11',
      );
      await capa(
        'fromComplaint',
        'actions',
        { actionId: 'brief', description: 'Brief crews', ownerId: 'olaf', dueOn: '2026-03-18' },
        '11',
      );
      await capa('fromComplaint', 'actions/rota/complete', { evidence: 'rota.pdf' }, '14');
      await capa(
        'fromComplaint',
        'effectiveness-criteria',
        { criteria: [{ criterionId: 'quiet', description: 'No noise complaint in 30 days' }] },
        '14',
      );
      await complaint('reopened', 'corrective-action-link', { capaId: ids.fromComplaint }, '14');
      // From an audit: effective and closed.
      await open('fromAudit', 'audit', 'audit-2026-01', '01');
      await capa('fromAudit', 'containment', { actionTaken: 'Stop work' }, '01');
      await capa('fromAudit', 'root-cause', { method: 'fishbone', statement: 'No check' }, '02');
      await capa(
        'fromAudit',
        'actions',
        { actionId: 'check', description: 'Add a check', ownerId: 'olaf', dueOn: '2026-03-05' },
        '02',
      );
      await capa('fromAudit', 'actions/check/complete', {}, '04');
      await capa(
        'fromAudit',
        'effectiveness-criteria',
        { criteria: [{ criterionId: 'pass', description: 'Re-audit passes' }] },
        '04',
      );
      await capa(
        'fromAudit',
        'effectiveness-checks',
        { results: [{ criterionId: 'pass', met: true, observation: 'Passed' }] },
        '06',
      );
      await capa('fromAudit', 'close', { note: 'Verified' }, '07');
      // From an incident: just opened.
      await open('fromIncident', 'incident', 'incident-7', '15');
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    describe('complaints', () => {
      it('answers the log with exact overdue, days open and counts on asOf', async () => {
        const response = await get(complaints());
        expect(response.statusCode).toBe(200);
        const body = response.json();
        expect(body.position).toBeGreaterThanOrEqual(lastPosition);
        expect(body.summary).toEqual({
          total: 4,
          open: 3,
          overdue: 1,
          hsRelatedOpen: 1,
          byStatus: {
            received: 1,
            acknowledged: 0,
            assessed: 1,
            investigated: 0,
            responded: 0,
            closed: 1,
            reopened: 1,
          },
          closedSatisfied: 1,
          closedDissatisfied: 0,
        });
        // Open first; H&S (top) first; then by due date; unassessed last; closed at the end.
        expect(body.complaints.map((c: { complaintId: string }) => c.complaintId)).toEqual([
          ids.hs,
          ids.reopened,
          ids.fresh,
          ids.closed,
        ]);
        const [hs, reopened, fresh, closed] = body.complaints;
        expect(hs).toMatchObject({
          status: 'assessed',
          hsRelated: true,
          severity: 'low',
          priority: 'top',
          dueOn: '2026-03-08',
          overdue: true,
          daysOverdue: 12,
          daysOpen: 15,
        });
        expect(reopened).toMatchObject({
          status: 'reopened',
          priority: 'medium',
          reopenCount: 1,
          lastReopenReason: 'Noise again',
          closedOn: null,
          capaIds: [ids.fromComplaint],
          overdue: false,
          daysOverdue: 0,
          daysOpen: 18,
        });
        expect(fresh).toMatchObject({
          status: 'received',
          dueOn: null,
          overdue: false,
          daysOpen: 10,
        });
        expect(closed).toMatchObject({
          status: 'closed',
          severity: 'high',
          respondedOn: '2026-03-08',
          closedOn: '2026-03-12',
          customerSatisfied: true,
          overdue: false,
          daysOpen: 11,
        });
      });

      it('moves overdue with asOf and filters by status', async () => {
        const later = (await get(complaints(), 'asOf=2026-03-26')).json();
        expect(later.summary.overdue).toBe(2);
        const reopenedOnly = (await get(complaints(), `asOf=${AS_OF}&status=reopened`)).json();
        expect(reopenedOnly.complaints.map((c: { complaintId: string }) => c.complaintId)).toEqual([
          ids.reopened,
        ]);
      });
    });

    describe('corrective actions', () => {
      it('answers the CAPA log with stages, effectiveness and overdue actions on asOf', async () => {
        const response = await get(capas());
        expect(response.statusCode).toBe(200);
        const body = response.json();
        expect(body.summary).toEqual({
          total: 3,
          open: 2,
          byStage: {
            containment: 1,
            'root-cause': 0,
            actions: 1,
            'effectiveness-check': 0,
            closed: 1,
          },
          bySource: { complaint: 1, incident: 1, audit: 1, lesson: 0 },
          effective: 1,
          notEffective: 0,
          notChecked: 2,
          overdueActions: 1,
        });
        expect(body.correctiveActions.map((c: { capaId: string }) => c.capaId)).toEqual([
          ids.fromAudit,
          ids.fromComplaint,
          ids.fromIncident,
        ]);
        const [audit, fromComplaint, incident] = body.correctiveActions;
        expect(audit).toMatchObject({
          source: 'audit',
          sourceRef: 'audit-2026-01',
          stage: 'closed',
          effective: true,
          checks: [{ checkNumber: 1, effective: true }],
          criteria: [{ criterionId: 'pass', description: 'Re-audit passes' }],
          closeNote: 'Verified',
          overdueActions: 0,
          daysOpen: 6,
        });
        expect(fromComplaint).toMatchObject({
          source: 'complaint',
          sourceRef: ids.reopened,
          stage: 'actions',
          effective: null,
          containment: { actionTaken: 'Night work paused' },
          rootCause: { method: '5-whys', statement: 'No rota', revisions: 0 },
          criteria: [{ criterionId: 'quiet', description: 'No noise complaint in 30 days' }],
          openActions: 1,
          overdueActions: 1,
          daysOpen: 10,
        });
        expect(incident).toMatchObject({
          source: 'incident',
          stage: 'containment',
          overdueActions: 0,
          daysOpen: 5,
        });
      });

      it('filters by stage and source', async () => {
        const listed = async (query: string) =>
          (await get(capas(), `asOf=${AS_OF}&${query}`))
            .json<{ correctiveActions: { capaId: string }[] }>()
            .correctiveActions.map((c) => c.capaId);
        expect(await listed('stage=containment')).toEqual([ids.fromIncident]);
        expect(await listed('source=complaint')).toEqual([ids.fromComplaint]);
        expect(await listed('source=lesson')).toEqual([]);
      });
    });

    // A project outside the claim, an unknown project and a malformed id, on both logs:
    // test/security/scope-and-not-found.e2e-spec.ts.
    it.each([
      ['complaints', 'asOf=2026-02-30', 'asOf'],
      ['complaints', 'status=investigating', 'status'],
      ['corrective-actions', 'stage=done', 'stage'],
      ['corrective-actions', 'source=customer', 'source'],
      ['corrective-actions', 'asOf=today', 'asOf'],
    ])('%s: a bad query (%s) is 400 naming the field', async (path, query, field) => {
      const response = await http.get(`/api/projects/${projectId}/${path}?${query}`, tokens.pmo);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });
  },
);
