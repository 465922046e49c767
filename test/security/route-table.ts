import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ROLES, type Role } from '@ledger/domain';
import { IS_PUBLIC, REQUIRED_ROLES } from '@ledger/runtime';

/**
 * The security suites' view of the API (issue 9, "prove it"): every route the real app
 * registered, read from Nest's router metadata, and the policy each one must keep, stated here.
 * A route without an entry in ROUTE_POLICY, or an entry without a route, fails the suites, so a
 * new route cannot ship without someone deciding who may call it.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route as the app registered it: `path` in Fastify's syntax (`/api/projects/:projectId`). */
export interface RegisteredRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: string;
  /** The roles its `@Roles()` names (none = any verified caller), or `public` (`@Public()`). */
  readonly roles: readonly Role[] | 'public';
}

/** `METHOD /path`, the key of ROUTE_POLICY. */
export const routeKey = (route: { method: string; path: string }) =>
  `${route.method} ${route.path}`;

/** Every controller route of the app, from Nest's metadata, checked against Fastify's router. */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  const fastify = app.getHttpAdapter().getInstance();
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = asList(Reflect.getMetadata(PATH_METADATA, handler));
        if (paths.length === 0) continue;
        const method = RequestMethod[
          Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod
        ] as HttpMethod;
        const isPublic =
          Reflect.getMetadata(IS_PUBLIC, handler) === true ||
          Reflect.getMetadata(IS_PUBLIC, controller) === true;
        const roles = (Reflect.getMetadata(REQUIRED_ROLES, handler) ??
          Reflect.getMetadata(REQUIRED_ROLES, controller) ??
          []) as Role[];
        for (const prefix of prefixes) {
          for (const path of paths) {
            const full = joinPath(prefix, path);
            if (!fastify.hasRoute({ method, url: full }))
              throw new Error(
                `${method} ${full} is in Nest's metadata but not in Fastify's router`,
              );
            routes.push({
              method,
              path: full,
              handler: `${controller.name}.${name}`,
              roles: isPublic ? 'public' : roles,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => routeKey(a).localeCompare(routeKey(b)));
}

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as string[]) : [value as string];
}

function joinPath(prefix: string, path: string): string {
  const parts = [prefix, path].flatMap((part) => part.split('/')).filter((part) => part !== '');
  return `/${parts.join('/')}`;
}

/** The names of a path's parameters, in order (`/a/:x/b/:y` → x, y). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] ?? '');
}

/**
 * Which program a request addresses, so the matrix can aim it at the caller's own program or
 * another one:
 * - `program`, `project`, `contract`: the path's :programId / :projectId / :contractId;
 * - `body-program`: the body names the program (registering a contract, creating a project);
 * - `create-program`: a new program, which needs the `"*"` programs claim;
 * - `list`: answers only what the claim covers (the project list), never 403 for the claim;
 * - `global`: not program-scoped (administration, health).
 */
export type Scope =
  'program' | 'project' | 'contract' | 'body-program' | 'create-program' | 'list' | 'global';

export interface RoutePolicy {
  /** Exactly the roles allowed; every other role must get 403 role-required. */
  readonly roles: readonly Role[] | 'public';
  readonly scope: Scope;
}

const ANY_ROLE: readonly Role[] = ROLES;
const DELIVERY: readonly Role[] = ['project-manager', 'pmo', 'admin'];
const PMO: readonly Role[] = ['pmo', 'admin'];
const CONTRACT_WRITERS: readonly Role[] = ['sales', 'project-manager', 'pmo', 'admin'];
const OBLIGATION_FACTS: readonly Role[] = ['project-manager', 'pmo', 'admin', 'integration'];
const HANDOVER: readonly Role[] = ['project-manager', 'pmo', 'sales', 'care', 'admin'];
const ACCEPTANCE_TESTS: readonly Role[] = ['project-manager', 'pmo', 'admin', 'care'];
const ACCEPTANCE_FACTS: readonly Role[] = [...ACCEPTANCE_TESTS, 'integration'];
const COMPLAINT_HANDLERS: readonly Role[] = ['project-manager', 'care'];
const CAPA: readonly Role[] = ['project-manager', 'pmo', 'care'];
const SAFETY_MANAGERS: readonly Role[] = ['project-manager', 'pmo'];
const MEASUREMENTS: readonly Role[] = ['project-manager', 'pmo', 'integration'];
const HISTORY_READERS: readonly Role[] = ['auditor', 'pmo', 'admin'];

/** Derives the scope from the path's first id parameter. */
const scoped = (roles: readonly Role[] | 'public', path: string): RoutePolicy => {
  const first = pathParams(path)[0];
  const scope: Scope =
    first === 'programId'
      ? 'program'
      : first === 'projectId'
        ? 'project'
        : first === 'contractId'
          ? 'contract'
          : 'global';
  return { roles, scope };
};

/** The policy, route by route: who may call it (the security review's statement of intent). */
const POLICY_BY_ROLES: Record<string, readonly Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /asyncapi.json': 'public',
  // Scoped by the claim inside the stream (another program's events are not sent), not by a 403.
  'GET /api/feed': ['integration', 'admin'],
  // Webhooks (issue 11 §3): programs checked against the claim in the body; someone else's
  // subscription answers 404, not 403 (global scope: no program in the path).
  'POST /api/webhook-subscriptions': ['integration', 'admin'],
  'GET /api/webhook-subscriptions': ['integration', 'admin'],
  'GET /api/webhook-subscriptions/:subscriptionId': ['integration', 'admin'],
  'DELETE /api/webhook-subscriptions/:subscriptionId': ['integration', 'admin'],
  'POST /api/webhook-subscriptions/:subscriptionId/pause': ['integration', 'admin'],
  'POST /api/webhook-subscriptions/:subscriptionId/resume': ['integration', 'admin'],
  'GET /api/webhook-subscriptions/:subscriptionId/deliveries': ['integration', 'admin'],
  'POST /api/webhook-subscriptions/:subscriptionId/replay': ['integration', 'admin'],

  // The log's proofs (issue 10 §2): hashes, sizes and positions of the WHOLE log, never an
  // event's content, so not narrowed by the programs claim (global scope).
  'GET /api/audit/public-key': ['auditor', 'pmo', 'admin'],
  'GET /api/audit/checkpoints': ['auditor', 'pmo', 'admin'],
  'GET /api/audit/proofs/inclusion': ['auditor', 'pmo', 'admin'],
  'GET /api/audit/proofs/consistency': ['auditor', 'pmo', 'admin'],
  'POST /api/audit/verifications': ['auditor', 'admin'],
  'GET /api/audit/verifications/:verificationId': ['auditor', 'admin'],
  // One stream's chain: scoped as the stream's events are (its first event names the program).
  'GET /api/audit/streams/:streamId/verify': ['auditor', 'admin'],

  // Replay and time travel (issue 10 §1): events and states of one program's streams.
  'GET /api/audit/streams/:streamId/events': HISTORY_READERS,
  'GET /api/audit/projects/:projectId/state': HISTORY_READERS,
  'GET /api/audit/contracts/:contractId/state': HISTORY_READERS,
  'GET /api/audit/projects/:projectId/risks/:riskId/state': HISTORY_READERS,
  'GET /api/audit/projects/:projectId/handovers/:handoverId/state': HISTORY_READERS,
  'GET /api/audit/projects/:projectId/timeline': HISTORY_READERS,
  'GET /api/audit/projects/:projectId/diff': HISTORY_READERS,

  // Evidence bundles (issue 10 §3): the program, project or contract named in the query must be
  // in the claim (403 otherwise); without exactly one of them, 400.
  'GET /api/audit/exports': ['auditor', 'admin'],

  // The decision register (issue 10 §1): a list filtered to the claim; a programId outside it is 403.
  'GET /api/audit/decisions': ['auditor', 'pmo', 'admin'],

  'GET /api/admin/read-models': ['admin'],
  'GET /api/admin/read-models/:name': ['admin'],
  'POST /api/admin/read-models/:name/rebuild': ['admin'],

  'POST /api/programs': ['project-manager', 'pmo', 'admin'],
  'POST /api/programs/:programId/manager': PMO,
  'POST /api/programs/:programId/close': PMO,
  'POST /api/programs/:programId/projects/:projectId/attach': PMO,
  'POST /api/programs/:programId/projects/:projectId/detach': PMO,
  'GET /api/programs/:programId/portfolio': ANY_ROLE,
  'GET /api/programs/:programId/risk-exposure': ANY_ROLE,
  'GET /api/programs/:programId/safety': ANY_ROLE,

  'POST /api/contracts': CONTRACT_WRITERS,
  'POST /api/contracts/:contractId/key-project': PMO,
  'POST /api/contracts/:contractId/amendments': DELIVERY,
  'POST /api/contracts/:contractId/obligations': CONTRACT_WRITERS,
  'POST /api/contracts/:contractId/obligations/:obligationId/fulfilment': OBLIGATION_FACTS,
  'POST /api/contracts/:contractId/obligations/:obligationId/missed': OBLIGATION_FACTS,
  'POST /api/contracts/:contractId/obligations/:obligationId/liquidated-damages/accruals':
    OBLIGATION_FACTS,
  'POST /api/contracts/:contractId/obligations/:obligationId/liquidated-damages/waivers': PMO,
  'GET /api/contracts/:contractId/compliance': ANY_ROLE,

  'GET /api/projects': ANY_ROLE,
  'GET /api/projects/:projectId': ANY_ROLE,
  'POST /api/projects': DELIVERY,
  'POST /api/projects/:projectId/final-acceptance-waiver': PMO,
  'POST /api/projects/:projectId/close': DELIVERY,
  'POST /api/projects/:projectId/delivery-approach': DELIVERY,
  'POST /api/projects/:projectId/team': DELIVERY,
  'POST /api/projects/:projectId/team/:personId/release': DELIVERY,
  'POST /api/projects/:projectId/stakeholders': DELIVERY,
  'POST /api/projects/:projectId/process-customisations': DELIVERY,
  'POST /api/projects/:projectId/baseline': DELIVERY,
  'GET /api/projects/:projectId/cssq-history': ANY_ROLE,

  'POST /api/projects/:projectId/change-requests': DELIVERY,
  'POST /api/projects/:projectId/change-requests/:crId/assessment': DELIVERY,
  'POST /api/projects/:projectId/change-requests/:crId/decision': DELIVERY,
  'POST /api/projects/:projectId/change-requests/:crId/customer-approval': DELIVERY,
  'POST /api/projects/:projectId/change-requests/:crId/implement': DELIVERY,
  'POST /api/projects/:projectId/change-requests/:crId/close': DELIVERY,
  'POST /api/projects/:projectId/change-requests/:crId/withdraw': DELIVERY,

  'POST /api/projects/:projectId/reporting-periods': DELIVERY,
  'POST /api/projects/:projectId/reporting-periods/:periodId/close': DELIVERY,
  'POST /api/projects/:projectId/progress': OBLIGATION_FACTS,
  'POST /api/projects/:projectId/progress/:reportId/correction': DELIVERY,
  'POST /api/projects/:projectId/actual-costs': OBLIGATION_FACTS,
  'POST /api/projects/:projectId/forecasts': DELIVERY,

  'GET /api/projects/:projectId/risks': ANY_ROLE,
  'POST /api/projects/:projectId/risks': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/assessment': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/residual-assessment': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/owner': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/escalation': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/occurrence': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/close': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/response': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/actions': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/actions/:actionId': DELIVERY,
  'POST /api/projects/:projectId/risks/:riskId/contingency-draws': DELIVERY,

  'GET /api/projects/:projectId/handovers': ANY_ROLE,
  'POST /api/projects/:projectId/handovers': HANDOVER,
  'POST /api/projects/:projectId/handovers/:handoverId/items/:itemId/evidence': HANDOVER,
  'POST /api/projects/:projectId/handovers/:handoverId/items/:itemId/accept': HANDOVER,
  'POST /api/projects/:projectId/handovers/:handoverId/items/:itemId/reject': HANDOVER,
  'POST /api/projects/:projectId/handovers/:handoverId/approve': HANDOVER,
  'POST /api/projects/:projectId/handovers/:handoverId/conditional-approval': HANDOVER,
  'POST /api/projects/:projectId/handovers/:handoverId/reject': HANDOVER,

  'GET /api/projects/:projectId/acceptances': ANY_ROLE,
  'POST /api/projects/:projectId/acceptances': DELIVERY,
  'POST /api/projects/:projectId/acceptances/:acceptanceId/tests': ACCEPTANCE_TESTS,
  'POST /api/projects/:projectId/acceptances/:acceptanceId/tests/:testId/result': ACCEPTANCE_FACTS,
  'POST /api/projects/:projectId/acceptances/:acceptanceId/punch-items': ACCEPTANCE_FACTS,
  'POST /api/projects/:projectId/acceptances/:acceptanceId/punch-items/:itemId/clear':
    ACCEPTANCE_TESTS,
  'POST /api/projects/:projectId/acceptances/:acceptanceId/provisional-certificate': DELIVERY,
  'POST /api/projects/:projectId/acceptances/:acceptanceId/reject': DELIVERY,
  'POST /api/projects/:projectId/acceptances/:acceptanceId/final-certificate': DELIVERY,

  'GET /api/projects/:projectId/complaints': ANY_ROLE,
  'POST /api/projects/:projectId/complaints': ['project-manager', 'care', 'pmo', 'integration'],
  'POST /api/projects/:projectId/complaints/:complaintId/acknowledgement': COMPLAINT_HANDLERS,
  'POST /api/projects/:projectId/complaints/:complaintId/assessment': COMPLAINT_HANDLERS,
  'POST /api/projects/:projectId/complaints/:complaintId/investigation': COMPLAINT_HANDLERS,
  'POST /api/projects/:projectId/complaints/:complaintId/response': COMPLAINT_HANDLERS,
  'POST /api/projects/:projectId/complaints/:complaintId/close': COMPLAINT_HANDLERS,
  'POST /api/projects/:projectId/complaints/:complaintId/reopen': COMPLAINT_HANDLERS,
  'POST /api/projects/:projectId/complaints/:complaintId/corrective-action-link':
    COMPLAINT_HANDLERS,

  'GET /api/projects/:projectId/corrective-actions': ANY_ROLE,
  'POST /api/projects/:projectId/corrective-actions': CAPA,
  'POST /api/projects/:projectId/corrective-actions/:capaId/containment': CAPA,
  'POST /api/projects/:projectId/corrective-actions/:capaId/root-cause': CAPA,
  'POST /api/projects/:projectId/corrective-actions/:capaId/actions': CAPA,
  'POST /api/projects/:projectId/corrective-actions/:capaId/actions/:actionId/complete': CAPA,
  'POST /api/projects/:projectId/corrective-actions/:capaId/effectiveness-criteria': CAPA,
  'POST /api/projects/:projectId/corrective-actions/:capaId/effectiveness-checks': CAPA,
  'POST /api/projects/:projectId/corrective-actions/:capaId/close': CAPA,

  'GET /api/projects/:projectId/safety': ANY_ROLE,
  'POST /api/projects/:projectId/incidents': [
    'project-manager',
    'pmo',
    'care',
    'sales',
    'integration',
  ],
  'POST /api/projects/:projectId/incidents/:incidentId/classification': SAFETY_MANAGERS,
  'POST /api/projects/:projectId/incidents/:incidentId/reclassification': SAFETY_MANAGERS,
  'POST /api/projects/:projectId/incidents/:incidentId/lost-days': SAFETY_MANAGERS,
  'POST /api/projects/:projectId/incidents/:incidentId/investigation': SAFETY_MANAGERS,
  'POST /api/projects/:projectId/incidents/:incidentId/close': SAFETY_MANAGERS,
  'POST /api/projects/:projectId/exposure-hours': MEASUREMENTS,
  'POST /api/projects/:projectId/exposure-hours/:entryId/correction': MEASUREMENTS,

  'POST /api/projects/:projectId/surveys': SAFETY_MANAGERS,
  'POST /api/projects/:projectId/surveys/:surveyId/responses': [
    'project-manager',
    'pmo',
    'care',
    'integration',
  ],
  'POST /api/projects/:projectId/surveys/:surveyId/close': SAFETY_MANAGERS,
};

/** Routes whose program is not in the path. */
const SCOPE_OVERRIDES: Record<string, Scope> = {
  'POST /api/programs': 'create-program',
  'POST /api/contracts': 'body-program',
  'POST /api/projects': 'body-program',
  'GET /api/projects': 'list',
  'GET /api/audit/decisions': 'list',
  // The stream's first event names its program (or project); the suites aim at project streams.
  'GET /api/audit/streams/:streamId/events': 'project',
  'GET /api/audit/streams/:streamId/verify': 'project',
};

export const ROUTE_POLICY: Record<string, RoutePolicy> = Object.fromEntries(
  Object.entries(POLICY_BY_ROLES).map(([key, roles]) => {
    const override = SCOPE_OVERRIDES[key];
    const path = key.slice(key.indexOf(' ') + 1);
    return [key, override ? { roles, scope: override } : scoped(roles, path)];
  }),
);

/** The policy of a registered route; throws for a route nobody wrote a policy for. */
export function policyOf(route: { method: string; path: string }): RoutePolicy {
  const policy = ROUTE_POLICY[routeKey(route)];
  if (!policy) throw new Error(`${routeKey(route)} has no entry in ROUTE_POLICY`);
  return policy;
}

/** Differences between the app's routes and the policy table (both directions). */
export function tableDrift(routes: readonly RegisteredRoute[]): {
  unlisted: string[];
  stale: string[];
} {
  const registered = new Set(routes.map(routeKey));
  return {
    unlisted: [...registered].filter((key) => !(key in ROUTE_POLICY)),
    stale: Object.keys(ROUTE_POLICY).filter((key) => !registered.has(key)),
  };
}
