import type { CalendarDate, DomainEvent, Money, Role } from '../shared';
import type {
  ObligationEvidence,
  ObligationDue,
  ObligationKind,
  ObligationRemedy,
} from './contract.vocabulary';

export type ContractRegistered = DomainEvent<
  'ContractRegistered',
  {
    readonly contractId: string;
    readonly programId: string;
    readonly customerId: string;
    readonly title: string;
    readonly value: Money;
    readonly signedOn: CalendarDate;
    readonly registeredBy: string;
    readonly authority: Role;
  }
>;

export type ContractDesignatedKeyProject = DomainEvent<
  'ContractDesignatedKeyProject',
  {
    readonly contractId: string;
    readonly criteria: readonly string[];
    readonly reason: string;
    readonly designatedBy: string;
    readonly authority: Role;
  }
>;

export type ObligationRegistered = DomainEvent<
  'ObligationRegistered',
  {
    readonly contractId: string;
    readonly obligationId: string;
    readonly kind: ObligationKind;
    readonly title: string;
    readonly evidenceRule: string;
    readonly remedy: ObligationRemedy | null;
    readonly registeredBy: string;
    readonly authority: Role;
  } & ObligationDue
>;

/** A due date or window moved by an amendment, with what it was before (for the audit trail). */
export type ObligationDueChange = {
  readonly obligationId: string;
  readonly previous: ObligationDue;
} & ObligationDue;

export type ContractAmended = DomainEvent<
  'ContractAmended',
  {
    readonly contractId: string;
    readonly amendmentId: string;
    readonly summary: string;
    /** The approved, contractual change request that authorises the amendment. */
    readonly changeRequestId: string;
    readonly projectId: string;
    readonly customerSignatureRef: string;
    /** Null when the value is unchanged. */
    readonly value: { readonly previous: Money; readonly amended: Money } | null;
    readonly obligationDueChanges: readonly ObligationDueChange[];
    readonly amendedBy: string;
    readonly authority: Role;
  }
>;

export type ObligationFulfilled = DomainEvent<
  'ObligationFulfilled',
  {
    readonly contractId: string;
    readonly obligationId: string;
    readonly fulfilledOn: CalendarDate;
    readonly evidence: ObligationEvidence;
    /** Fulfilled on or before the due date / end of window. */
    readonly onTime: boolean;
    readonly recordedBy: string;
    readonly authority: Role;
  }
>;

export type ObligationMissed = DomainEvent<
  'ObligationMissed',
  {
    readonly contractId: string;
    readonly obligationId: string;
    /** The due date or end of window that passed. */
    readonly deadline: CalendarDate;
    readonly missedAsOf: CalendarDate;
    readonly reason: string;
    readonly recordedBy: string;
    readonly authority: Role;
  }
>;

export type LiquidatedDamagesAccrued = DomainEvent<
  'LiquidatedDamagesAccrued',
  {
    readonly contractId: string;
    readonly obligationId: string;
    readonly asOf: CalendarDate;
    /** `asOf`, or the fulfilment day when that is earlier (accrual stops at fulfilment). */
    readonly countedUntil: CalendarDate;
    readonly daysLate: number;
    readonly weeksLate: number;
    /** What this accrual adds. */
    readonly amount: Money;
    /** Everything accrued on this obligation so far, this accrual included (never above `cap`). */
    readonly accruedTotal: Money;
    readonly cap: Money;
    readonly accruedBy: string;
    readonly authority: Role;
  }
>;

export type LiquidatedDamagesCapReached = DomainEvent<
  'LiquidatedDamagesCapReached',
  {
    readonly contractId: string;
    readonly obligationId: string;
    readonly asOf: CalendarDate;
    readonly cap: Money;
  }
>;

export type LiquidatedDamagesWaived = DomainEvent<
  'LiquidatedDamagesWaived',
  {
    readonly contractId: string;
    readonly obligationId: string;
    readonly amount: Money;
    /** Everything waived on this obligation so far, this waiver included. */
    readonly waivedTotal: Money;
    readonly reason: string;
    readonly waivedBy: string;
    readonly authority: Role;
  }
>;

export type ContractEvent =
  | ContractRegistered
  | ContractDesignatedKeyProject
  | ObligationRegistered
  | ContractAmended
  | ObligationFulfilled
  | ObligationMissed
  | LiquidatedDamagesAccrued
  | LiquidatedDamagesCapReached
  | LiquidatedDamagesWaived;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const CONTRACT_EVENT_SCHEMA_VERSIONS = {
  ContractRegistered: 1,
  ContractDesignatedKeyProject: 1,
  ObligationRegistered: 1,
  ContractAmended: 1,
  ObligationFulfilled: 1,
  ObligationMissed: 1,
  LiquidatedDamagesAccrued: 1,
  LiquidatedDamagesCapReached: 1,
  LiquidatedDamagesWaived: 1,
} as const satisfies Record<ContractEvent['type'], number>;
