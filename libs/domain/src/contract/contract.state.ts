import { assertNever, type CalendarDate, type Money } from '../shared';
import type { ContractEvent } from './contract.events';
import type {
  ObligationEvidence,
  ObligationDue,
  ObligationKind,
  ObligationRemedy,
} from './contract.vocabulary';

/** What the LD clause of one obligation has produced so far (minor units, contract currency). */
export interface LiquidatedDamagesLedger {
  /** The latest `asOf` accrued for; an accrual for this date or earlier adds nothing. */
  readonly accruedAsOf: CalendarDate | null;
  readonly accrued: number;
  readonly waived: number;
  readonly capReached: boolean;
}

type ObligationBase = {
  readonly obligationId: string;
  readonly kind: ObligationKind;
  readonly title: string;
  readonly evidenceRule: string;
  readonly remedy: ObligationRemedy | null;
  readonly liquidatedDamages: LiquidatedDamagesLedger;
} & ObligationDue;

export type Obligation =
  | (ObligationBase & { readonly status: 'open' | 'missed' })
  | (ObligationBase & {
      readonly status: 'fulfilled';
      readonly fulfilledOn: CalendarDate;
      readonly evidence: ObligationEvidence;
    });

export type ContractState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active';
      readonly contractId: string;
      readonly programId: string;
      readonly customerId: string;
      readonly title: string;
      readonly value: Money;
      readonly signedOn: CalendarDate;
      readonly keyProject: { readonly criteria: readonly string[]; readonly reason: string } | null;
      readonly obligations: Readonly<Record<string, Obligation>>;
      readonly amendmentIds: readonly string[];
      readonly amendingChangeRequestIds: readonly string[];
    };

export type ActiveContract = Extract<ContractState, { status: 'active' }>;

export const initialContractState: ContractState = { status: 'absent' };

function withObligation(
  state: ContractState,
  obligationId: string,
  change: (obligation: Obligation) => Obligation,
): ContractState {
  if (state.status === 'absent') return state;
  const obligation = state.obligations[obligationId];
  if (obligation === undefined) return state;
  return { ...state, obligations: { ...state.obligations, [obligationId]: change(obligation) } };
}

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  switch (event.type) {
    case 'ContractRegistered':
      return {
        status: 'active',
        contractId: event.data.contractId,
        programId: event.data.programId,
        customerId: event.data.customerId,
        title: event.data.title,
        value: event.data.value,
        signedOn: event.data.signedOn,
        keyProject: null,
        obligations: {},
        amendmentIds: [],
        amendingChangeRequestIds: [],
      };
    case 'ContractDesignatedKeyProject':
      if (state.status === 'absent') return state;
      return { ...state, keyProject: { criteria: event.data.criteria, reason: event.data.reason } };
    case 'ObligationRegistered': {
      if (state.status === 'absent') return state;
      const {
        registeredBy: _by,
        authority: _authority,
        contractId: _contract,
        ...registered
      } = event.data;
      const obligation: Obligation = {
        ...registered,
        status: 'open',
        liquidatedDamages: { accruedAsOf: null, accrued: 0, waived: 0, capReached: false },
      };
      return {
        ...state,
        obligations: { ...state.obligations, [registered.obligationId]: obligation },
      };
    }
    case 'ContractAmended': {
      if (state.status === 'absent') return state;
      const amended: ContractState = {
        ...state,
        value: event.data.value?.amended ?? state.value,
        amendmentIds: [...state.amendmentIds, event.data.amendmentId],
        amendingChangeRequestIds: [...state.amendingChangeRequestIds, event.data.changeRequestId],
      };
      return event.data.obligationDueChanges.reduce<ContractState>(
        (current, change) =>
          withObligation(current, change.obligationId, (obligation) =>
            change.dueOn === null
              ? { ...obligation, dueOn: null, measurementWindow: change.measurementWindow }
              : { ...obligation, dueOn: change.dueOn, measurementWindow: null },
          ),
        amended,
      );
    }
    case 'ObligationFulfilled':
      return withObligation(state, event.data.obligationId, (obligation) => ({
        ...obligation,
        status: 'fulfilled',
        fulfilledOn: event.data.fulfilledOn,
        evidence: event.data.evidence,
      }));
    case 'ObligationMissed':
      return withObligation(state, event.data.obligationId, (obligation) =>
        obligation.status === 'fulfilled' ? obligation : { ...obligation, status: 'missed' },
      );
    case 'LiquidatedDamagesAccrued':
      return withObligation(state, event.data.obligationId, (obligation) => ({
        ...obligation,
        liquidatedDamages: {
          ...obligation.liquidatedDamages,
          accruedAsOf: event.data.asOf,
          accrued: event.data.accruedTotal.amount,
        },
      }));
    case 'LiquidatedDamagesCapReached':
      return withObligation(state, event.data.obligationId, (obligation) => ({
        ...obligation,
        liquidatedDamages: { ...obligation.liquidatedDamages, capReached: true },
      }));
    case 'LiquidatedDamagesWaived':
      return withObligation(state, event.data.obligationId, (obligation) => ({
        ...obligation,
        liquidatedDamages: {
          ...obligation.liquidatedDamages,
          waived: event.data.waivedTotal.amount,
        },
      }));
    default:
      return assertNever(event);
  }
}
