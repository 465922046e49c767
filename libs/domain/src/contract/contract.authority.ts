import { grantingRoleInTokenOrder, type Actor, type Role } from '../shared';
import type { ContractCommand } from './contract.commands';

/**
 * Which roles may grant each contract decision. The role recorded as `authority` on the event is
 * the first of the actor's roles (in the token's order) that appears in the list.
 *
 * DOMAIN.md only fixes the LD waiver (a PMO decision); the rest follows delivery practice: sales
 * and delivery register contracts and obligations, the PMO designates key projects, and facts
 * that a system may report (fulfilment via an acceptance certificate, a missed deadline, a
 * scheduled LD accrual) may also come from the `integration` role.
 */
export const CONTRACT_AUTHORITIES = {
  RegisterContract: ['sales', 'project-manager', 'pmo', 'admin'],
  DesignateContractKeyProject: ['pmo', 'admin'],
  RegisterObligation: ['sales', 'project-manager', 'pmo', 'admin'],
  AmendContract: ['project-manager', 'pmo', 'admin'],
  RecordObligationFulfilled: ['project-manager', 'pmo', 'admin', 'integration'],
  RecordObligationMissed: ['project-manager', 'pmo', 'admin', 'integration'],
  AccrueLiquidatedDamages: ['project-manager', 'pmo', 'admin', 'integration'],
  WaiveLiquidatedDamages: ['pmo', 'admin'],
} as const satisfies Record<ContractCommand['type'], readonly Role[]>;

/** The actor's first role that may grant `decision`, or null when none may. */
export function contractAuthorityOf(actor: Actor, decision: ContractCommand['type']): Role | null {
  return grantingRoleInTokenOrder(actor, CONTRACT_AUTHORITIES[decision]) ?? null;
}
