import type { CalendarDate, DomainEvent, Role } from '../shared';
import type {
  AcceptanceCertificate,
  AcceptanceObject,
  AcceptanceTestResult,
  PunchItemClearanceEvidence,
  PunchItemSeverity,
} from './acceptance.vocabulary';

export type AcceptanceOpened = DomainEvent<
  'AcceptanceOpened',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly object: AcceptanceObject;
    /** The linked contract obligation, or all three null. */
    readonly contractId: string | null;
    readonly obligationId: string | null;
    readonly obligationFulfilledBy: AcceptanceCertificate | null;
    readonly warrantyMonths: number;
    readonly openedBy: string;
    readonly authority: Role;
  }
>;

export type AcceptanceTestScheduled = DomainEvent<
  'AcceptanceTestScheduled',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly testId: string;
    readonly scheduledOn: CalendarDate;
    readonly scheduledBy: string;
    readonly authority: Role;
  }
>;

export type AcceptanceTestResultRecorded = DomainEvent<
  'AcceptanceTestResultRecorded',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly testId: string;
    readonly result: AcceptanceTestResult;
    readonly notes: string;
    readonly recordedBy: string;
    readonly authority: Role;
  }
>;

export type PunchItemRaised = DomainEvent<
  'PunchItemRaised',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly itemId: string;
    readonly severity: PunchItemSeverity;
    readonly description: string;
    readonly raisedBy: string;
    readonly authority: Role;
  }
>;

export type PunchItemCleared = DomainEvent<
  'PunchItemCleared',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly itemId: string;
    readonly severity: PunchItemSeverity;
    readonly evidence: PunchItemClearanceEvidence;
    readonly clearedBy: string;
    readonly authority: Role;
  }
>;

export interface OpenPunchItem {
  readonly itemId: string;
  readonly severity: PunchItemSeverity;
  readonly description: string;
}

/**
 * What a certificate says about the linked contract obligation. When `fulfilsObligation` is true
 * the shell sends the contract `RecordObligationFulfilled` {obligationId, fulfilledOn: issuedOn,
 * evidence: {kind: 'acceptance-certificate', ref: certificateId}}.
 */
interface CertificateObligation {
  readonly contractId: string | null;
  readonly obligationId: string | null;
  readonly fulfilsObligation: boolean;
}

export type ProvisionalAcceptanceCertificateIssued = DomainEvent<
  'ProvisionalAcceptanceCertificateIssued',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly object: AcceptanceObject;
    readonly certificateId: string;
    readonly issuedOn: CalendarDate;
    /** Severity-B items still open, accepted as reservations on the PAC. */
    readonly openPunchItems: readonly OpenPunchItem[];
    readonly warrantyMonths: number;
    readonly warrantyStartsOn: CalendarDate;
    readonly warrantyEndsOn: CalendarDate;
    readonly issuedBy: string;
    readonly authority: Role;
  } & CertificateObligation
>;

export type AcceptanceRejected = DomainEvent<
  'AcceptanceRejected',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    /** `provisional`: the PAC is refused (a new passed test is needed); `final`: the FAC is. */
    readonly stage: 'provisional' | 'final';
    readonly reason: string;
    readonly rejectedBy: string;
    readonly authority: Role;
  }
>;

export type FinalAcceptanceCertificateIssued = DomainEvent<
  'FinalAcceptanceCertificateIssued',
  {
    readonly acceptanceId: string;
    readonly projectId: string;
    readonly object: AcceptanceObject;
    readonly certificateId: string;
    readonly issuedOn: CalendarDate;
    readonly provisionalCertificateId: string;
    readonly warrantyEndsOn: CalendarDate;
    readonly issuedBy: string;
    readonly authority: Role;
  } & CertificateObligation
>;

export type AcceptanceEvent =
  | AcceptanceOpened
  | AcceptanceTestScheduled
  | AcceptanceTestResultRecorded
  | PunchItemRaised
  | PunchItemCleared
  | ProvisionalAcceptanceCertificateIssued
  | AcceptanceRejected
  | FinalAcceptanceCertificateIssued;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const ACCEPTANCE_EVENT_SCHEMA_VERSIONS = {
  AcceptanceOpened: 1,
  AcceptanceTestScheduled: 1,
  AcceptanceTestResultRecorded: 1,
  PunchItemRaised: 1,
  PunchItemCleared: 1,
  ProvisionalAcceptanceCertificateIssued: 1,
  AcceptanceRejected: 1,
  FinalAcceptanceCertificateIssued: 1,
} as const satisfies Record<AcceptanceEvent['type'], number>;
