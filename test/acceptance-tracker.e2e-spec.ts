import { createProgram, createProject, registerContract } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

const AS_OF = '2026-03-01';

interface View {
  acceptanceId: string;
  status: string;
  warranty: { warrantyElapsed: boolean | null; finalAcceptanceDue: boolean };
}

describe.each(readStoreVariants('acceptance tracker'))(
  'Acceptance tracker over HTTP (GET /api/projects/:projectId/acceptances, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(
      () => t,
      () => tokens.carla!,
    );
    let contractId: string;
    let obligationId: string;
    let projectId: string;
    const ids: Record<string, string> = {};
    let lastPosition = 0;

    const ok = async (url: string, body: object) => {
      const answer = (await http.postOk(url, body)) as { id?: string; position?: number };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };
    const acceptances = () => `/api/projects/${projectId}/acceptances`;
    const at = (key: string, path: string) => `${acceptances()}/${ids[key]}/${path}`;
    const passedTest = async (key: string, result = 'passed') => {
      await ok(at(key, 'tests'), { testId: 'sat-1', scheduledOn: '2025-01-10' });
      await ok(at(key, 'tests/sat-1/result'), { result });
    };
    const get = (query = `asOf=${AS_OF}`, token = tokens.pmo) =>
      http.get(`${acceptances()}?minPosition=${lastPosition}&${query}`, token);

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      Object.assign(
        tokens,
        await tokensFor(t, {
          carla: { roles: ['project-manager'] },
          pmo: { sub: 'paula', roles: ['pmo'] },
        }),
      );
      const programId = await createProgram(http, tokens.pmo!, 'RAN North');
      contractId = await registerContract(http, tokens.pmo!, {
        programId,
        customerId: 'cust-1',
        title: 'RAN modernisation',
        value: { amount: 100_000_000, currency: 'EUR' },
        signedOn: '2024-06-01',
      });
      obligationId = (
        await ok(`/api/contracts/${contractId}/obligations`, {
          kind: 'acceptance',
          title: 'PAC of site Nordby 42',
          dueOn: '2025-03-01',
          evidenceRule: 'Signed PAC',
          remedy: { kind: 'liquidated-damages', ratePerWeekPct: 1, capPct: 10 },
        })
      ).id!;
      projectId = await createProject(http, tokens.carla!, {
        programId,
        contractId,
        name: 'North-1',
      });

      // A site under the obligation: A item cleared, PAC with the B item reserved, 12 months.
      ids.site = (
        await ok(acceptances(), {
          object: { kind: 'site', ref: 'SITE-42', title: 'Macro site Nordby 42' },
          obligationId,
          warrantyMonths: 12,
          effectiveAt: '2025-01-02T08:00:00Z',
        })
      ).id!;
      await passedTest('site');
      await ok(at('site', 'punch-items'), {
        itemId: 'pi-a',
        severity: 'A',
        description: 'Antenna tilt wrong',
      });
      await ok(at('site', 'punch-items'), {
        itemId: 'pi-b',
        severity: 'B',
        description: 'Label missing',
      });
      await ok(at('site', 'punch-items/pi-a/clear'), { evidence: { ref: 'photo-1' } });
      await ok(at('site', 'provisional-certificate'), {
        certificateId: 'pac-site',
        issuedOn: '2025-02-01',
      });

      // A link without warranty: PAC and FAC.
      ids.link = (
        await ok(acceptances(), {
          object: { kind: 'link', ref: 'LINK-7', title: 'Microwave link 7' },
          warrantyMonths: 0,
          effectiveAt: '2025-01-03T08:00:00Z',
        })
      ).id!;
      await passedTest('link');
      await ok(at('link', 'provisional-certificate'), {
        certificateId: 'pac-link',
        issuedOn: '2025-03-01',
      });
      await ok(at('link', 'final-certificate'), {
        certificateId: 'fac-link',
        issuedOn: '2025-03-05',
      });

      // A cluster: failed test, an open A item (its PAC is blocked).
      ids.cluster = (
        await ok(acceptances(), {
          object: { kind: 'cluster', ref: 'CL-1', title: 'Cluster North-1' },
          effectiveAt: '2025-01-04T08:00:00Z',
        })
      ).id!;
      await passedTest('cluster', 'failed');
      await ok(at('cluster', 'punch-items'), {
        itemId: 'pi-c',
        severity: 'A',
        description: 'Alarm on node 3',
      });
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('answers exact counts by status and open punch items, and each acceptance', async () => {
      const response = await get();
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.position).toBeGreaterThanOrEqual(lastPosition);
      expect(body).toMatchObject({
        projectId,
        asOf: AS_OF,
        summary: {
          total: 3,
          byStatus: { open: 1, 'provisionally-accepted': 1, 'finally-accepted': 1 },
          openPunchItems: { A: 1, B: 1 },
          blockedByPunchItems: 1,
          finalAcceptanceDue: 1,
        },
      });
      expect(body.acceptances.map((view: View) => view.acceptanceId)).toEqual([
        ids.site,
        ids.link,
        ids.cluster,
      ]);
      const [site, link, cluster] = body.acceptances;
      expect(site).toMatchObject({
        object: { kind: 'site', ref: 'SITE-42', title: 'Macro site Nordby 42' },
        status: 'provisionally-accepted',
        openedAt: '2025-01-02T08:00:00.000Z',
        openedBy: 'carla',
        obligation: { contractId, obligationId, fulfilledBy: 'pac' },
        openPunchItems: { A: 0, B: 1 },
        pac: {
          certificateId: 'pac-site',
          issuedOn: '2025-02-01',
          warrantyStartsOn: '2025-02-01',
          warrantyEndsOn: '2026-02-01',
          reservations: 1,
          fulfilsObligation: true,
        },
        fac: null,
        warranty: { warrantyElapsed: true, finalAcceptanceDue: true },
      });
      expect(link).toMatchObject({
        status: 'finally-accepted',
        obligation: null,
        pac: { issuedOn: '2025-03-01', warrantyEndsOn: '2025-03-01' },
        fac: { certificateId: 'fac-link', issuedOn: '2025-03-05', fulfilsObligation: false },
        warranty: { warrantyElapsed: true, finalAcceptanceDue: false },
      });
      expect(cluster).toMatchObject({
        status: 'open',
        latestResult: 'failed',
        openPunchItems: { A: 1, B: 0 },
        pac: null,
        warranty: { warrantyElapsed: null, finalAcceptanceDue: false },
      });
    });

    it('judges the warranty on asOf', async () => {
      const body = (await get('asOf=2026-01-31')).json();
      expect(body.summary.finalAcceptanceDue).toBe(0);
      expect(body.acceptances[0].warranty).toEqual({
        warrantyElapsed: false,
        finalAcceptanceDue: false,
      });
    });

    it('filters by status and object kind (counts follow the filter)', async () => {
      const listed = async (query: string) =>
        (await get(`asOf=${AS_OF}&${query}`)).json<{
          acceptances: View[];
          summary: Record<string, unknown>;
        }>();
      const open = await listed('status=open');
      expect(open.acceptances.map((view: View) => view.acceptanceId)).toEqual([ids.cluster]);
      expect(open.summary).toMatchObject({ total: 1, openPunchItems: { A: 1, B: 0 } });
      const links = await listed('objectKind=link');
      expect(links.acceptances.map((view: View) => view.acceptanceId)).toEqual([ids.link]);
    });

    // A project outside the claim, an unknown project and a malformed id:
    // test/security/scope-and-not-found.e2e-spec.ts.
    it.each([
      ['asOf=2026-3-1', 'asOf'],
      ['status=accepted', 'status'],
      ['objectKind=tower', 'objectKind'],
      ['waitMs=99999', 'waitMs'],
    ])('a bad query (%s) is 400 naming the field', async (query, field) => {
      const response = await http.get(`${acceptances()}?${query}`, tokens.pmo);
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field),
      ).toContain(field);
    });
  },
);
