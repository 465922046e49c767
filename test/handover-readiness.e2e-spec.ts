import { programWithProject } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

/** Business times of the commands (effectiveAt), so ages are exact whatever today is. */
const on = (day: string) => `2026-03-${day}T09:00:00.000Z`;
const AS_OF = '2026-03-16';

interface Readiness {
  mandatoryItems: number;
  mandatoryAccepted: number;
  mandatoryAcceptedPct: number | null;
  blockingItems: { id: string; state: string; condition: unknown }[];
  ageDays: number;
  holder: { side: string; personId: string; role: string };
}
interface View {
  handoverId: string;
  kind: string;
  status: string;
  readiness: Readiness;
  items: { id: string; state: string; condition: unknown }[];
}

describe.each(readStoreVariants('handover readiness'))(
  'Handover readiness over HTTP (GET /api/projects/:projectId/handovers, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(() => t);
    let projectId: string;
    let emptyProjectId: string;
    const ids: Record<string, string> = {};
    let lastPosition = 0;

    /** POST that must be accepted; remembers the highest log position answered. */
    const ok = async (url: string, body: object, who: string) => {
      const answer = (await http.postOk(url, body, tokens[who])) as {
        id?: string;
        position?: number;
      };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };
    const handovers = () => `/api/projects/${projectId}/handovers`;
    const at = (key: string, path: string) => `${handovers()}/${ids[key]}/${path}`;
    const initiate = async (key: string, body: object, who: string, day: string) => {
      ids[key] = (await ok(handovers(), { ...body, effectiveAt: on(day) }, who)).id!;
    };
    const submit = (key: string, item: string, day: string) =>
      ok(at(key, `items/${item}/evidence`), { ref: `dms://${item}`, effectiveAt: on(day) }, 'sam');
    const review = (key: string, item: string, verdict: object, who: string, day: string) =>
      ok(
        at(key, `items/${item}/${'reason' in verdict ? 'reject' : 'accept'}`),
        { ...verdict, effectiveAt: on(day) },
        who,
      );
    const get = (query = `asOf=${AS_OF}`, who = 'pmo') =>
      http.get(`${handovers()}?minPosition=${lastPosition}&${query}`, tokens[who]);
    const byId = async (query?: string) => {
      const response = await get(query);
      expect(response.statusCode).toBe(200);
      const views = response.json<{ handovers: View[] }>().handovers;
      return Object.fromEntries(
        Object.entries(ids).map(([key, id]) => [key, views.find((v) => v.handoverId === id)]),
      );
    };

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      Object.assign(
        tokens,
        await tokensFor(t, {
          sam: { roles: ['sales'] },
          carla: { roles: ['project-manager'] },
          cora: { roles: ['care'] },
          pmo: { sub: 'paula', roles: ['pmo'] },
          outsider: { sub: 'olga', roles: ['auditor'], programs: ['another-program'] },
        }),
      );
      const contract = {
        customerId: 'cust-1',
        title: 'RAN modernisation',
        value: { amount: 1_000_000_000, currency: 'EUR' },
        signedOn: '2026-01-15',
      };
      ({ projectId } = await programWithProject(http, tokens.pmo!, {
        program: 'RAN North',
        contract,
        project: 'Metro sites',
      }));
      ({ projectId: emptyProjectId } = await programWithProject(http, tokens.pmo!, {
        program: 'RAN South',
        contract,
        project: 'Rural sites',
      }));

      // Approved: its only mandatory item accepted, approved by the CPM on 03-11.
      await initiate(
        'approved',
        {
          kind: 'sell-to-execute',
          items: [
            { id: 'contract', title: 'Signed contract', mandatory: true },
            { id: 'map', title: 'Stakeholder map', mandatory: false },
          ],
        },
        'sam',
        '01',
      );
      await submit('approved', 'contract', '02');
      await review('approved', 'contract', { note: 'Checked' }, 'carla', '03');
      await ok(at('approved', 'approve'), { note: 'Taken over', effectiveAt: on('11') }, 'carla');

      // In review: 1 of 3 mandatory accepted, one rejected, one awaiting review.
      await initiate(
        'inReview',
        {
          kind: 'sell-to-execute',
          items: [
            { id: 'contract', title: 'Signed contract', mandatory: true },
            { id: 'sow', title: 'Statement of work', mandatory: true },
            { id: 'boq', title: 'Bill of quantities', mandatory: true },
            { id: 'map', title: 'Stakeholder map', mandatory: false },
          ],
        },
        'sam',
        '02',
      );
      await submit('inReview', 'contract', '03');
      await review('inReview', 'contract', { note: 'Fine' }, 'carla', '04');
      await submit('inReview', 'sow', '05');
      await review('inReview', 'sow', { reason: 'Scope mismatch' }, 'carla', '06');
      await submit('inReview', 'boq', '07');

      // Delivery→Care approved by care with conditions on both open items on 03-20.
      await initiate(
        'conditional',
        {
          kind: 'delivery-to-care',
          items: [
            { id: 'as-built', title: 'As-built documentation', mandatory: true },
            { id: 'spares', title: 'Spares list', mandatory: false },
          ],
        },
        'carla',
        '05',
      );
      await ok(
        at('conditional', 'conditional-approval'),
        {
          conditions: [
            { itemId: 'as-built', ownerId: 'carla', dueOn: '2026-04-30' },
            { itemId: 'spares', ownerId: 'tom', dueOn: '2026-05-31' },
          ],
          effectiveAt: on('20'),
        },
        'cora',
      );

      // No mandatory item at all: the percentage is undefined (null).
      await initiate(
        'optionalOnly',
        {
          kind: 'sell-to-execute',
          items: [{ id: 'map', title: 'Stakeholder map', mandatory: false }],
        },
        'sam',
        '10',
      );
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('lists the handovers in order of initiation with the program and asOf', async () => {
      const response = await get();
      expect(response.statusCode).toBe(200);
      const body = response.json<{ handovers: View[]; position: number }>();
      expect(body).toMatchObject({ projectId, asOf: AS_OF, programId: expect.any(String) });
      expect(body.position).toBeGreaterThanOrEqual(lastPosition);
      expect(Number(response.headers['x-read-position'])).toBeGreaterThanOrEqual(lastPosition);
      expect(body.handovers.map((view) => view.handoverId)).toEqual([
        ids.approved,
        ids.inReview,
        ids.conditional,
        ids.optionalOnly,
      ]);
    });

    it('computes % mandatory accepted, blocking items, age and holder for each', async () => {
      const views = await byId();
      expect(views.inReview).toMatchObject({ status: 'initiated', kind: 'sell-to-execute' });
      expect(views.inReview!.items.map((item) => [item.id, item.state])).toEqual([
        ['contract', 'accepted'],
        ['sow', 'rejected'],
        ['boq', 'submitted'],
        ['map', 'open'],
      ]);
      expect(views.inReview!.readiness).toEqual({
        mandatoryItems: 3,
        mandatoryAccepted: 1,
        mandatoryAcceptedPct: 33.3,
        blockingItems: [
          { id: 'sow', title: 'Statement of work', state: 'rejected', condition: null },
          { id: 'boq', title: 'Bill of quantities', state: 'submitted', condition: null },
        ],
        ageDays: 14,
        holder: { side: 'sender', personId: 'sam', role: 'sales' },
      });
      expect(views.approved).toMatchObject({ status: 'approved', approvedBy: 'carla' });
      expect(views.approved!.readiness).toEqual({
        mandatoryItems: 1,
        mandatoryAccepted: 1,
        mandatoryAcceptedPct: 100,
        blockingItems: [],
        ageDays: 10,
        holder: { side: 'receiver', personId: 'carla', role: 'project-manager' },
      });
      expect(views.conditional).toMatchObject({ status: 'conditionally-approved' });
      expect(views.conditional!.readiness).toEqual({
        mandatoryItems: 1,
        mandatoryAccepted: 0,
        mandatoryAcceptedPct: 0,
        blockingItems: [
          {
            id: 'as-built',
            title: 'As-built documentation',
            state: 'open',
            condition: { ownerId: 'carla', dueOn: '2026-04-30' },
          },
        ],
        ageDays: 15,
        holder: { side: 'receiver', personId: 'cora', role: 'care' },
      });
      expect(views.optionalOnly!.readiness).toEqual({
        mandatoryItems: 0,
        mandatoryAccepted: 0,
        mandatoryAcceptedPct: null,
        blockingItems: [],
        ageDays: 6,
        holder: { side: 'sender', personId: 'sam', role: 'sales' },
      });
    });

    it('ages open handovers to asOf and stops at the decision for decided ones', async () => {
      const views = await byId('asOf=2026-04-01');
      expect(views.inReview!.readiness.ageDays).toBe(30);
      expect(views.approved!.readiness.ageDays).toBe(10);
      expect(views.conditional!.readiness.ageDays).toBe(15);
      const today = await get('');
      expect(today.json<{ asOf: string }>().asOf).toBe(new Date().toISOString().slice(0, 10));
    });

    it('filters by kind and status', async () => {
      const listed = async (query: string) =>
        (await get(`asOf=${AS_OF}&${query}`))
          .json<{ handovers: View[] }>()
          .handovers.map((view) => view.handoverId);
      expect(await listed('kind=delivery-to-care')).toEqual([ids.conditional]);
      expect(await listed('status=approved')).toEqual([ids.approved]);
      expect(await listed('status=rejected')).toEqual([]);
    });

    it('answers an empty list for a project without handovers', async () => {
      const response = await http.get(
        `/api/projects/${emptyProjectId}/handovers?minPosition=${lastPosition}`,
        tokens.pmo,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ projectId: emptyProjectId, handovers: [] });
    });

    it('a project outside the claim is 403, an unknown project 404', async () => {
      expectProblem(await get(`asOf=${AS_OF}`, 'outsider'), 403, 'program-not-in-claim');
      expectProblem(
        await http.get('/api/projects/no-such-project/handovers', tokens.pmo),
        404,
        'project-not-found',
      );
    });

    it.each([
      ['asOf=2026-02-30', 'asOf'],
      ['asOf=yesterday', 'asOf'],
      ['kind=care-to-sales', 'kind'],
      ['status=open', 'status'],
      ['minPosition=-1', 'minPosition'],
      ['unknown=1', 'unknown'],
    ])('a bad query (%s) is 400 naming the field', async (query, field) => {
      const response = await http.get(`${handovers()}?${query}`, tokens.pmo);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });
  },
);
