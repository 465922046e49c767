import type { CalendarDate, Command, Money } from '../shared';
import type {
  ObligationEvidence,
  MeasurementWindow,
  ObligationKind,
  RemedyKind,
} from './contract.vocabulary';

export type RegisterContract = Command<
  'RegisterContract',
  {
    readonly contractId: string;
    readonly programId: string;
    readonly customerId: string;
    readonly title: string;
    readonly value: Money;
    readonly signedOn: CalendarDate;
  }
>;

export type DesignateContractKeyProject = Command<
  'DesignateContractKeyProject',
  { readonly criteria: readonly string[]; readonly reason: string }
>;

export interface ObligationRemedyInput {
  readonly kind: RemedyKind;
  readonly ratePerWeekPct: number;
  readonly capPct: number;
  /** Defaults to 0. */
  readonly graceDays?: number;
}

/** Give exactly one of `dueOn` and `measurementWindow`. */
export type ObligationDueInput =
  | { readonly dueOn: CalendarDate; readonly measurementWindow?: null }
  | { readonly dueOn?: null; readonly measurementWindow: MeasurementWindow };

export type RegisterObligation = Command<
  'RegisterObligation',
  {
    readonly obligationId: string;
    readonly kind: ObligationKind;
    readonly title: string;
    readonly evidenceRule: string;
    readonly remedy?: ObligationRemedyInput | null;
  } & ObligationDueInput
>;

export type ObligationDueChangeInput = { readonly obligationId: string } & ObligationDueInput;

export type AmendContract = Command<
  'AmendContract',
  {
    readonly amendmentId: string;
    readonly summary: string;
    readonly changes: {
      readonly value?: Money | null;
      readonly obligationDueDates?: readonly ObligationDueChangeInput[];
    };
    /** Looked up by the caller: the change request that authorises the amendment. */
    readonly changeRequest: {
      readonly id: string;
      readonly projectId: string;
      /** Its decision outcome (approved | rejected | deferred), or null while undecided. */
      readonly decision: string | null;
      readonly contractual: boolean;
      /** The customer's signature recorded on the change request (its customer approval). */
      readonly customerSignatureRef: string | null;
    };
    /** Must be the signature recorded on the change request: one signature of record. */
    readonly customerSignatureRef: string;
  }
>;

export type RecordObligationFulfilled = Command<
  'RecordObligationFulfilled',
  {
    readonly obligationId: string;
    readonly fulfilledOn: CalendarDate;
    readonly evidence: ObligationEvidence;
  }
>;

export type RecordObligationMissed = Command<
  'RecordObligationMissed',
  { readonly obligationId: string; readonly reason: string }
>;

export type AccrueLiquidatedDamages = Command<
  'AccrueLiquidatedDamages',
  { readonly obligationId: string; readonly asOf: CalendarDate }
>;

export type WaiveLiquidatedDamages = Command<
  'WaiveLiquidatedDamages',
  { readonly obligationId: string; readonly amount: Money; readonly reason: string }
>;

export type ContractCommand =
  | RegisterContract
  | DesignateContractKeyProject
  | RegisterObligation
  | AmendContract
  | RecordObligationFulfilled
  | RecordObligationMissed
  | AccrueLiquidatedDamages
  | WaiveLiquidatedDamages;
