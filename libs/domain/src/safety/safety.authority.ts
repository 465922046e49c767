import { requireGrantingRole, roleRequired, type Actor, type Role } from '../shared';

/**
 * Who may do what in the H&S register, in order of preference (the first role the actor holds is
 * recorded as `authority`). Anyone working on the project may report an incident (auditors only
 * read); classifying, investigating and closing are for the CPM and the PMO; exposure hours come
 * from them or from the timesheet/ERP integration.
 */
export const SAFETY_ROLES = {
  report: ['project-manager', 'pmo', 'care', 'sales', 'integration'],
  manage: ['project-manager', 'pmo'],
  exposure: ['project-manager', 'pmo', 'integration'],
} as const satisfies Record<string, readonly Role[]>;

export function safetyAuthority(actor: Actor, granting: readonly Role[]): Role {
  return requireGrantingRole(actor, granting, (roles) => roleRequired('H&S decision', roles));
}
