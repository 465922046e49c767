import {
  assertSameCurrency,
  compareCalendarDates,
  isBlank,
  requireCalendarDate,
  requireNotAfterToday,
} from '../shared';
import { contractAuthorityOf } from './contract.authority';
import type { AccrueLiquidatedDamages, WaiveLiquidatedDamages } from './contract.commands';
import { contractErrors } from './contract.errors';
import type { ContractEvent } from './contract.events';
import { requireAuthority, requireContract, requireObligation } from './contract.guards';
import type { ActiveContract, ContractState, Obligation } from './contract.state';
import { obligationDeadline, type ObligationRemedy } from './contract.vocabulary';
import { assessLiquidatedDamages } from './liquidated-damages';

function requireLiquidatedDamages(
  contract: ActiveContract,
  obligationId: string,
): { readonly obligation: Obligation; readonly remedy: ObligationRemedy } {
  const obligation = requireObligation(contract, obligationId);
  const remedy = obligation.remedy;
  if (remedy?.kind !== 'liquidated-damages')
    throw contractErrors.noLiquidatedDamagesRemedy(obligationId);
  return { obligation, remedy };
}

/**
 * Accrues what the LD clause adds as of `asOf` (see liquidated-damages.ts for the arithmetic).
 * Idempotent: an `asOf` already covered, a week already charged, a reached cap or lateness that
 * stopped at fulfilment add nothing, so no event is written.
 */
export function accrueLiquidatedDamages(
  command: AccrueLiquidatedDamages,
  state: ContractState,
): ContractEvent[] {
  const contract = requireContract(state);
  const authority = requireAuthority(command.meta, command.type);
  const { obligationId } = command.data;
  const { obligation, remedy } = requireLiquidatedDamages(contract, obligationId);
  const asOf = requireCalendarDate('asOf', command.data.asOf);
  requireNotAfterToday('asOf', asOf, command.meta.now);

  const ledger = obligation.liquidatedDamages;
  if (ledger.accruedAsOf !== null && compareCalendarDates(asOf, ledger.accruedAsOf) <= 0) return [];
  const assessment = assessLiquidatedDamages({
    contractValue: contract.value,
    deadline: obligationDeadline(obligation),
    terms: remedy,
    asOf,
    fulfilledOn: obligation.status === 'fulfilled' ? obligation.fulfilledOn : null,
  });
  const added = assessment.total.amount - ledger.accrued;
  if (added <= 0) return [];

  const currency = contract.value.currency;
  const events: ContractEvent[] = [
    {
      type: 'LiquidatedDamagesAccrued',
      data: {
        contractId: contract.contractId,
        obligationId,
        asOf,
        countedUntil: assessment.countedUntil,
        daysLate: assessment.daysLate,
        weeksLate: assessment.weeksLate,
        amount: { amount: added, currency },
        accruedTotal: assessment.total,
        cap: assessment.cap,
        accruedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
  if (assessment.capReached && !ledger.capReached) {
    events.push({
      type: 'LiquidatedDamagesCapReached',
      data: { contractId: contract.contractId, obligationId, asOf, cap: assessment.cap },
    });
  }
  return events;
}

/** Only the PMO (or an admin) waives, never more than accrued and not yet waived. */
export function waiveLiquidatedDamages(
  command: WaiveLiquidatedDamages,
  state: ContractState,
): ContractEvent[] {
  const contract = requireContract(state);
  const authority = contractAuthorityOf(command.meta.actor, command.type);
  if (authority === null) throw contractErrors.waiverNeedsPmoOrAdmin();
  const { obligationId, amount, reason } = command.data;
  const { obligation } = requireLiquidatedDamages(contract, obligationId);
  if (isBlank(reason)) throw contractErrors.reasonRequired(command.type);
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0)
    throw contractErrors.invalidWaiverAmount();
  assertSameCurrency(amount, contract.value);
  const { accrued, waived } = obligation.liquidatedDamages;
  if (amount.amount > accrued - waived)
    throw contractErrors.waiverExceedsAccrued(obligationId, accrued - waived);
  return [
    {
      type: 'LiquidatedDamagesWaived',
      data: {
        contractId: contract.contractId,
        obligationId,
        amount: { amount: amount.amount, currency: amount.currency },
        waivedTotal: { amount: waived + amount.amount, currency: amount.currency },
        reason,
        waivedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}
