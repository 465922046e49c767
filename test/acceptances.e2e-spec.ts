import type { Role } from '@ledger/domain';
import { createProgram, createProject, registerContract } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** 1,000,000.00 EUR in minor units. */
const CONTRACT_VALUE = 100_000_000;
const site = { kind: 'site', ref: 'SITE-N1-0042', title: 'Macro site Nordby 42' };

describe('Acceptance over HTTP (/api/projects/:projectId/acceptances)', () => {
  let t: TestApp;
  let pm: string;
  let pmo: string;

  beforeAll(async () => {
    t = await startTestApp();
    pm = await t.token({ sub: 'carla', roles: ['project-manager'] });
    pmo = await t.token({ sub: 'paula', roles: ['pmo'] });
  });
  afterAll(() => t.close());

  const http = httpClient(
    () => t,
    () => pm,
  );
  const { post } = http;

  const streamOf = (streamId: string) => t.store.readStream(streamId);

  interface Setup {
    readonly programId: string;
    readonly contractId: string;
    readonly projectId: string;
    /** An acceptance obligation due 2025-01-01: 1 % of the value per started week, cap 10 %. */
    readonly obligationId: string;
  }

  /** Program, contract (with an acceptance obligation under LD) and project, all over HTTP. */
  async function newProject(): Promise<Setup> {
    const programId = await createProgram(http, pmo, 'RAN North');
    const contractId = await registerContract(http, pmo, {
      programId,
      customerId: 'cust-1',
      title: 'RAN modernisation',
      value: eur(CONTRACT_VALUE),
      signedOn: '2024-06-01',
    });
    const obligation = await post(`/api/contracts/${contractId}/obligations`, {
      kind: 'acceptance',
      title: 'PAC of site Nordby 42',
      dueOn: '2025-01-01',
      evidenceRule: 'Signed PAC',
      remedy: { kind: 'liquidated-damages', ratePerWeekPct: 1, capPct: 10 },
    });
    expect(obligation.statusCode).toBe(201);
    const projectId = await createProject(http, pm, { programId, contractId, name: 'North-1' });
    return { programId, contractId, projectId, obligationId: obligation.json().id };
  }

  const acceptancesUrl = (projectId: string) => `/api/projects/${projectId}/acceptances`;
  const acceptanceUrl = (projectId: string, acceptanceId: string, path: string) =>
    `${acceptancesUrl(projectId)}/${acceptanceId}/${path}`;

  async function open(projectId: string, body: object = { object: site }): Promise<string> {
    const response = await post(acceptancesUrl(projectId), body);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  /** An opened acceptance whose test has passed (the PAC's precondition). */
  async function testedAcceptance(projectId: string, body?: object): Promise<string> {
    const acceptanceId = await open(projectId, body);
    const at = (path: string) => acceptanceUrl(projectId, acceptanceId, path);
    expect(
      (await post(at('tests'), { testId: 'sat-1', scheduledOn: '2025-01-10' })).statusCode,
    ).toBe(201);
    expect((await post(at('tests/sat-1/result'), { result: 'passed' })).statusCode).toBe(200);
    return acceptanceId;
  }

  describe('the acceptance flow with punch items, PAC and FAC', () => {
    it('opens, tests, refuses PAC with an open A item, issues it with the B item listed, fulfils the obligation, and FAC once every item is cleared', async () => {
      const { contractId, projectId, obligationId } = await newProject();

      // Open, linked to the contract's acceptance obligation (the PAC fulfils it by default).
      const opened = await post(acceptancesUrl(projectId), {
        object: site,
        obligationId,
        warrantyMonths: 0,
      });
      expect(opened.statusCode).toBe(201);
      const acceptanceId: string = opened.json().id;
      expect(opened.json()).toMatchObject({
        streamId: `acceptance-${acceptanceId}`,
        revision: 0,
      });
      const at = (path: string) => acceptanceUrl(projectId, acceptanceId, path);
      const acceptanceEvents = () => streamOf(`acceptance-${acceptanceId}`);
      expect((await acceptanceEvents())[0]).toMatchObject({
        type: 'AcceptanceOpened',
        data: {
          acceptanceId,
          projectId,
          object: site,
          contractId,
          obligationId,
          obligationFulfilledBy: 'pac',
          warrantyMonths: 0,
          openedBy: 'carla',
          authority: 'project-manager',
        },
      });

      // Test scheduled and passed.
      const scheduled = await post(at('tests'), { testId: 'sat-1', scheduledOn: '2025-01-10' });
      expect(scheduled.statusCode).toBe(201);
      expect(scheduled.json().id).toBe('sat-1');
      const result = await post(at('tests/sat-1/result'), {
        result: 'passed',
        notes: 'KPIs met',
      });
      expect(result.statusCode).toBe(200);
      expect((await acceptanceEvents()).at(-1)).toMatchObject({
        type: 'AcceptanceTestResultRecorded',
        data: { testId: 'sat-1', result: 'passed', notes: 'KPIs met' },
      });

      // Punch items: one blocking (A), one minor (B).
      for (const [itemId, severity, description] of [
        ['pi-a', 'A', 'Grounding missing on mast'],
        ['pi-b', 'B', 'Cabinet label faded'],
      ]) {
        const raised = await post(at('punch-items'), { itemId, severity, description });
        expect(raised.statusCode).toBe(201);
        expect(raised.json().id).toBe(itemId);
      }

      // No PAC while the A item is open; nothing is appended.
      const headBefore = await t.store.headPosition();
      const refused = await post(at('provisional-certificate'), { issuedOn: '2025-01-20' });
      expectProblem(refused, 422, 'open-severity-a-punch-items');
      expect(await t.store.headPosition()).toBe(headBefore);

      const cleared = await post(at('punch-items/pi-a/clear'), {
        evidence: { ref: 'PHOTO-0120-1', note: 'Grounding installed' },
      });
      expect(cleared.statusCode).toBe(200);
      expect((await acceptanceEvents()).at(-1)).toMatchObject({
        type: 'PunchItemCleared',
        data: { itemId: 'pi-a', severity: 'A', evidence: { ref: 'PHOTO-0120-1' } },
      });

      // PAC: the open B item is listed; the reaction fulfils the linked obligation.
      const pac = await post(at('provisional-certificate'), { issuedOn: '2025-01-20' });
      expect(pac.statusCode).toBe(200);
      const pacId: string = pac.json().id;
      expect(pacId).toEqual(expect.any(String));
      expect(pac.json().followUps).toEqual([
        {
          reaction: 'contract-fulfils-obligation-on-certificate',
          streamId: `contract-${contractId}`,
          revision: expect.any(Number),
          position: pac.json().position,
        },
      ]);
      expect((await acceptanceEvents()).at(-1)).toMatchObject({
        type: 'ProvisionalAcceptanceCertificateIssued',
        data: {
          certificateId: pacId,
          issuedOn: '2025-01-20',
          openPunchItems: [{ itemId: 'pi-b', severity: 'B', description: 'Cabinet label faded' }],
          warrantyStartsOn: '2025-01-20',
          warrantyEndsOn: '2025-01-20',
          contractId,
          obligationId,
          fulfilsObligation: true,
        },
      });
      const contractEvents = () => streamOf(`contract-${contractId}`);
      const fulfilled = (await contractEvents()).at(-1)!;
      expect(fulfilled).toMatchObject({
        type: 'ObligationFulfilled',
        data: {
          obligationId,
          fulfilledOn: '2025-01-20',
          evidence: { kind: 'acceptance-certificate', ref: pacId },
          onTime: false,
        },
      });
      const pacEvent = (await acceptanceEvents()).at(-1)!;
      expect(fulfilled.metadata.causationId).toBe(pacEvent.id);
      expect(fulfilled.metadata.correlationId).toBe(pacEvent.metadata.correlationId);

      // LD stops at fulfilment: as of months later only the 19 days until the PAC count.
      const accrue = (asOf: string) =>
        post(
          `/api/contracts/${contractId}/obligations/${obligationId}/liquidated-damages/accruals`,
          {
            asOf,
          },
        );
      expect((await accrue('2025-06-01')).statusCode).toBe(200);
      expect((await contractEvents()).at(-1)).toMatchObject({
        type: 'LiquidatedDamagesAccrued',
        data: {
          asOf: '2025-06-01',
          countedUntil: '2025-01-20',
          daysLate: 19,
          weeksLate: 3,
          amount: eur(3_000_000),
          accruedTotal: eur(3_000_000),
        },
      });
      const countBefore = (await contractEvents()).length;
      expect((await accrue('2026-01-01')).statusCode).toBe(200);
      expect(await contractEvents()).toHaveLength(countBefore);

      // FAC needs every punch item cleared.
      expectProblem(
        await post(at('final-certificate'), { certificateId: 'fac-1', issuedOn: '2025-02-01' }),
        422,
        'open-punch-items',
      );
      expect(
        (await post(at('punch-items/pi-b/clear'), { evidence: { ref: 'PHOTO-0130-2' } }))
          .statusCode,
      ).toBe(200);
      const fac = await post(at('final-certificate'), {
        certificateId: 'fac-1',
        issuedOn: '2025-02-01',
      });
      expect(fac.statusCode).toBe(200);
      expect(fac.json()).toMatchObject({
        id: 'fac-1',
        followUps: [
          {
            reaction: 'project-records-final-acceptance',
            streamId: `project-${projectId}`,
            revision: expect.any(Number),
          },
        ],
      });
      expect((await acceptanceEvents()).at(-1)).toMatchObject({
        type: 'FinalAcceptanceCertificateIssued',
        data: {
          certificateId: 'fac-1',
          provisionalCertificateId: pacId,
          fulfilsObligation: false,
        },
      });
      expect((await streamOf(`project-${projectId}`)).at(-1)).toMatchObject({
        type: 'FinalAcceptanceRecorded',
        data: { projectId, certificateId: 'fac-1' },
      });

      // A finally accepted object takes no more changes.
      expectProblem(
        await post(at('punch-items'), { itemId: 'pi-c', severity: 'B', description: 'late find' }),
        422,
        'acceptance-closed',
      );
    });

    it('FAC is refused before the PAC', async () => {
      const { projectId } = await newProject();
      const acceptanceId = await testedAcceptance(projectId);
      expectProblem(
        await post(acceptanceUrl(projectId, acceptanceId, 'final-certificate'), {
          issuedOn: '2025-02-01',
        }),
        422,
        'provisional-acceptance-not-issued',
      );
    });

    it('PAC is refused without a passed test; a rejection is recorded with its reason', async () => {
      const { projectId } = await newProject();
      const acceptanceId = await open(projectId);
      const at = (path: string) => acceptanceUrl(projectId, acceptanceId, path);
      expectProblem(
        await post(at('provisional-certificate'), { issuedOn: '2025-01-20' }),
        422,
        'acceptance-test-not-passed',
      );
      const rejected = await post(at('reject'), { reason: 'Drive test failed on sector 2' });
      expect(rejected.statusCode).toBe(200);
      expect((await streamOf(`acceptance-${acceptanceId}`)).at(-1)).toMatchObject({
        type: 'AcceptanceRejected',
        data: {
          stage: 'provisional',
          reason: 'Drive test failed on sector 2',
          rejectedBy: 'carla',
        },
      });
    });

    it('an obligation fulfilled by the FAC: the PAC causes nothing on the contract, the FAC both follow-ups', async () => {
      const { contractId, projectId, obligationId } = await newProject();
      const acceptanceId = await testedAcceptance(projectId, {
        object: { kind: 'network', ref: 'NET-N', title: 'Region North network' },
        obligationId,
        fulfilledBy: 'fac',
        warrantyMonths: 0,
      });
      const at = (path: string) => acceptanceUrl(projectId, acceptanceId, path);
      const pac = await post(at('provisional-certificate'), {
        certificateId: 'pac-n',
        issuedOn: '2025-01-20',
      });
      expect(pac.statusCode).toBe(200);
      expect(pac.json().followUps).toBeUndefined();
      const fac = await post(at('final-certificate'), {
        certificateId: 'fac-n',
        issuedOn: '2025-02-01',
      });
      expect(fac.statusCode).toBe(200);
      expect(
        fac
          .json()
          .followUps.map((f: { reaction: string; streamId: string }) => [f.reaction, f.streamId]),
      ).toEqual([
        ['contract-fulfils-obligation-on-certificate', `contract-${contractId}`],
        ['project-records-final-acceptance', `project-${projectId}`],
      ]);
      expect((await streamOf(`contract-${contractId}`)).at(-1)).toMatchObject({
        type: 'ObligationFulfilled',
        data: { obligationId, fulfilledOn: '2025-02-01', evidence: { ref: 'fac-n' } },
      });
    });

    it('a second acceptance object’s FAC is recorded on the project too', async () => {
      const { projectId } = await newProject();
      for (const [ref, facId] of [
        ['SITE-1', 'fac-s1'],
        ['SITE-2', 'fac-s2'],
      ]) {
        const acceptanceId = await testedAcceptance(projectId, {
          object: { kind: 'site', ref, title: ref },
          warrantyMonths: 0,
        });
        const at = (path: string) => acceptanceUrl(projectId, acceptanceId, path);
        expect(
          (await post(at('provisional-certificate'), { issuedOn: '2025-01-20' })).statusCode,
        ).toBe(200);
        expect(
          (await post(at('final-certificate'), { certificateId: facId, issuedOn: '2025-01-21' }))
            .statusCode,
        ).toBe(200);
      }
      const recorded = (await streamOf(`project-${projectId}`)).filter(
        (event) => event.type === 'FinalAcceptanceRecorded',
      );
      expect(recorded.map((event) => event.data.certificateId)).toEqual(['fac-s1', 'fac-s2']);
    });

    it('a follow-up the contract refuses is reported in followUps; the PAC itself stands', async () => {
      const { contractId, projectId } = await newProject();
      const milestone = await post(`/api/contracts/${contractId}/obligations`, {
        kind: 'milestone',
        title: 'Site on air',
        dueOn: '2025-01-15',
      });
      const obligationId: string = milestone.json().id;
      await post(`/api/contracts/${contractId}/obligations/${obligationId}/fulfilment`, {
        fulfilledOn: '2025-01-14',
        evidence: { kind: 'customer-confirmation', ref: 'MAIL-0114' },
      });
      const acceptanceId = await testedAcceptance(projectId, { object: site, obligationId });
      const pac = await post(acceptanceUrl(projectId, acceptanceId, 'provisional-certificate'), {
        issuedOn: '2025-01-20',
      });
      expect(pac.statusCode).toBe(200);
      expect(pac.json().followUps).toEqual([
        {
          reaction: 'contract-fulfils-obligation-on-certificate',
          streamId: `contract-${contractId}`,
          refusedBy: expect.stringMatching(/\/obligation-already-fulfilled$/),
        },
      ]);
      expect((await streamOf(`acceptance-${acceptanceId}`)).at(-1)!.type).toBe(
        'ProvisionalAcceptanceCertificateIssued',
      );
    });
  });

  describe('opening', () => {
    it('404 obligation-not-found for an obligation that is not on the project’s contract', async () => {
      const { projectId } = await newProject();
      expectProblem(
        await post(acceptancesUrl(projectId), { object: site, obligationId: 'no-such-obligation' }),
        404,
        'obligation-not-found',
      );
    });

    it('400 fulfilledBy without obligationId', async () => {
      const { projectId } = await newProject();
      const response = await post(acceptancesUrl(projectId), { object: site, fulfilledBy: 'pac' });
      expectProblem(response, 400, 'validation-failed');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(
        'fulfilledBy',
      );
    });

    it('422 invalid-warranty-period for a warranty above 120 months (a domain rule)', async () => {
      const { projectId } = await newProject();
      expectProblem(
        await post(acceptancesUrl(projectId), { object: site, warrantyMonths: 121 }),
        422,
        'invalid-warranty-period',
      );
    });
  });

  describe('scope, roles and unknown ids', () => {
    const routes = (projectId: string, acceptanceId: string): Array<[string, object]> => [
      [acceptancesUrl(projectId), { object: site }],
      [
        acceptanceUrl(projectId, acceptanceId, 'tests'),
        { testId: 't9', scheduledOn: '2025-01-10' },
      ],
      [acceptanceUrl(projectId, acceptanceId, 'tests/sat-1/result'), { result: 'failed' }],
      [
        acceptanceUrl(projectId, acceptanceId, 'punch-items'),
        { itemId: 'p9', severity: 'B', description: 'd' },
      ],
      [acceptanceUrl(projectId, acceptanceId, 'punch-items/p9/clear'), { evidence: { ref: 'r' } }],
      [
        acceptanceUrl(projectId, acceptanceId, 'provisional-certificate'),
        { issuedOn: '2025-01-20' },
      ],
      [acceptanceUrl(projectId, acceptanceId, 'reject'), { reason: 'r' }],
      [acceptanceUrl(projectId, acceptanceId, 'final-certificate'), { issuedOn: '2025-01-20' }],
    ];

    // Outside the claim, unknown and malformed ids: test/security/scope-and-not-found.e2e-spec.ts.
    it('403 role-required for an auditor on every route; sales may not issue certificates', async () => {
      const { projectId } = await newProject();
      const acceptanceId = await testedAcceptance(projectId);
      const auditor = await t.token({ sub: 'ann', roles: ['auditor'] });
      for (const [url, body] of routes(projectId, acceptanceId)) {
        expectProblem(await post(url, body, auditor), 403, 'role-required');
      }
      const sales = await t.token({ sub: 'sam', roles: ['sales'] as Role[] });
      expectProblem(
        await post(
          acceptanceUrl(projectId, acceptanceId, 'provisional-certificate'),
          { issuedOn: '2025-01-20' },
          sales,
        ),
        403,
        'role-required',
      );
    });

    it('care records tests and punch items during the warranty (its role is allowed there)', async () => {
      const { projectId } = await newProject();
      const acceptanceId = await open(projectId);
      const care = await t.token({ sub: 'cody', roles: ['care'] });
      const raised = await post(
        acceptanceUrl(projectId, acceptanceId, 'punch-items'),
        { itemId: 'pi-1', severity: 'B', description: 'Door seal' },
        care,
      );
      expect(raised.statusCode).toBe(201);
      expect((await streamOf(`acceptance-${acceptanceId}`)).at(-1)).toMatchObject({
        type: 'PunchItemRaised',
        data: { itemId: 'pi-1', raisedBy: 'cody', authority: 'care' },
      });
    });

    it('404 acceptance-not-found for one of another project of the same program', async () => {
      const first = await newProject();
      const acceptanceId = await open(first.projectId);
      const second = await post('/api/projects', {
        programId: first.programId,
        contractId: first.contractId,
        name: 'North-2',
      });
      const otherProjectId: string = second.json().id;
      expectProblem(
        await post(acceptanceUrl(otherProjectId, acceptanceId, 'reject'), { reason: 'r' }),
        404,
        'acceptance-not-found',
      );
    });
  });

  describe('bad bodies are 400 naming the field, and write nothing', () => {
    it('every acceptance route', async () => {
      const { projectId } = await newProject();
      const acceptanceId = await open(projectId);
      const at = (path: string) => acceptanceUrl(projectId, acceptanceId, path);
      const cases: Array<[string, string, unknown, string]> = [
        [
          'open: unknown object kind',
          acceptancesUrl(projectId),
          { object: { ...site, kind: 'tower' } },
          'object.kind',
        ],
        [
          'open: missing object ref',
          acceptancesUrl(projectId),
          { object: { kind: 'site', title: 't' } },
          'object.ref',
        ],
        [
          'open: bad fulfilledBy',
          acceptancesUrl(projectId),
          { object: site, obligationId: 'o1', fulfilledBy: 'sat' },
          'fulfilledBy',
        ],
        [
          'open: fractional warranty',
          acceptancesUrl(projectId),
          { object: site, warrantyMonths: 1.5 },
          'warrantyMonths',
        ],
        [
          'open: unknown field',
          acceptancesUrl(projectId),
          { object: site, priority: 'high' },
          'priority',
        ],
        [
          'test: bad test id',
          at('tests'),
          { testId: 'sat 1', scheduledOn: '2025-01-10' },
          'testId',
        ],
        [
          'test: bad date',
          at('tests'),
          { testId: 'sat-1', scheduledOn: '2025-13-01' },
          'scheduledOn',
        ],
        ['result: unknown result', at('tests/sat-1/result'), { result: 'ok' }, 'result'],
        [
          'punch item: unknown severity',
          at('punch-items'),
          { itemId: 'p1', severity: 'C', description: 'd' },
          'severity',
        ],
        [
          'punch item: empty description',
          at('punch-items'),
          { itemId: 'p1', severity: 'A', description: '' },
          'description',
        ],
        [
          'clear: missing evidence ref',
          at('punch-items/p1/clear'),
          { evidence: { note: 'done' } },
          'evidence.ref',
        ],
        [
          'PAC: issuedOn with a time',
          at('provisional-certificate'),
          { issuedOn: '2025-01-20T10:00:00Z' },
          'issuedOn',
        ],
        [
          'PAC: bad certificate id',
          at('provisional-certificate'),
          { certificateId: 'pac/1', issuedOn: '2025-01-20' },
          'certificateId',
        ],
        ['reject: missing reason', at('reject'), {}, 'reason'],
        ['FAC: missing issuedOn', at('final-certificate'), { certificateId: 'fac-1' }, 'issuedOn'],
        [
          'bad path id',
          `/api/projects/${projectId}/acceptances/bad%20id/reject`,
          { reason: 'r' },
          'path:acceptanceId',
        ],
      ];
      for (const [label, url, body, field] of cases) {
        const headBefore = await t.store.headPosition();
        const response = await post(url, body);
        expect({ label, status: response.statusCode }).toEqual({ label, status: 400 });
        expectProblem(response, 400, 'validation-failed');
        expect({
          label,
          fields: response.json().errors.map((error: { field: string }) => error.field),
        }).toEqual({ label, fields: expect.arrayContaining([field]) });
        expect(await t.store.headPosition()).toBe(headBefore);
      }
    });
  });
});
