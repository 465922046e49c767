import { contractAndProject, createProgram } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

const zeroClasses = {
  fatality: 0,
  'lost-time-injury': 0,
  'restricted-work': 0,
  'medical-treatment': 0,
  'first-aid': 0,
  'near-miss': 0,
  unclassified: 0,
};

describe.each(readStoreVariants('safety register'))(
  'H&S register over HTTP (GET /api/projects/:projectId/safety and /api/programs/:programId/safety, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(
      () => t,
      () => tokens.carol!,
    );
    let programId: string;
    const projects: Record<string, string> = {};
    const incidents: Record<string, string> = {};
    let lastPosition = 0;

    const ok = async (url: string, body: object) => {
      const answer = (await http.postOk(url, body)) as { id?: string; position?: number };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };
    const hours = (project: string, siteId: string, periodId: string, worked: number) =>
      ok(`/api/projects/${projects[project]}/exposure-hours`, {
        siteId,
        periodId,
        hours: worked,
      });
    const report = async (project: string, key: string, occurredAt: string) => {
      incidents[key] = (
        await ok(`/api/projects/${projects[project]}/incidents`, {
          occurredAt,
          siteId: 'site-1',
          description: `${key}: ladder slipped`,
          personRefs: ['emp-1042'],
        })
      ).id!;
    };
    const on = (project: string, key: string, action: string, body: object) =>
      ok(`/api/projects/${projects[project]}/incidents/${incidents[key]}/${action}`, body);
    const projectUrl = (project: string) => `/api/projects/${projects[project]}/safety`;
    const programUrl = () => `/api/programs/${programId}/safety`;
    const get = (url: string, query = '', token = tokens.pmo) =>
      http.get(`${url}?minPosition=${lastPosition}${query ? `&${query}` : ''}`, token);

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      Object.assign(
        tokens,
        await tokensFor(t, {
          carol: { roles: ['project-manager'] },
          pmo: { sub: 'pat', roles: ['pmo'] },
          outsider: { sub: 'olga', roles: ['auditor'], programs: ['another-program'] },
        }),
      );
      programId = await createProgram(http, tokens.pmo!, 'Fibre North');
      for (const name of ['North', 'South', 'Depot']) {
        projects[name] = await contractAndProject(
          http,
          tokens.pmo!,
          {
            programId,
            customerId: 'cust-1',
            title: `${name} contract`,
            value: { amount: 500_000_000, currency: 'EUR' },
            signedOn: '2026-01-15',
          },
          name,
        );
      }

      // North: 400,000 hours (February corrected from 160,000 to 150,000).
      await hours('North', 'site-1', '2026-01', 150_000);
      const february = await hours('North', 'site-1', '2026-02', 160_000);
      await ok(`/api/projects/${projects.North}/exposure-hours/${february.id}/correction`, {
        hours: 150_000,
        reason: 'Double-counted night shift',
      });
      await hours('North', 'site-2', '2026-03', 100_000);
      // A lost-time injury with 5 lost days.
      await report('North', 'lti', '2026-01-10T08:00:00Z');
      await on('North', 'lti', 'classification', { classification: 'lost-time-injury' });
      await on('North', 'lti', 'lost-days', { lostDays: 5 });
      // First aid reclassified as medical treatment (recordable), investigated.
      await report('North', 'treated', '2026-02-03T08:00:00Z');
      await on('North', 'treated', 'classification', { classification: 'first-aid' });
      await on('North', 'treated', 'reclassification', {
        classification: 'medical-treatment',
        reason: 'Stitches needed',
      });
      await on('North', 'treated', 'investigation', { findings: 'No glove policy' });
      // A near miss, investigated and closed.
      await report('North', 'nearMiss', '2026-02-20T08:00:00Z');
      await on('North', 'nearMiss', 'classification', { classification: 'near-miss' });
      await on('North', 'nearMiss', 'investigation', { findings: 'Loose cable' });
      await on('North', 'nearMiss', 'close', {});
      // Reported, not classified yet.
      await report('North', 'unclassified', '2026-03-01T08:00:00Z');

      // South: a fatality in February (local time +02:00) and 600,000 hours.
      await hours('South', 'site-9', '2026-02', 600_000);
      await report('South', 'fatality', '2026-02-14T08:00:00+02:00');
      await on('South', 'fatality', 'classification', { classification: 'fatality' });

      // Depot: a recordable incident in April and no hours at all.
      await report('Depot', 'depot', '2026-04-02T08:00:00Z');
      await on('Depot', 'depot', 'classification', { classification: 'medical-treatment' });
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('answers a project register with exact TRIR and LTIFR and their bases', async () => {
      const response = await get(projectUrl('North'));
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.position).toBeGreaterThanOrEqual(lastPosition);
      expect(body).toMatchObject({
        projectId: projects.North,
        programId,
        period: { from: null, to: null },
      });
      expect(body.figures).toEqual({
        exposureHours: 400_000,
        incidents: 4,
        byClass: {
          ...zeroClasses,
          'lost-time-injury': 1,
          'medical-treatment': 1,
          'near-miss': 1,
          unclassified: 1,
        },
        recordables: 2,
        lostTimeInjuries: 1,
        lostDays: 5,
        reclassified: 1,
        openIncidents: 3,
        openInvestigations: 2,
        // 2 × 200,000 / 400,000 and 1 × 1,000,000 / 400,000.
        trir: { value: 1, count: 2, hours: 400_000, baseHours: 200_000 },
        ltifr: { value: 2.5, count: 1, hours: 400_000, baseHours: 1_000_000 },
      });
      expect(body.exposure).toEqual([
        { periodId: '2026-01', hours: 150_000 },
        { periodId: '2026-02', hours: 150_000 },
        { periodId: '2026-03', hours: 100_000 },
      ]);
      expect(body.incidents.map((i: { incidentId: string }) => i.incidentId)).toEqual([
        incidents.lti,
        incidents.treated,
        incidents.nearMiss,
        incidents.unclassified,
      ]);
      expect(body.incidents[1]).toMatchObject({
        classification: 'medical-treatment',
        originalClassification: 'first-aid',
        reclassifications: [
          { from: 'first-aid', to: 'medical-treatment', reason: 'Stitches needed', by: 'carol' },
        ],
        recordable: true,
        status: 'investigated',
        peopleInvolved: 1,
      });
      expect(body.incidents[0]).toMatchObject({ lostDays: 5, lostTimeInjury: true });
      // People are counted, never named, in the register.
      expect(response.body).not.toContain('emp-1042');
    });

    it('answers null rates (never 0 or Infinity) for a project without hours', async () => {
      const body = (await get(projectUrl('Depot'))).json();
      expect(body.figures).toMatchObject({
        exposureHours: 0,
        incidents: 1,
        recordables: 1,
        trir: { value: null, count: 1, hours: 0, baseHours: 200_000 },
        ltifr: { value: null, count: 0, hours: 0, baseHours: 1_000_000 },
      });
      expect(body.exposure).toEqual([]);
    });

    it('rolls the program up from summed counts and hours, with each project', async () => {
      const response = await get(programUrl());
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.programId).toBe(programId);
      // 4 recordables × 200,000 / 1,000,000; 2 LTIs (LTI + fatality) × 1,000,000 / 1,000,000.
      expect(body.figures).toMatchObject({
        exposureHours: 1_000_000,
        incidents: 6,
        recordables: 4,
        lostTimeInjuries: 2,
        lostDays: 5,
        trir: { value: 0.8, count: 4, hours: 1_000_000, baseHours: 200_000 },
        ltifr: { value: 2, count: 2, hours: 1_000_000, baseHours: 1_000_000 },
      });
      expect(
        body.projects.map((p: { name: string; figures: { trir: { value: number | null } } }) => [
          p.name,
          p.figures.trir.value,
        ]),
      ).toEqual([
        ['Depot', null],
        ['North', 1],
        // 1 × 200,000 / 600,000 = 0.333…
        ['South', 0.33],
      ]);
    });

    it('limits the figures to a period of months (from/to)', async () => {
      const body = (await get(programUrl(), 'from=2026-02&to=2026-02')).json();
      expect(body.period).toEqual({ from: '2026-02', to: '2026-02' });
      // 2 × 200,000 / 750,000 = 0.533…; 1 × 1,000,000 / 750,000 = 1.333…
      expect(body.figures).toMatchObject({
        exposureHours: 750_000,
        incidents: 3,
        recordables: 2,
        lostTimeInjuries: 1,
        trir: { value: 0.53, count: 2, hours: 750_000 },
        ltifr: { value: 1.33, count: 1, hours: 750_000 },
      });
      const march = (await get(projectUrl('North'), 'from=2026-03')).json();
      expect(march.figures).toMatchObject({ exposureHours: 100_000, incidents: 1 });
      expect(march.figures.trir.value).toBe(0);
    });

    it('a program with no project yet has an empty register (200), as its portfolio and risk exposure do', async () => {
      const created = await http.post(
        '/api/programs',
        { name: 'Empty program', customerId: 'cust-1', customerName: 'Nordic Telco' },
        tokens.pmo,
      );
      expect(created.statusCode).toBe(201);
      const { id, position } = created.json<{ id: string; position: number }>();
      const response = await http.get(
        `/api/programs/${id}/safety?minPosition=${position}`,
        tokens.pmo,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        programId: id,
        projects: [],
        figures: { exposureHours: 0, incidents: 0, recordables: 0, byClass: zeroClasses },
      });
    });

    it('403 outside the claim; 404 for an unknown project or program', async () => {
      expectProblem(
        await get(projectUrl('North'), '', tokens.outsider),
        403,
        'program-not-in-claim',
      );
      expectProblem(await get(programUrl(), '', tokens.outsider), 403, 'program-not-in-claim');
      expectProblem(
        await http.get('/api/projects/no-such-project/safety', tokens.pmo),
        404,
        'project-not-found',
      );
      expectProblem(
        await http.get('/api/programs/no-such-program/safety', tokens.pmo),
        404,
        'program-not-found',
      );
    });

    it.each([
      ['from=2026-13', 'from'],
      ['to=2026-1', 'to'],
      ['from=2026-03&to=2026-02', 'to'],
      ['asOf=2026-03-01', 'asOf'],
    ])('a bad query (%s) is 400 naming the field', async (query, field) => {
      for (const url of [projectUrl('North'), programUrl()]) {
        const response = await http.get(`${url}?${query}`, tokens.pmo);
        expectProblem(response, 400, 'validation-failed');
        expect(
          response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
        ).toContain(field);
      }
    });
  },
);
