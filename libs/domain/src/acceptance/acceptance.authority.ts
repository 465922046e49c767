import { grantingRoleInTokenOrder, type Actor, type Role } from '../shared';
import type { AcceptanceCommand } from './acceptance.commands';

/**
 * Which roles may grant each acceptance decision; the role recorded as `authority` is the first
 * of the actor's roles (in the token's order) in the list. DOMAIN.md is silent: the customer
 * project manager (or the PMO) records the customer's certificates and rejections; during the
 * warranty, care also records tests and punch items; field test systems (`integration`) may
 * report test results and raise punch items.
 */
export const ACCEPTANCE_AUTHORITIES = {
  OpenAcceptance: ['project-manager', 'pmo', 'admin'],
  ScheduleAcceptanceTest: ['project-manager', 'pmo', 'admin', 'care'],
  RecordAcceptanceTestResult: ['project-manager', 'pmo', 'admin', 'care', 'integration'],
  RaisePunchItem: ['project-manager', 'pmo', 'admin', 'care', 'integration'],
  ClearPunchItem: ['project-manager', 'pmo', 'admin', 'care'],
  IssueProvisionalAcceptanceCertificate: ['project-manager', 'pmo', 'admin'],
  RejectAcceptance: ['project-manager', 'pmo', 'admin'],
  IssueFinalAcceptanceCertificate: ['project-manager', 'pmo', 'admin'],
} as const satisfies Record<AcceptanceCommand['type'], readonly Role[]>;

/** The actor's first role that may grant `decision`, or null when none may. */
export function acceptanceAuthorityOf(
  actor: Actor,
  decision: AcceptanceCommand['type'],
): Role | null {
  return grantingRoleInTokenOrder(actor, ACCEPTANCE_AUTHORITIES[decision]) ?? null;
}
