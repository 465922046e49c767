import {
  calendarDateOf,
  compareCalendarDates,
  isBlank,
  requireCalendarDate,
  requireNotAfterToday,
} from '../shared';
import type {
  ObligationDueInput,
  RecordObligationFulfilled,
  RecordObligationMissed,
  RegisterObligation,
  ObligationRemedyInput,
} from './contract.commands';
import { contractErrors } from './contract.errors';
import type { ContractEvent } from './contract.events';
import { requireAuthority, requireContract, requireObligation } from './contract.guards';
import type { ContractState } from './contract.state';
import {
  OBLIGATION_EVIDENCE_KINDS,
  KINDS_FULFILLED_ONLY_BY_CERTIFICATE,
  OBLIGATION_KINDS,
  REMEDY_KINDS,
  obligationDeadline,
  type ObligationDue,
  type ObligationRemedy,
} from './contract.vocabulary';
import { isExactPercent } from './liquidated-damages';

/** Exactly one of a due date and a measurement window, with valid dates in order. */
export function validObligationDue(input: ObligationDueInput): ObligationDue {
  const dueOn = input.dueOn ?? null;
  const window = input.measurementWindow ?? null;
  if ((dueOn === null) === (window === null)) throw contractErrors.obligationNeedsDueDateOrWindow();
  if (dueOn !== null)
    return { dueOn: requireCalendarDate('dueOn', dueOn), measurementWindow: null };
  if (window === null) throw contractErrors.obligationNeedsDueDateOrWindow();
  const from = requireCalendarDate('measurementWindow.from', window.from);
  const to = requireCalendarDate('measurementWindow.to', window.to);
  if (compareCalendarDates(from, to) > 0) throw contractErrors.invalidMeasurementWindow();
  return { dueOn: null, measurementWindow: { from, to } };
}

function validRemedy(input: ObligationRemedyInput | null | undefined): ObligationRemedy | null {
  if (input === null || input === undefined) return null;
  const graceDays = input.graceDays ?? 0;
  if (!REMEDY_KINDS.includes(input.kind))
    throw contractErrors.invalidRemedy(`unknown kind ${String(input.kind)}`);
  if (!isExactPercent(input.ratePerWeekPct) || input.ratePerWeekPct <= 0) {
    throw contractErrors.invalidRemedy(
      'ratePerWeekPct must be a positive percentage with at most 4 decimals',
    );
  }
  if (!isExactPercent(input.capPct) || input.capPct <= 0 || input.capPct > 100) {
    throw contractErrors.invalidRemedy(
      'capPct must be above 0 and at most 100, with at most 4 decimals',
    );
  }
  if (!Number.isSafeInteger(graceDays) || graceDays < 0) {
    throw contractErrors.invalidRemedy('graceDays must be a whole number of days, 0 or more');
  }
  return {
    kind: input.kind,
    ratePerWeekPct: input.ratePerWeekPct,
    capPct: input.capPct,
    graceDays,
  };
}

export function registerObligation(
  command: RegisterObligation,
  state: ContractState,
): ContractEvent[] {
  const contract = requireContract(state);
  const authority = requireAuthority(command.meta, command.type);
  const { obligationId, kind, title, evidenceRule } = command.data;
  if (contract.obligations[obligationId] !== undefined) {
    throw contractErrors.obligationAlreadyRegistered(obligationId);
  }
  if (!OBLIGATION_KINDS.includes(kind)) throw contractErrors.invalidObligationKind(kind);
  const due = validObligationDue(command.data);
  const remedy = validRemedy(command.data.remedy);
  return [
    {
      type: 'ObligationRegistered',
      data: {
        contractId: contract.contractId,
        obligationId,
        kind,
        title,
        ...due,
        evidenceRule,
        remedy,
        registeredBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

/**
 * A certificate may be sent again by the shell (retry after a crash): the same obligation
 * fulfilled again with the same evidence and date is a no-op; any other second fulfilment is
 * refused.
 */
export function recordObligationFulfilled(
  command: RecordObligationFulfilled,
  state: ContractState,
): ContractEvent[] {
  const contract = requireContract(state);
  const authority = requireAuthority(command.meta, command.type);
  const { obligationId, evidence } = command.data;
  const obligation = requireObligation(contract, obligationId);
  const fulfilledOn = requireCalendarDate('fulfilledOn', command.data.fulfilledOn);
  if (!OBLIGATION_EVIDENCE_KINDS.includes(evidence.kind) || isBlank(evidence.ref))
    throw contractErrors.invalidEvidence();
  if (obligation.status === 'fulfilled') {
    const sameFulfilment =
      obligation.evidence.kind === evidence.kind &&
      obligation.evidence.ref === evidence.ref &&
      obligation.fulfilledOn === fulfilledOn;
    if (sameFulfilment) return [];
    throw contractErrors.obligationAlreadyFulfilled(obligationId);
  }
  if (
    KINDS_FULFILLED_ONLY_BY_CERTIFICATE.includes(obligation.kind) &&
    evidence.kind !== 'acceptance-certificate'
  ) {
    throw contractErrors.evidenceDoesNotSatisfyObligation(
      obligationId,
      'an acceptance certificate',
    );
  }
  requireNotAfterToday('fulfilledOn', fulfilledOn, command.meta.now);
  return [
    {
      type: 'ObligationFulfilled',
      data: {
        contractId: contract.contractId,
        obligationId,
        fulfilledOn,
        evidence: { kind: evidence.kind, ref: evidence.ref },
        onTime: compareCalendarDates(fulfilledOn, obligationDeadline(obligation)) <= 0,
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

/** Missed = its deadline passed unmet (as of the command's business date). LD keeps accruing. */
export function recordObligationMissed(
  command: RecordObligationMissed,
  state: ContractState,
): ContractEvent[] {
  const contract = requireContract(state);
  const authority = requireAuthority(command.meta, command.type);
  const { obligationId, reason } = command.data;
  const obligation = requireObligation(contract, obligationId);
  if (obligation.status === 'fulfilled')
    throw contractErrors.obligationAlreadyFulfilled(obligationId);
  if (obligation.status === 'missed') throw contractErrors.obligationAlreadyMissed(obligationId);
  if (isBlank(reason)) throw contractErrors.reasonRequired(command.type);
  const deadline = obligationDeadline(obligation);
  const missedAsOf = calendarDateOf(command.meta.effectiveAt);
  if (compareCalendarDates(missedAsOf, deadline) <= 0)
    throw contractErrors.obligationNotYetDue(obligationId, deadline);
  return [
    {
      type: 'ObligationMissed',
      data: {
        contractId: contract.contractId,
        obligationId,
        deadline,
        missedAsOf,
        reason,
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}
