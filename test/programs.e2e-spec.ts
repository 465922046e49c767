import { SignJWT } from 'jose';
import { httpClient } from './support/http-client';
import { PROBLEM } from './support/problem';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

const validBody = {
  name: '5G RAN rollout North',
  customerId: 'cust-1',
  customerName: 'Nordic Telco',
};

describe('POST /api/programs (foundation: command path, auth, errors)', () => {
  let t: TestApp;
  let pmoToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    pmoToken = await t.token({ sub: 'alice', roles: ['pmo'] });
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/programs',
      headers: {
        authorization: `Bearer ${pmoToken}`,
        'content-type': 'application/json',
        ...headers,
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('creates a program: 201 with id, streamId, revision and position, and the envelope records the token actor', async () => {
    const response = await post(validBody, { 'x-correlation-id': 'corr-123' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      streamId: `program-${body.id}`,
      revision: 0,
      position: expect.any(Number),
    });
    expect(response.headers['x-correlation-id']).toBe('corr-123');

    const [event] = await t.store.readStream(body.streamId);
    expect(event).toMatchObject({
      type: 'ProgramCreated',
      schemaVersion: 2,
      revision: 0,
      position: body.position,
      data: {
        programId: body.id,
        name: validBody.name,
        customer: { id: validBody.customerId, name: validBody.customerName },
        createdBy: 'alice',
      },
      metadata: { actor: { sub: 'alice', roles: ['pmo'] }, correlationId: 'corr-123' },
    });
    expect(event!.metadata.causationId).toBe(event!.metadata.commandId);
    expect(event!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('program lifecycle', () => {
    const { post: command } = httpClient(
      () => t,
      () => pmoToken,
    );

    it('assigns a program manager and closes a program with no open project', async () => {
      const { id } = (await post(validBody)).json();
      const assigned = await command(`/api/programs/${id}/manager`, { managerId: 'bob' });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json()).toMatchObject({ streamId: `program-${id}`, revision: 1 });
      const closed = await command(`/api/programs/${id}/close`, { reason: 'benefit delivered' });
      expect(closed.statusCode).toBe(200);
      const events = await t.store.readStream(`program-${id}`);
      expect(events.map((e) => e.type)).toEqual([
        'ProgramCreated',
        'ProgramManagerAssigned',
        'ProgramClosed',
      ]);
      expect(events[2]!.data).toMatchObject({ closedBy: 'alice', reason: 'benefit delivered' });
    });

    it('detaches a project (then the program may close) and attaches it back; another program is refused', async () => {
      const { id: programId } = (await post(validBody)).json();
      const sales = await t.token({ sub: 'sam', roles: ['sales'] });
      const contract = await command(
        '/api/contracts',
        {
          programId,
          customerId: 'cust-1',
          title: 'Frame',
          value: { amount: 100_000_00, currency: 'EUR' },
          signedOn: '2026-01-15',
        },
        sales,
      );
      const project = await command('/api/projects', {
        programId,
        contractId: contract.json().id,
        name: 'Ring 1',
      });
      expect(project.statusCode).toBe(201);
      const projectId: string = project.json().id;
      const programStream = `program-${programId}`;
      expect((await t.store.readStream(programStream)).at(-1)).toMatchObject({
        type: 'ProjectAttachedToProgram',
        data: { projectId },
      });

      const closeRefused = await command(`/api/programs/${programId}/close`, { reason: 'done' });
      expect(closeRefused.json().type).toMatch(/\/program-has-open-projects$/);

      const detached = await command(`/api/programs/${programId}/projects/${projectId}/detach`, {
        reason: 'Descoped',
      });
      expect(detached.statusCode).toBe(200);
      expect((await t.store.readStream(programStream)).at(-1)).toMatchObject({
        type: 'ProjectDetachedFromProgram',
        data: { programId, projectId, reason: 'Descoped' },
      });

      const { id: otherProgramId } = (await post(validBody)).json();
      const elsewhere = await command(
        `/api/programs/${otherProgramId}/projects/${projectId}/attach`,
        {},
      );
      expect(elsewhere.statusCode).toBe(422);
      expect(elsewhere.json().type).toMatch(/\/project-in-another-program$/);

      const back = await command(`/api/programs/${programId}/projects/${projectId}/attach`, {});
      expect(back.statusCode).toBe(200);
      expect((await t.store.readStream(programStream)).at(-1)).toMatchObject({
        type: 'ProjectAttachedToProgram',
        data: { projectId },
      });
    });

    it('refuses changes to a closed program with its rule as the problem type', async () => {
      const { id } = (await post(validBody)).json();
      await command(`/api/programs/${id}/close`, { reason: 'done' });
      const refused = await command(`/api/programs/${id}/manager`, { managerId: 'bob' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().type).toMatch(/\/program-closed$/);
    });

    // Unknown, outside the claim, malformed: test/security/scope-and-not-found.e2e-spec.ts.
  });

  describe('Idempotency-Key', () => {
    it('same key and same body: the first result again, nothing appended', async () => {
      const first = await post(validBody, { 'idempotency-key': 'create-north-1' });
      const headBefore = await t.store.headPosition();
      const second = await post(validBody, { 'idempotency-key': 'create-north-1' });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      expect(await t.store.headPosition()).toBe(headBefore);
    });

    it('same key and another body: 422 idempotency-key-reused, nothing appended', async () => {
      await post(validBody, { 'idempotency-key': 'create-north-2' });
      const headBefore = await t.store.headPosition();
      const reused = await post(
        { ...validBody, name: 'Another' },
        { 'idempotency-key': 'create-north-2' },
      );
      expect(reused.statusCode).toBe(422);
      expect(reused.json().type).toMatch(/idempotency-key-reused$/);
      expect(await t.store.headPosition()).toBe(headBefore);
    });

    it('concurrent requests with one key create one program', async () => {
      const headBefore = await t.store.headPosition();
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => post(validBody, { 'idempotency-key': 'create-north-3' })),
      );
      expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(await t.store.headPosition()).toBe(headBefore + 1);
    });
  });

  describe('authentication and authorization', () => {
    const expectProblem = (
      response: {
        statusCode: number;
        headers: Record<string, unknown>;
        json: () => { type: string; status: number };
      },
      status: number,
      type: string,
    ) => {
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.json().type).toMatch(new RegExp(`${type}$`));
      expect(response.json().status).toBe(status);
    };

    it('401 without a token', async () => {
      expectProblem(await post(validBody, { authorization: '' }), 401, 'unauthenticated');
    });
    it('401 for a token signed with another secret (forged)', async () => {
      const forged = await new SignJWT({ roles: ['admin'], programs: '*' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
      expectProblem(
        await post(validBody, { authorization: `Bearer ${forged}` }),
        401,
        'unauthenticated',
      );
    });
    it('401 for an expired token', async () => {
      const expired = await new SignJWT({ roles: ['pmo'], programs: '*' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      const response = await post(validBody, { authorization: `Bearer ${expired}` });
      expectProblem(response, 401, 'unauthenticated');
      expect(response.json().detail).toMatch(/expired/);
    });
    it('401 for a token without exp', async () => {
      const noExp = await new SignJWT({ roles: ['pmo'], programs: '*' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      expectProblem(
        await post(validBody, { authorization: `Bearer ${noExp}` }),
        401,
        'unauthenticated',
      );
    });
    it.each<[string, { iat: number; exp: number; sub?: string }, string]>([
      ['exp in year 9999', { iat: 0, exp: 253402300799 }, '"exp"'],
      ['exp of 1e300', { iat: 0, exp: 1e300 }, '"exp"'],
      ['iat a year ahead', { iat: 365 * 86400, exp: 365 * 86400 + 600 }, '"iat"'],
      // A 10 KB sub makes the token itself too large; a 1 KB one is refused for what it is.
      ['a 10 KB sub', { iat: 0, exp: 600, sub: 'm'.repeat(10_000) }, 'too large'],
      ['a 1 KB sub', { iat: 0, exp: 600, sub: 'm'.repeat(1_000) }, '"sub"'],
    ])(
      '401 naming the claim for a correctly signed token with %s; nothing is written',
      async (_case, claims, claim) => {
        const now = Math.floor(Date.now() / 1000);
        // Times are relative to now, except the absurd absolute ones.
        const at = (seconds: number) => (seconds > 1e9 ? seconds : now + seconds);
        const token = await new SignJWT({
          sub: claims.sub ?? 'mallory',
          roles: ['pmo'],
          programs: '*',
          iat: at(claims.iat),
          exp: at(claims.exp),
        })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(TEST_JWT_SECRET));
        const headBefore = await t.store.headPosition();
        const response = await post(validBody, { authorization: `Bearer ${token}` });
        expectProblem(response, 401, 'unauthenticated');
        expect(response.json<{ detail?: string }>().detail).toContain(claim);
        expect(await t.store.headPosition()).toBe(headBefore);
      },
    );
    it('401 for a lifetime over JWT_MAX_LIFETIME_SECONDS as configured', async () => {
      const strict = await startTestApp({ JWT_MAX_LIFETIME_SECONDS: '600' });
      try {
        const inject = async (ttlSeconds: number) =>
          strict.app.inject({
            method: 'POST',
            url: '/api/programs',
            headers: {
              authorization: `Bearer ${await strict.token({ roles: ['pmo'], ttlSeconds })}`,
              'content-type': 'application/json',
            },
            payload: JSON.stringify(validBody),
          });
        expect((await inject(600)).statusCode).toBe(201);
        const refused = await inject(3600);
        expectProblem(refused, 401, 'unauthenticated');
        expect(refused.json<{ detail?: string }>().detail).toMatch(/"exp".*600 s/);
      } finally {
        await strict.close();
      }
    });
    it('401 for an unsigned (alg none) token', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({
          sub: 'mallory',
          roles: ['admin'],
          programs: '*',
          exp: Math.floor(Date.now() / 1000) + 600,
        }),
      ).toString('base64url');
      expectProblem(
        await post(validBody, { authorization: `Bearer ${header}.${payload}.` }),
        401,
        'unauthenticated',
      );
    });
    it('403 for a role that may not create programs', async () => {
      const auditor = await t.token({ sub: 'carol', roles: ['auditor'] });
      expectProblem(
        await post(validBody, { authorization: `Bearer ${auditor}` }),
        403,
        'role-required',
      );
    });
    it('403 for a caller whose programs claim is a list (a new program is in no list)', async () => {
      const scoped = await t.token({ sub: 'dave', roles: ['pmo'], programs: ['some-program'] });
      expectProblem(
        await post(validBody, { authorization: `Bearer ${scoped}` }),
        403,
        'program-not-in-claim',
      );
    });
    it('the OpenAPI document and its UI need no token and describe the command', async () => {
      const ui = await t.app.inject({ method: 'GET', url: '/docs' });
      expect(ui.statusCode).toBe(200);
      const document = await t.app.inject({ method: 'GET', url: '/docs/openapi.json' });
      expect(document.json().paths['/api/programs'].post).toBeDefined();
    });
    it('the health check needs no token', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json().status).toBe('ok');
    });
  });

  describe('bad input is refused with problem+json and writes nothing', () => {
    const cases: Array<[string, unknown, Record<string, string>, number, string, string?]> = [
      ['malformed JSON', '{"name": "x", ', {}, 400, 'malformed-json'],
      ['an empty body', '', {}, 400, 'malformed-json'],
      ['a JSON array instead of an object', '[1,2]', {}, 400, 'validation-failed'],
      ['wrong types', { name: 42, customerId: 7 }, {}, 400, 'validation-failed', 'name'],
      [
        'a missing nested field',
        { name: 'x', customerId: 'c' },
        {},
        400,
        'validation-failed',
        'customerName',
      ],
      ['an unknown field', { ...validBody, budget: 1 }, {}, 400, 'validation-failed', 'budget'],
      [
        'an object where text is expected',
        { ...validBody, customerId: { id: 'cust-1', vip: true } },
        {},
        400,
        'validation-failed',
        'customerId',
      ],
      [
        'an oversized name',
        { ...validBody, name: 'x'.repeat(201) },
        {},
        400,
        'validation-failed',
        'name',
      ],
      [
        'a body over the size limit',
        { ...validBody, name: 'x'.repeat(2 * 1024 * 1024) },
        {},
        413,
        'payload-too-large',
      ],
      [
        'a non-JSON content type',
        'name=x',
        { 'content-type': 'text/plain' },
        415,
        'unsupported-media-type',
      ],
      [
        'a bad effectiveAt',
        { ...validBody, effectiveAt: 'yesterday' },
        {},
        400,
        'validation-failed',
        'effectiveAt',
      ],
      [
        'a bad Idempotency-Key',
        validBody,
        { 'idempotency-key': 'has spaces in it' },
        400,
        'validation-failed',
        'header:Idempotency-Key',
      ],
      [
        'a prototype-pollution attempt',
        '{"__proto__": {"admin": true}, "name": "x", "customerId": "c", "customerName": "n"}',
        {},
        400,
        'malformed-json',
      ],
    ];
    const named = cases.map(([label, body, headers, status, type, field]) => ({
      label,
      body,
      headers,
      status,
      type,
      field,
    }));
    it.each(named)('$label', async ({ body, headers, status, type, field }) => {
      const headBefore = await t.store.headPosition();
      const response = await post(body, headers);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain(PROBLEM);
      const problem = response.json();
      expect(problem.type).toMatch(new RegExp(`/${type}$`));
      expect(problem.status).toBe(status);
      expect(problem.instance).toBe('/api/programs');
      if (field)
        expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await t.store.headPosition()).toBe(headBefore);
    });
  });
});
