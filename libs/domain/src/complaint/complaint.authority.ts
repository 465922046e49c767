import { requireGrantingRole, type Actor, type Role } from '../shared';
import { complaintErrors } from './complaint.errors';

/**
 * Who may decide what on a complaint, in order of preference (the first role the actor holds is
 * recorded as the event's `authority`). The CPM is the customer's single interface for
 * complaints; care takes complaints over after the Delivery→Care handover; a complaint may also
 * be received by the PMO or fed in by the CRM integration.
 */
export const COMPLAINT_ROLES = {
  receive: ['project-manager', 'care', 'pmo', 'integration'],
  handle: ['project-manager', 'care'],
} as const satisfies Record<string, readonly Role[]>;

export function complaintAuthority(actor: Actor, granting: readonly Role[]): Role {
  return requireGrantingRole(actor, granting, complaintErrors.roleRequired);
}
