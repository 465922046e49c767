import type { DomainEvent, Role } from '../shared';

/** How the customer raised the complaint. */
export const COMPLAINT_CHANNELS = [
  'email',
  'phone',
  'portal',
  'meeting',
  'letter',
  'other',
] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Severity as assessed, most severe first. */
export const COMPLAINT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

/** Computed at assessment (complaint-priority.ts): H&S-related complaints are always `top`. */
export type ComplaintPriority = 'top' | ComplaintSeverity;

export type ComplaintReceived = DomainEvent<
  'ComplaintReceived',
  {
    readonly complaintId: string;
    readonly projectId: string;
    /** Calendar date (YYYY-MM-DD) the customer raised it. */
    readonly receivedOn: string;
    readonly channel: ComplaintChannel;
    readonly summary: string;
    /** Id of the customer contact (CRM), never a name or address. */
    readonly customerContactRef: string;
    readonly hsRelated: boolean;
    readonly receivedBy: string;
    readonly authority: Role;
  }
>;
export type ComplaintAcknowledged = DomainEvent<
  'ComplaintAcknowledged',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly acknowledgedBy: string;
    readonly authority: Role;
  }
>;
export type ComplaintAssessed = DomainEvent<
  'ComplaintAssessed',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly severity: ComplaintSeverity;
    readonly priority: ComplaintPriority;
    readonly hsRelated: boolean;
    /** Calendar date of the assessment: the date part of the command's effectiveAt. */
    readonly assessedOn: string;
    readonly dueOn: string;
    readonly assessedBy: string;
    readonly authority: Role;
  }
>;
export type ComplaintInvestigated = DomainEvent<
  'ComplaintInvestigated',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly findings: string;
    readonly investigatedBy: string;
    readonly authority: Role;
  }
>;
export type ComplaintResponded = DomainEvent<
  'ComplaintResponded',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly response: string;
    readonly respondedOn: string;
    readonly respondedBy: string;
    readonly authority: Role;
  }
>;
export type ComplaintClosed = DomainEvent<
  'ComplaintClosed',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly customerSatisfied: boolean;
    /** Required (non-blank) when the customer is not satisfied. */
    readonly note: string | null;
    readonly closedBy: string;
    readonly authority: Role;
  }
>;
export type ComplaintReopened = DomainEvent<
  'ComplaintReopened',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly reason: string;
    readonly reopenedBy: string;
    readonly authority: Role;
  }
>;
export type ComplaintLinkedToCorrectiveAction = DomainEvent<
  'ComplaintLinkedToCorrectiveAction',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly capaId: string;
    readonly linkedBy: string;
    readonly authority: Role;
  }
>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAcknowledged
  | ComplaintAssessed
  | ComplaintInvestigated
  | ComplaintResponded
  | ComplaintClosed
  | ComplaintReopened
  | ComplaintLinkedToCorrectiveAction;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const COMPLAINT_EVENT_SCHEMA_VERSIONS = {
  ComplaintReceived: 1,
  ComplaintAcknowledged: 1,
  ComplaintAssessed: 1,
  ComplaintInvestigated: 1,
  ComplaintResponded: 1,
  ComplaintClosed: 1,
  ComplaintReopened: 1,
  ComplaintLinkedToCorrectiveAction: 1,
} as const satisfies Record<ComplaintEvent['type'], number>;
