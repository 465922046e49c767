import type { CommandMeta, Role } from '../shared';
import { CONTRACT_AUTHORITIES, contractAuthorityOf } from './contract.authority';
import type { ContractCommand } from './contract.commands';
import { contractErrors } from './contract.errors';
import type { ActiveContract, ContractState, Obligation } from './contract.state';

/**
 * The checks every contract command shares; each throws the rule's DomainError. Text and date
 * checks come from the shared kernel (`isBlank`, `requireCalendarDate`, `requireNotAfterToday`).
 */

export function requireContract(state: ContractState): ActiveContract {
  if (state.status === 'absent') throw contractErrors.notFound();
  return state;
}

export function requireAuthority(meta: CommandMeta, decision: ContractCommand['type']): Role {
  const authority = contractAuthorityOf(meta.actor, decision);
  if (authority === null)
    throw contractErrors.notPermitted(decision, CONTRACT_AUTHORITIES[decision]);
  return authority;
}

export function requireObligation(contract: ActiveContract, obligationId: string): Obligation {
  const obligation = contract.obligations[obligationId];
  if (obligation === undefined) throw contractErrors.obligationNotFound(obligationId);
  return obligation;
}
