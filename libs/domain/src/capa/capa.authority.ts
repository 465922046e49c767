import { requireGrantingRole, type Actor, type Role } from '../shared';
import { capaErrors } from './capa.errors';

/**
 * Who may decide on a corrective action, in order of preference (the first role the actor holds
 * is recorded as `authority`): the CPM owns complaints and corrective actions, the PMO raises
 * them from audits and lessons, care owns them after the Delivery→Care handover.
 */
export const CAPA_ROLES = ['project-manager', 'pmo', 'care'] as const satisfies readonly Role[];

export function capaAuthority(actor: Actor): Role {
  return requireGrantingRole(actor, CAPA_ROLES, capaErrors.roleRequired);
}
