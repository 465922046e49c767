import type { Actor, Role } from './actor';
import { DomainError } from './domain-error';

/**
 * Which role grants a decision, recorded as the event's `authority`. Each aggregate lists the roles
 * that may grant each decision; these pick the one to record.
 */

/** The first of `allowedInPreferenceOrder` that the actor holds: the list's order decides. */
export function grantingRole(
  actor: Actor,
  allowedInPreferenceOrder: readonly Role[],
): Role | undefined {
  return allowedInPreferenceOrder.find((role) => actor.roles.includes(role));
}

/**
 * The actor's first role (in the token's order) that is in `allowed`: the actor's order decides.
 * Contracts and acceptances record authority this way (their documented rule); keep it apart from
 * {@link grantingRole}, which gives another answer for an actor holding several allowed roles.
 */
export function grantingRoleInTokenOrder(actor: Actor, allowed: readonly Role[]): Role | undefined {
  return actor.roles.find((role) => allowed.includes(role));
}

/** {@link grantingRole}, refusing an actor who holds none of the roles with `refuse(allowed)`. */
export function requireGrantingRole(
  actor: Actor,
  allowedInPreferenceOrder: readonly Role[],
  refuse: (allowed: readonly Role[]) => DomainError,
): Role {
  const role = grantingRole(actor, allowedInPreferenceOrder);
  if (role === undefined) throw refuse(allowedInPreferenceOrder);
  return role;
}

/** `role-required` (403): "this <decision> needs one of the roles: ...". */
export function roleRequired(decision: string, roles: readonly Role[]): DomainError {
  return new DomainError(
    'role-required',
    `this ${decision} needs one of the roles: ${roles.join(', ')}`,
    'not-permitted',
    { requiredRoles: roles },
  );
}
