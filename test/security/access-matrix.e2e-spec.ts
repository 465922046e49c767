import { ROLES, type Role } from '@ledger/domain';
import { startTestApp, type TestApp } from '../support/test-app';
import { hostileTokens } from './hostile-tokens';
import {
  ROUTE_POLICY,
  registeredRoutes,
  routeKey,
  tableDrift,
  type RegisteredRoute,
  type RoutePolicy,
} from './route-table';
import {
  problemCode,
  seedWorld,
  send,
  urlFor,
  validBodyFor,
  type ProgramIds,
  type SecurityWorld,
} from './security-world';

/**
 * Issue 9, access matrix: every route × every role × (own program | other program | no token |
 * expired | forged | alg none), against one app seeded once with two programs. The expected
 * answers come from ROUTE_POLICY (route-table.ts), which states the policy; the app's routes come
 * from its router, so a new route without a policy fails here.
 */
describe('access matrix: every route, every role, every kind of caller', () => {
  let t: TestApp;
  let world: SecurityWorld;
  let routes: RegisteredRoute[];
  /** Per role: a token whose programs claim is the own program only, and one with "*". */
  const tokens = {} as Record<Role, { own: string; all: string }>;
  let bad: ReturnType<typeof hostileTokens>;
  let requests = 0;

  beforeAll(async () => {
    // The matrix sends ~2,000 requests in a few seconds: the default rate limit would apply.
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    world = await seedWorld(t);
    routes = registeredRoutes(t.app);
    for (const role of ROLES) {
      tokens[role] = {
        own: await t.token({
          sub: `matrix-${role}`,
          roles: [role],
          programs: [world.own.programId],
        }),
        all: await t.token({ sub: `matrix-${role}-all`, roles: [role], programs: '*' }),
      };
    }
    bad = hostileTokens();
  });
  afterAll(async () => {
    console.log(`access matrix: ${routes.length} routes, ${requests} requests`);
    await t.close();
  });

  it('every registered route has a policy, and every policy names a registered route', () => {
    expect(routes.length).toBeGreaterThan(90);
    expect(tableDrift(routes)).toEqual({ unlisted: [], stale: [] });
  });

  it("the policy table and the controllers' @Roles/@Public decorators agree", () => {
    const drift = routes
      .filter((route) => {
        const stated = ROUTE_POLICY[routeKey(route)]?.roles;
        return JSON.stringify(sorted(stated)) !== JSON.stringify(sorted(route.roles));
      })
      .map((route) => ({ route: routeKey(route), decorators: route.roles }));
    expect(drift).toEqual([]);
  });

  it.each(Object.keys(ROUTE_POLICY))('%s', async (key) => {
    const policy = ROUTE_POLICY[key] as RoutePolicy;
    const [method, path] = key.split(' ') as [string, string];
    const failures: string[] = [];
    const check = async (
      label: string,
      target: ProgramIds,
      token: string | undefined,
      expected: (status: number, code: string | undefined) => boolean,
      want: string,
    ) => {
      const reply = await send(
        t,
        method,
        urlFor(path, target, world),
        token,
        validBodyFor(method, path, target, world),
      );
      requests += 1;
      const code = problemCode(reply);
      const isProblem = reply.statusCode < 400 || code !== undefined;
      if (reply.statusCode >= 500 || !isProblem || !expected(reply.statusCode, code))
        failures.push(
          `${label}: ${reply.statusCode} ${code ?? reply.body.slice(0, 200)} (wanted ${want})`,
        );
    };

    if (policy.roles === 'public') {
      await check('no token', world.own, undefined, (status) => status === 200, '200');
      expect(failures).toEqual([]);
      return;
    }

    // Whoever cannot prove who they are: 401, whatever the route and body.
    const unauthenticated = (status: number, code: string | undefined) =>
      status === 401 && code === 'unauthenticated';
    await check('no token', world.own, undefined, unauthenticated, '401');
    await check('expired token', world.own, bad.expired, unauthenticated, '401');
    await check('forged token', world.own, bad.forged, unauthenticated, '401');
    await check('alg none token', world.own, bad.algNone, unauthenticated, '401');

    for (const role of ROLES) {
      const allowed = policy.roles.includes(role);
      if (!allowed) {
        const roleRequired = (status: number, code: string | undefined) =>
          status === 403 && code === 'role-required';
        await check(
          `${role}, own program`,
          world.own,
          tokens[role].own,
          roleRequired,
          '403 role-required',
        );
        await check(
          `${role}, other program`,
          world.other,
          tokens[role].own,
          roleRequired,
          '403 role-required',
        );
        continue;
      }
      // Allowed on its own program: whatever the domain answers, never an auth refusal or a 5xx.
      const ownToken = policy.scope === 'create-program' ? tokens[role].all : tokens[role].own;
      await check(
        `${role}, own program`,
        world.own,
        ownToken,
        (status, code) =>
          status < 500 &&
          status !== 401 &&
          code !== 'role-required' &&
          code !== 'program-not-in-claim',
        'past the guard and the scope',
      );
      if (policy.scope === 'global') continue;
      if (policy.scope === 'list') {
        // The list answers 200 but never shows the other program's project.
        const reply = await send(
          t,
          method,
          urlFor(path, world.other, world),
          tokens[role].own,
          undefined,
        );
        requests += 1;
        if (reply.statusCode !== 200 || reply.body.includes(world.other.projectId))
          failures.push(
            `${role}, list: ${reply.statusCode}, other program's project listed: ${reply.body.includes(world.other.projectId)}`,
          );
        continue;
      }
      await check(
        `${role}, other program`,
        world.other,
        tokens[role].own,
        (status, code) => status === 403 && code === 'program-not-in-claim',
        '403 program-not-in-claim',
      );
    }
    expect(failures).toEqual([]);
  });
});

function sorted(roles: readonly Role[] | 'public' | undefined): readonly string[] | string {
  if (roles === undefined || roles === 'public') return roles ?? 'none';
  return [...roles].sort();
}
