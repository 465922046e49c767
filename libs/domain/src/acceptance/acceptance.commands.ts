import type { CalendarDate, Command } from '../shared';
import type {
  AcceptanceCertificate,
  AcceptanceObject,
  AcceptanceTestResult,
  PunchItemSeverity,
} from './acceptance.vocabulary';

export type OpenAcceptance = Command<
  'OpenAcceptance',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly object: AcceptanceObject;
    /**
     * The contract obligation this acceptance fulfils, if any. The shell takes `contractId` from
     * the project; `fulfilledBy` defaults to the PAC.
     */
    readonly obligation?: {
      readonly contractId: string;
      readonly obligationId: string;
      readonly fulfilledBy?: AcceptanceCertificate;
    } | null;
    /** Whole months from PAC to the end of warranty; defaults to 12. */
    readonly warrantyMonths?: number;
  }
>;

export type ScheduleAcceptanceTest = Command<
  'ScheduleAcceptanceTest',
  { readonly testId: string; readonly scheduledOn: CalendarDate }
>;

export type RecordAcceptanceTestResult = Command<
  'RecordAcceptanceTestResult',
  { readonly testId: string; readonly result: AcceptanceTestResult; readonly notes?: string }
>;

export type RaisePunchItem = Command<
  'RaisePunchItem',
  { readonly itemId: string; readonly severity: PunchItemSeverity; readonly description: string }
>;

export type ClearPunchItem = Command<
  'ClearPunchItem',
  {
    readonly itemId: string;
    readonly evidence: { readonly ref: string; readonly note?: string | null };
  }
>;

export type IssueProvisionalAcceptanceCertificate = Command<
  'IssueProvisionalAcceptanceCertificate',
  { readonly certificateId: string; readonly issuedOn: CalendarDate }
>;

export type RejectAcceptance = Command<'RejectAcceptance', { readonly reason: string }>;

export type IssueFinalAcceptanceCertificate = Command<
  'IssueFinalAcceptanceCertificate',
  { readonly certificateId: string; readonly issuedOn: CalendarDate }
>;

export type AcceptanceCommand =
  | OpenAcceptance
  | ScheduleAcceptanceTest
  | RecordAcceptanceTestResult
  | RaisePunchItem
  | ClearPunchItem
  | IssueProvisionalAcceptanceCertificate
  | RejectAcceptance
  | IssueFinalAcceptanceCertificate;
