import { ROLES } from '@ledger/domain';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  ROUTE_POLICY,
  pathParams,
  registeredRoutes,
  routeKey,
  type RegisteredRoute,
} from './route-table';
import {
  problemCode,
  seedWorld,
  send,
  validBodyFor,
  type ProgramIds,
  type SecurityWorld,
} from './security-world';

/**
 * Issue 8 item 7, errors and scope once: one table-driven suite for scope and not-found over every
 * registered route with a path id, in place of the 403/404 blocks each resource's spec used to
 * copy. For every such route and every id in its path:
 * - an unknown id (its parents real) answers 404 with the resource's own problem type;
 * - a parent that is real but belongs to another project of the caller answers 404 for its child;
 * - the same route aimed at another program's resources answers 403 program-not-in-claim;
 * - a malformed id answers 400 validation-failed naming `path:<param>`;
 * and no refused command appends anything. The routes come from the app's router, the expected
 * answers from NOT_FOUND below (keyed by the path up to the id), so a new route whose id has no
 * entry fails here.
 */

/**
 * The problem type of an unknown id, by the path up to and including that id. Every path id of
 * every registered route must be listed; an entry no route uses fails too.
 */
const NOT_FOUND: Record<string, string> = {
  '/api/admin/read-models/:name': 'read-model-not-found',
  '/api/audit/streams/:streamId': 'stream-not-found',
  '/api/audit/projects/:projectId': 'project-not-found',
  '/api/audit/contracts/:contractId': 'contract-not-found',
  '/api/audit/projects/:projectId/risks/:riskId': 'risk-not-found',
  '/api/audit/projects/:projectId/handovers/:handoverId': 'handover-not-found',
  '/api/audit/verifications/:verificationId': 'verification-not-found',
  '/api/webhook-subscriptions/:subscriptionId': 'webhook-subscription-not-found',
  '/api/programs/:programId': 'program-not-found',
  '/api/programs/:programId/projects/:projectId': 'project-not-found',
  '/api/contracts/:contractId': 'contract-not-found',
  '/api/contracts/:contractId/obligations/:obligationId': 'obligation-not-found',
  '/api/projects/:projectId': 'project-not-found',
  // The only not-found type not named <resource>-not-found.
  '/api/projects/:projectId/team/:personId': 'team-member-not-assigned',
  '/api/projects/:projectId/change-requests/:crId': 'change-request-not-found',
  '/api/projects/:projectId/reporting-periods/:periodId': 'reporting-period-not-found',
  '/api/projects/:projectId/progress/:reportId': 'progress-report-not-found',
  '/api/projects/:projectId/risks/:riskId': 'risk-not-found',
  '/api/projects/:projectId/risks/:riskId/actions/:actionId': 'response-action-not-found',
  '/api/projects/:projectId/handovers/:handoverId': 'handover-not-found',
  '/api/projects/:projectId/handovers/:handoverId/items/:itemId': 'handover-item-not-found',
  '/api/projects/:projectId/acceptances/:acceptanceId': 'acceptance-not-found',
  '/api/projects/:projectId/acceptances/:acceptanceId/tests/:testId': 'acceptance-test-not-found',
  '/api/projects/:projectId/acceptances/:acceptanceId/punch-items/:itemId': 'punch-item-not-found',
  '/api/projects/:projectId/complaints/:complaintId': 'complaint-not-found',
  '/api/projects/:projectId/corrective-actions/:capaId': 'capa-not-found',
  '/api/projects/:projectId/corrective-actions/:capaId/actions/:actionId':
    'corrective-action-not-found',
  '/api/projects/:projectId/incidents/:incidentId': 'incident-not-found',
  '/api/projects/:projectId/exposure-hours/:entryId': 'exposure-entry-not-found',
  '/api/projects/:projectId/surveys/:surveyId': 'survey-not-found',
};

/**
 * Ids that are parents of other ids in some path: each is created once per program (by the route
 * that creates it, with a valid body from OpenAPI), so that a child id can be tested unknown under
 * a real parent, and a parent of one program addressed under the other program's project.
 */
const PARENTS: Record<string, { readonly path: string; readonly body?: unknown }> = {
  riskId: { path: '/api/projects/:projectId/risks' },
  handoverId: {
    path: '/api/projects/:projectId/handovers',
    // OpenAPI's minimal body has an empty checklist, which the domain refuses.
    body: {
      kind: 'sell-to-execute',
      items: [{ id: 'signed-contract', title: 'Signed contract', mandatory: true }],
    },
  },
  acceptanceId: { path: '/api/projects/:projectId/acceptances' },
  capaId: { path: '/api/projects/:projectId/corrective-actions' },
};

/**
 * Steps after the parents, per program, so that a route's own id is the first thing it can find
 * missing (not a state rule that comes before): the CAPA has its root cause (an action can be
 * completed), and a second Sell→Execute handover is approved (execution is authorised, so progress
 * can be corrected). `by: 'receiver'` is someone other than the handover's sender.
 */
const SET_UP: ReadonlyArray<{ path: string; body: unknown; by: 'seeder' | 'receiver' }> = [
  {
    path: '/api/projects/:projectId/corrective-actions/:capaId/containment',
    body: { actionTaken: 'Cabinets checked' },
    by: 'seeder',
  },
  {
    path: '/api/projects/:projectId/corrective-actions/:capaId/root-cause',
    body: { method: '5-whys', statement: 'No close-out checklist' },
    by: 'seeder',
  },
  {
    path: '/api/projects/:projectId/handovers/:approvedHandoverId/items/signed-contract/evidence',
    body: { ref: 'dms://signed-contract' },
    by: 'seeder',
  },
  {
    path: '/api/projects/:projectId/handovers/:approvedHandoverId/items/signed-contract/accept',
    body: { note: 'Checked' },
    by: 'receiver',
  },
  {
    path: '/api/projects/:projectId/handovers/:approvedHandoverId/approve',
    body: { note: 'In order' },
    by: 'receiver',
  },
];

/**
 * Today's answers that differ from "404 <resource>-not-found" for an unknown id, by route and
 * parameter. Each is the code's own answer, kept as it is (issue 8 changes no behaviour) and
 * reported for a later decision.
 */
const TODAY: Record<string, { readonly status: number; readonly code: string }> = {
  // Detaching a project the program does not hold is the program's rule, whatever the project.
  'POST /api/programs/:programId/projects/:projectId/detach :projectId': {
    status: 422,
    code: 'project-not-attached',
  },
  // A correction is checked against the baseline before the report is looked up; this world has
  // no baseline, so progress-report-not-found stays covered in projects.e2e-spec.ts.
  'POST /api/projects/:projectId/progress/:reportId/correction :reportId': {
    status: 422,
    code: 'baseline-not-established',
  },
};

/** Query strings a read route needs to get past validation (today: none more than the path). */
const QUERY: Record<string, string> = {};

type Ids = Record<string, string>;

/** The prefix of `path` up to and including `:param`. */
const prefixThrough = (path: string, param: string) =>
  path.slice(0, path.indexOf(`:${param}`) + param.length + 1);

describe('scope and not-found: every route with a path id, from the route table', () => {
  let t: TestApp;
  let world: SecurityWorld;
  let routes: RegisteredRoute[];
  let withIds: RegisteredRoute[];
  /** Every role, every program ("*"): past the role guard and the claim, so only ids decide. */
  let everywhere: string;
  /** Every role, the own program only. */
  let ownOnly: string;
  /** Who seeds the parents (with every role and program), and someone else who receives. */
  let seeder: string;
  let receiver: string;
  /** Per program: the seeded ids by parameter name. */
  const ids = {} as { own: Ids; other: Ids };
  let requests = 0;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    world = await seedWorld(t);
    routes = registeredRoutes(t.app);
    withIds = routes.filter((route) => pathParams(route.path).length > 0);
    everywhere = await t.token({ sub: 'scope-everywhere', roles: [...ROLES], programs: '*' });
    ownOnly = await t.token({
      sub: 'scope-own',
      roles: [...ROLES],
      programs: [world.own.programId],
    });
    seeder = await t.token({ sub: 'scope-seeder', roles: [...ROLES], programs: '*' });
    receiver = await t.token({ sub: 'scope-receiver', roles: [...ROLES], programs: '*' });
    for (const side of ['own', 'other'] as const) {
      const program: ProgramIds = world[side];
      // A stream addressed by id: the program's project stream.
      const seeded: Ids = {
        ...program,
        name: world.readModel,
        streamId: `project-${program.projectId}`,
      };
      const created = async (path: string, body: unknown) => {
        const url = fill(path, seeded);
        const reply = await send(t, 'POST', url, seeder, body);
        if (reply.statusCode !== 201)
          throw new Error(`seeding at ${url}: ${reply.statusCode} ${reply.body}`);
        return reply.json<{ id: string }>().id;
      };
      for (const [param, { path, body }] of Object.entries(PARENTS))
        seeded[param] = await created(path, body ?? validBodyFor('POST', path, program, world));
      seeded.approvedHandoverId = await created(
        PARENTS.handoverId?.path ?? '',
        PARENTS.handoverId?.body,
      );
      for (const step of SET_UP) {
        const url = fill(step.path, seeded);
        const reply = await send(
          t,
          'POST',
          url,
          step.by === 'seeder' ? seeder : receiver,
          step.body,
        );
        if (reply.statusCode >= 300)
          throw new Error(`setting up ${url}: ${reply.statusCode} ${reply.body}`);
      }
      ids[side] = seeded;
    }
  });
  afterAll(async () => {
    console.log(
      `scope and not-found: ${withIds.length} routes with path ids, ${requests} requests`,
    );
    await t.close();
  });

  /** The route's URL with `ids` filled in and `overrides` taking precedence; made-up leaf ids. */
  function fill(path: string, known: Ids, overrides: Ids = {}): string {
    let url = path;
    for (const param of pathParams(path)) {
      const value = overrides[param] ?? known[param] ?? `${param.replace(/Id$/, '')}-1`;
      url = url.replace(`:${param}`, value);
    }
    return url;
  }

  async function call(route: RegisteredRoute, url: string, token: string, target: ProgramIds) {
    const query = QUERY[routeKey(route)];
    const reply = await send(
      t,
      route.method,
      query === undefined ? url : `${url}?${query}`,
      token,
      validBodyFor(route.method, route.path, target, world),
    );
    requests += 1;
    return { status: reply.statusCode, code: problemCode(reply), reply };
  }

  it('every path id of every registered route has a not-found entry, and every entry is used', () => {
    expect(withIds.length).toBeGreaterThan(80);
    const prefixes = new Set(
      withIds.flatMap((route) =>
        pathParams(route.path).map((param) => prefixThrough(route.path, param)),
      ),
    );
    expect(withIds.map(routeKey).sort()).toEqual(
      Object.keys(ROUTE_POLICY)
        .filter((key) => pathParams(key).length > 0)
        .sort(),
    );
    expect({
      unlisted: [...prefixes].filter((prefix) => !(prefix in NOT_FOUND)),
      stale: Object.keys(NOT_FOUND).filter((prefix) => !prefixes.has(prefix)),
    }).toEqual({ unlisted: [], stale: [] });
  });

  // Jest needs the list before the app starts: the policy table's routes with a path id, which the
  // first test holds to the router's.
  it.each(Object.keys(ROUTE_POLICY).filter((key) => pathParams(key).length > 0))(
    '%s',
    async (key) => {
      const route = withIds.find((candidate) => routeKey(candidate) === key);
      if (!route) throw new Error(`${key} is not a registered route`);
      const params = pathParams(route.path);
      const head = await t.store.headPosition();
      const failures: string[] = [];
      const expectAnswer = (
        label: string,
        answer: { status: number; code: string | undefined },
        status: number,
        code: string,
      ) => {
        if (answer.status !== status || answer.code !== code)
          failures.push(`${label}: ${answer.status} ${answer.code} (wanted ${status} ${code})`);
      };

      for (const [index, param] of params.entries()) {
        const today = TODAY[`${key} :${param}`];
        const status = today?.status ?? 404;
        const wanted = today?.code ?? NOT_FOUND[prefixThrough(route.path, param)] ?? 'no entry';

        // Unknown id, every other id real where the world has one (made up otherwise).
        expectAnswer(
          `unknown :${param}`,
          await call(
            route,
            fill(route.path, ids.own, { [param]: `no-such-${param}` }),
            everywhere,
            world.own,
          ),
          status,
          wanted,
        );

        // A real parent of the other program's project, addressed under the own project.
        if (param in PARENTS && index > 0)
          expectAnswer(
            `:${param} of another project`,
            await call(
              route,
              fill(route.path, ids.own, { [param]: ids.other[param] ?? '' }),
              everywhere,
              world.own,
            ),
            status,
            wanted,
          );

        // A malformed id: 400 naming the parameter, before any read.
        const malformed = await call(
          route,
          fill(route.path, ids.own, { [param]: 'bad%20id' }),
          everywhere,
          world.own,
        );
        const field = malformed.reply.json<{ errors?: Array<{ field?: string }> }>().errors?.[0]
          ?.field;
        if (param === 'name')
          // Inconsistent today: a read model's :name has no id pipe, so a malformed name is just an
          // unknown one (404 read-model-not-found), not a 400. Encoded as it is; report, do not fix.
          expectAnswer(`malformed :${param}`, malformed, 404, 'read-model-not-found');
        else if (
          malformed.status !== 400 ||
          malformed.code !== 'validation-failed' ||
          field !== `path:${param}`
        )
          failures.push(
            `malformed :${param}: ${malformed.status} ${malformed.code} ${field} (wanted 400 validation-failed path:${param})`,
          );
      }

      // Another program's resources, real parents and made-up leaves alike: 403 for the claim.
      // Global routes (a read model, a verification job of the whole log) belong to no program.
      if (ROUTE_POLICY[key]?.scope !== 'global')
        expectAnswer(
          'another program',
          await call(route, fill(route.path, ids.other), ownOnly, world.other),
          403,
          'program-not-in-claim',
        );

      expect(failures).toEqual([]);
      // Refused, so nothing written.
      expect(await t.store.headPosition()).toBe(head);
    },
  );
});
