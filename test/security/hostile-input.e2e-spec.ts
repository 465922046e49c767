import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fibreRollout } from '../support/fixtures';
import { httpClient } from '../support/http-client';
import { expectProblem } from '../support/problem';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * What probing found (issue 9, defects 1, 2, 3, 5, 7, 10): bodies and URLs built to exhaust the
 * server are refused quickly with a small problem+json answer, and nothing is written.
 */
describe('hostile input is refused with a small problem+json answer and writes nothing', () => {
  let t: TestApp;
  let sales: string;
  let projectId: string;

  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.token({ sub: 'sam', roles: ['sales'] });
    const setup = fibreRollout(() => t, http);
    projectId = await setup.project(await setup.program());
  });
  afterAll(() => t.close());

  const http = httpClient(() => t);

  /** POST a raw text body with a content type; the log head must not move. */
  async function postRaw(url: string, payload: string, contentType = 'application/json') {
    const head = await t.store.headPosition();
    const response = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${sales}`, 'content-type': contentType },
      payload,
    });
    expect(await t.store.headPosition()).toBe(head);
    return response;
  }

  describe('oversized arrays are refused before their elements are validated', () => {
    it('100,000 empty checklist items: one arrayMaxSize problem on `items`, not one per element', async () => {
      const payload = JSON.stringify({
        kind: 'sell-to-execute',
        items: Array.from({ length: 100_000 }, () => ({})),
      });
      const response = await postRaw(`/api/projects/${projectId}/handovers`, payload);
      expectProblem(response, 400, 'validation-failed');
      const problem = response.json<{ errors: Array<{ field: string; rule: string }> }>();
      expect(problem.errors).toEqual([
        expect.objectContaining({ field: 'items', rule: 'arrayMaxSize' }),
      ]);
      expect(response.body.length).toBeLessThan(2_000);
    });

    it('50,000 progress items: the same', async () => {
      const payload = JSON.stringify({
        periodId: '2026-04',
        items: Array.from({ length: 50_000 }, () => ({})),
      });
      const response = await postRaw(`/api/projects/${projectId}/progress`, payload);
      expectProblem(response, 400, 'validation-failed');
      expect(response.json<{ errors: unknown[] }>().errors).toEqual([
        expect.objectContaining({ field: 'items', rule: 'arrayMaxSize' }),
      ]);
    });

    it('an array over the global cap in an unknown field is refused by the parser', async () => {
      const payload = JSON.stringify({
        kind: 'sell-to-execute',
        items: [],
        junk: new Array(20_000).fill(0),
      });
      const response = await postRaw(`/api/projects/${projectId}/handovers`, payload);
      expectProblem(response, 400, 'validation-failed');
      expect(response.json<{ errors: unknown[] }>().errors).toEqual([
        expect.objectContaining({ field: 'junk', rule: 'arrayMaxSize' }),
      ]);
    });

    it('within bounds, every element is checked, but at most 50 problems are listed and the rest counted', async () => {
      const payload = JSON.stringify({
        kind: 'sell-to-execute',
        items: Array.from({ length: 200 }, () => ({})),
      });
      const response = await postRaw(`/api/projects/${projectId}/handovers`, payload);
      expectProblem(response, 400, 'validation-failed');
      const problem = response.json<{ errors: unknown[]; unlistedErrors: number }>();
      expect(problem.errors).toHaveLength(50);
      expect(problem.unlistedErrors).toBeGreaterThan(0);
      expect(problem.errors[0]).toEqual(
        expect.objectContaining({ field: expect.stringMatching(/^items\[0\]\./) }),
      );
    });
  });

  describe('deeply nested JSON is refused by the body parser (it overflowed the stack: 500)', () => {
    it.each([
      [
        '1,300 nested arrays',
        `{"kind":"sell-to-execute","items":${'['.repeat(1300)}${']'.repeat(1300)}}`,
      ],
      ['5,000 nested objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    ])('%s → 400 maxDepth', async (_label, payload) => {
      const response = await postRaw(`/api/projects/${projectId}/handovers`, payload);
      expectProblem(response, 400, 'validation-failed');
      expect(response.json<{ errors: unknown[] }>().errors).toEqual([
        expect.objectContaining({ field: '(body)', rule: 'maxDepth' }),
      ]);
    });

    it('brackets inside strings do not count as depth', async () => {
      const response = await postRaw(
        `/api/projects/${projectId}/handovers`,
        JSON.stringify({ kind: 'sell-to-execute', items: [], note: '['.repeat(100) }),
      );
      // Refused for the unknown field only: the body was parsed, its depth accepted.
      expectProblem(response, 400, 'validation-failed');
      expect(response.json<{ errors: unknown[] }>().errors).toEqual([
        expect.objectContaining({ field: 'note', rule: 'whitelistValidation' }),
      ]);
    });
  });

  describe('bodies in another charset', () => {
    it('charset=utf-16 → 415 unsupported-media-type', async () => {
      const response = await postRaw(
        `/api/projects/${projectId}/handovers`,
        JSON.stringify({ kind: 'sell-to-execute', items: [] }),
        'application/json; charset=utf-16',
      );
      expectProblem(response, 415, 'unsupported-media-type');
    });

    it('charset=UTF-8 is read as before', async () => {
      const response = await postRaw(
        `/api/projects/${projectId}/handovers`,
        JSON.stringify({ kind: 'sell-to-execute', items: [], extra: 1 }),
        'application/json; charset=UTF-8',
      );
      // Refused for the unknown field, so it was parsed: the charset itself was accepted.
      expectProblem(response, 400, 'validation-failed');
    });
  });

  describe('numeric query parameters are bounded', () => {
    it.each([
      ['offset=1e20', 'offset'],
      ['offset=9007199254740993', 'offset'],
      ['offset=1000001', 'offset'],
      ['minPosition=1e20', 'minPosition'],
      ['minPosition=9007199254740993', 'minPosition'],
      ['limit=101', 'limit'],
    ])('GET /api/projects?%s → 400 naming %s', async (query, field) => {
      const response = await http.get(`/api/projects?${query}`, await t.token());
      expectProblem(response, 400, 'validation-failed');
      expect(
        response.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field),
      ).toContain(field);
    });

    it('offset at its bound answers an empty page', async () => {
      const response = await http.get('/api/projects?offset=1000000', await t.token());
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: unknown[] }>().items).toEqual([]);
    });
  });

  describe('unknown query keys are all refused alike', () => {
    it.each(['foo', '__proto__', 'constructor', 'prototype'])(
      '?%s=x → 400 naming it',
      async (key) => {
        const response = await http.get(`/api/projects?${key}=x`, await t.token());
        expectProblem(response, 400, 'validation-failed');
        expect(
          response.json<{ errors: Array<{ field: string; rule: string }> }>().errors,
        ).toContainEqual(expect.objectContaining({ field: key, rule: 'whitelistValidation' }));
      },
    );
  });

  describe('errors raised before a route is reached are problem+json with a correlation id', () => {
    it('a path id over 100 characters → 400 (not a plain 414)', async () => {
      const response = await http.get(`/api/projects/${'p'.repeat(150)}`, await t.token());
      expectProblem(response, 400, 'validation-failed');
      const correlationId = response.headers['x-correlation-id'];
      expect(typeof correlationId).toBe('string');
      expect(response.json<{ correlationId: string }>().correlationId).toBe(correlationId);
    });

    it('a 100 KB token → 431 problem+json over a real socket', async () => {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const answer = await new Promise<{ status: number; type: string; body: string; id: string }>(
        (resolve, reject) => {
          const request = httpRequest(
            {
              host: '127.0.0.1',
              port,
              path: '/api/projects',
              headers: { authorization: `Bearer ${'x'.repeat(100_000)}` },
            },
            (response) => {
              let body = '';
              response.on('data', (chunk: Buffer) => (body += chunk.toString()));
              response.on('end', () =>
                resolve({
                  status: response.statusCode ?? 0,
                  type: String(response.headers['content-type']),
                  body,
                  id: String(response.headers['x-correlation-id']),
                }),
              );
            },
          );
          request.on('error', reject);
          request.end();
        },
      );
      expect(answer.status).toBe(431);
      expect(answer.type).toContain('application/problem+json');
      const problem = JSON.parse(answer.body) as { type: string; correlationId: string };
      expect(problem.type).toMatch(/\/request-header-fields-too-large$/);
      expect(problem.correlationId).toBe(answer.id);
    });
  });
});
