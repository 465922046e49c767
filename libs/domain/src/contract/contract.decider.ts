import {
  assertNever,
  assertSameCurrency,
  isBlank,
  isCurrencyCode,
  requireCalendarDate,
  type Decider,
  type Money,
} from '../shared';
import type {
  AmendContract,
  ContractCommand,
  DesignateContractKeyProject,
  RegisterContract,
} from './contract.commands';
import { contractErrors } from './contract.errors';
import type { ContractEvent, ObligationDueChange } from './contract.events';
import { requireAuthority, requireContract, requireObligation } from './contract.guards';
import {
  evolveContract,
  initialContractState,
  type ActiveContract,
  type ContractState,
} from './contract.state';
import { accrueLiquidatedDamages, waiveLiquidatedDamages } from './liquidated-damages.decider';
import {
  recordObligationFulfilled,
  recordObligationMissed,
  registerObligation,
  validObligationDue,
} from './obligation.decider';

function validContractValue(value: Money): Money {
  if (!Number.isSafeInteger(value.amount) || value.amount <= 0 || !isCurrencyCode(value.currency)) {
    throw contractErrors.invalidContractValue();
  }
  return { amount: value.amount, currency: value.currency };
}

function registerContract(command: RegisterContract, state: ContractState): ContractEvent[] {
  if (state.status !== 'absent') throw contractErrors.alreadyRegistered(state.contractId);
  const authority = requireAuthority(command.meta, command.type);
  const { contractId, programId, customerId, title } = command.data;
  const value = validContractValue(command.data.value);
  const signedOn = requireCalendarDate('signedOn', command.data.signedOn);
  return [
    {
      type: 'ContractRegistered',
      data: {
        contractId,
        programId,
        customerId,
        title,
        value,
        signedOn,
        registeredBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function designateKeyProject(
  command: DesignateContractKeyProject,
  state: ContractState,
): ContractEvent[] {
  const contract = requireContract(state);
  const authority = requireAuthority(command.meta, command.type);
  if (contract.keyProject !== null) throw contractErrors.alreadyKeyProject(contract.contractId);
  const criteria = command.data.criteria.filter((criterion) => !isBlank(criterion));
  if (criteria.length === 0 || isBlank(command.data.reason))
    throw contractErrors.keyProjectNeedsCriteria();
  return [
    {
      type: 'ContractDesignatedKeyProject',
      data: {
        contractId: contract.contractId,
        criteria,
        reason: command.data.reason,
        designatedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function dueChanges(contract: ActiveContract, command: AmendContract): ObligationDueChange[] {
  return (command.data.changes.obligationDueDates ?? []).map((change) => {
    const obligation = requireObligation(contract, change.obligationId);
    if (obligation.status === 'fulfilled')
      throw contractErrors.obligationAlreadyFulfilled(change.obligationId);
    const previous =
      obligation.dueOn === null
        ? { dueOn: null, measurementWindow: obligation.measurementWindow }
        : { dueOn: obligation.dueOn, measurementWindow: null };
    return { obligationId: change.obligationId, previous, ...validObligationDue(change) };
  });
}

/**
 * DOMAIN.md: an amendment needs an approved change request with contractual impact and a
 * customer signature reference. The shell looks the change request up in its project.
 */
function amendContract(command: AmendContract, state: ContractState): ContractEvent[] {
  const contract = requireContract(state);
  const authority = requireAuthority(command.meta, command.type);
  const { amendmentId, summary, changeRequest, customerSignatureRef, changes } = command.data;
  if (contract.amendmentIds.includes(amendmentId))
    throw contractErrors.amendmentAlreadyRecorded(amendmentId);
  // Approved is what matters, not where the CR is now: it may already be implemented or closed
  // when the signed amendment comes back from the customer.
  if (changeRequest.decision !== 'approved') {
    throw contractErrors.amendmentNeedsApprovedChangeRequest(
      changeRequest.id,
      changeRequest.decision ?? 'undecided',
    );
  }
  if (!changeRequest.contractual)
    throw contractErrors.amendmentNeedsContractualChangeRequest(changeRequest.id);
  if (isBlank(customerSignatureRef)) throw contractErrors.amendmentNeedsCustomerSignature();
  if (changeRequest.customerSignatureRef === null) {
    throw contractErrors.amendmentNeedsCustomerApproval(changeRequest.id);
  }
  if (changeRequest.customerSignatureRef !== customerSignatureRef) {
    throw contractErrors.amendmentSignatureMismatch(
      changeRequest.id,
      changeRequest.customerSignatureRef,
      customerSignatureRef,
    );
  }
  if (contract.amendingChangeRequestIds.includes(changeRequest.id)) {
    throw contractErrors.changeRequestAlreadyAmended(changeRequest.id);
  }
  let value: { previous: Money; amended: Money } | null = null;
  if (changes.value !== undefined && changes.value !== null) {
    const amended = validContractValue(changes.value);
    assertSameCurrency(amended, contract.value);
    value = { previous: contract.value, amended };
  }
  return [
    {
      type: 'ContractAmended',
      data: {
        contractId: contract.contractId,
        amendmentId,
        summary,
        changeRequestId: changeRequest.id,
        projectId: changeRequest.projectId,
        customerSignatureRef,
        value,
        obligationDueChanges: dueChanges(contract, command),
        amendedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideContract(command: ContractCommand, state: ContractState): ContractEvent[] {
  switch (command.type) {
    case 'RegisterContract':
      return registerContract(command, state);
    case 'DesignateContractKeyProject':
      return designateKeyProject(command, state);
    case 'RegisterObligation':
      return registerObligation(command, state);
    case 'AmendContract':
      return amendContract(command, state);
    case 'RecordObligationFulfilled':
      return recordObligationFulfilled(command, state);
    case 'RecordObligationMissed':
      return recordObligationMissed(command, state);
    case 'AccrueLiquidatedDamages':
      return accrueLiquidatedDamages(command, state);
    case 'WaiveLiquidatedDamages':
      return waiveLiquidatedDamages(command, state);
    default:
      return assertNever(command);
  }
}

export const contractDecider: Decider<ContractCommand, ContractState, ContractEvent> = {
  initialState: initialContractState,
  evolve: evolveContract,
  decide: decideContract,
};
