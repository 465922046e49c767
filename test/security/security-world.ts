import type { Role } from '@ledger/domain';
import { programWithProject } from '../support/fixtures';
import { httpClient, type Reply } from '../support/http-client';
import type { TestApp } from '../support/test-app';
import { pathParams } from './route-table';
import { bodySchema, sampleBody, type OpenApiDocument } from './sample-bodies';

/** One program with a contract and a project under it, as the seed created them. */
export interface ProgramIds {
  readonly programId: string;
  readonly contractId: string;
  readonly projectId: string;
}

/**
 * The world both security suites run in: two programs, `own` (in every test token's claim) and
 * `other` (in none), each with a contract and a project; the app's OpenAPI document; the name
 * of a read model (for the admin routes).
 */
export interface SecurityWorld {
  readonly own: ProgramIds;
  readonly other: ProgramIds;
  readonly openApi: OpenApiDocument;
  readonly readModel: string;
}

export async function seedWorld(t: TestApp): Promise<SecurityWorld> {
  const pmo = await t.token({ sub: 'seed-pmo', roles: ['pmo', 'admin'], programs: '*' });
  const http = httpClient(
    () => t,
    () => pmo,
  );
  const contract = {
    customerId: 'cust-1',
    title: 'Fibre frame contract',
    value: { amount: 500_000_000, currency: 'EUR' },
    signedOn: '2026-01-15',
  };
  const own = await programWithProject(http, pmo, {
    program: 'Own program',
    contract,
    project: 'Own project',
  });
  const other = await programWithProject(http, pmo, {
    program: 'Other program',
    contract,
    project: 'Other project',
  });
  const openApi = (
    await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })
  ).json<OpenApiDocument>();
  const models = (await http.get('/api/admin/read-models')).json<{
    items: Array<{ name: string }>;
  }>();
  const readModel = models.items[0]?.name;
  if (!readModel) throw new Error('the app lists no read model');
  return { own, other, openApi, readModel };
}

/** A concrete URL for a route, aimed at one program's resources; unknown child ids are made up. */
export function urlFor(path: string, target: ProgramIds, world: SecurityWorld): string {
  let url = path;
  for (const param of pathParams(path)) {
    const value =
      param === 'programId' || param === 'projectId' || param === 'contractId'
        ? target[param]
        : param === 'name'
          ? world.readModel
          : param === 'streamId'
            ? `project-${target.projectId}`
            : `${param.replace(/Id$/, '')}-1`;
    url = url.replace(`:${param}`, encodeURIComponent(value));
  }
  // inject waits for the end of the answer: the feed must stop at the head instead of following.
  if (path === '/api/feed') return `${url}?live=false`;
  return url;
}

/** A valid body for a route (from OpenAPI), its program/contract/project ids aimed at `target`. */
export function validBodyFor(
  method: string,
  path: string,
  target: ProgramIds,
  world: SecurityWorld,
): unknown {
  const body = sampleBody(world.openApi, bodySchema(world.openApi, method, path));
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
    return body ?? (method === 'POST' ? {} : undefined);
  const aimed: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of ['programId', 'contractId', 'projectId'] as const)
    if (key in aimed) aimed[key] = target[key];
  return aimed;
}

/** Send one request with an optional bearer token and an optional JSON body. */
export function send(
  t: TestApp,
  method: string,
  url: string,
  token: string | undefined,
  body: unknown,
): Promise<Reply> {
  return t.app.inject({
    method: method as 'GET' | 'POST',
    url,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** The problem `type`'s last segment, or undefined when the answer is not a problem. */
export function problemCode(reply: Reply): string | undefined {
  if (!String(reply.headers['content-type'] ?? '').includes('application/problem+json'))
    return undefined;
  try {
    const type = reply.json<{ type?: unknown }>().type;
    return typeof type === 'string' ? type.split('/').pop() : undefined;
  } catch {
    return undefined;
  }
}

export type { Role };
