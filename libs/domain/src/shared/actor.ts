/** The roles a token may carry (issue 2). Authority in events is recorded as these. */
export const ROLES = [
  'project-manager',
  'pmo',
  'auditor',
  'integration',
  'sales',
  'care',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Who issues a command: the verified token's subject and roles. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly Role[];
}

export function isRole(value: string): value is Role {
  return ROLES.some((role) => role === value);
}

/**
 * The actor of a command re-driven from a recorded event (a reaction's follow-up): the log keeps
 * roles as strings, and only the ones this build knows can grant anything.
 */
export function actorFromRecord(recorded: {
  readonly sub: string;
  readonly roles: readonly string[];
}): Actor {
  return { sub: recorded.sub, roles: recorded.roles.filter(isRole) };
}

export function hasRole(actor: Actor, ...roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
