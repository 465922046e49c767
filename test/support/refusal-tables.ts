import type { Role } from '@ledger/domain';
import type { Reply } from './http-client';
import { expectRefused, invalidFields } from './problem';
import type { TestApp } from './test-app';

/** A resource's command routes as the refusal tables address them. */
export interface CommandRoutes {
  readonly app: () => TestApp;
  readonly post: (url: string, body: unknown, token?: string) => Promise<Reply>;
  /** The create route. */
  readonly base: () => string;
  /** An action's route on the resource `id`. */
  readonly on: (id: string, action: string) => string;
  /** Creates a resource through its own route, as the case's caller would find it; its id. */
  readonly create: () => Promise<string>;
}

/** A request refused before anything is decided; `action` null is the create route. */
export interface InvalidInputCase {
  readonly label: string;
  readonly action: string | null;
  readonly body: unknown;
  /** The field the 400 answer must name. */
  readonly field: string;
}

/** A caller whose roles grant no authority for `action` (null: the create route). */
export interface RoleCase {
  readonly label: string;
  readonly roles: Role[];
  readonly action: string | null;
}

/** The create route, or `action` on a resource created for the case. */
async function routeOf(routes: CommandRoutes, action: string | null): Promise<string> {
  return action === null ? routes.base() : routes.on(await routes.create(), action);
}

/**
 * One test a case: the body is refused 400 validation-failed, naming the case's field, and
 * nothing is written. The table every resource's spec had copied around its own cases.
 */
export function itRefusesInvalidInput(
  routes: CommandRoutes,
  cases: readonly InvalidInputCase[],
): void {
  it.each(cases)('$label', async ({ action, body, field }) => {
    const url = await routeOf(routes, action);
    const response = await expectRefused(
      routes.app(),
      () => routes.post(url, body),
      400,
      'validation-failed',
    );
    expect(invalidFields(response)).toContain(field);
  });
}

/**
 * One test a case: `mallory` with the case's roles sends a valid body (`bodyOf(action)`) and is
 * refused 403 role-required, with nothing written.
 */
export function itRefusesRoles(
  routes: CommandRoutes,
  cases: readonly RoleCase[],
  bodyOf: (action: string | null) => unknown,
): void {
  it.each(cases)('$label', async ({ roles, action }) => {
    const url = await routeOf(routes, action);
    const token = await routes.app().token({ sub: 'mallory', roles });
    await expectRefused(
      routes.app(),
      () => routes.post(url, bodyOf(action), token),
      403,
      'role-required',
    );
  });
}
