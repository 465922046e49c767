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

export function hasRole(actor: Actor, ...roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
