import type { DomainEvent, Role } from '../shared';
import type { HandoverKind } from './handover-roles';

/** Every handover event names the handover, its project and its kind. */
interface HandoverRef {
  readonly handoverId: string;
  readonly projectId: string;
  readonly kind: HandoverKind;
}

export interface ChecklistItem {
  readonly id: string;
  readonly title: string;
  readonly mandatory: boolean;
}

export interface HandoverEvidence {
  /** Where the evidence is (document id, URL, DMS reference). */
  readonly ref: string;
  readonly note: string | null;
}

/** A not-yet-accepted item the receiver takes on anyway, with who closes it and by when. */
export interface HandoverCondition {
  readonly itemId: string;
  readonly mandatory: boolean;
  readonly ownerId: string;
  readonly dueOn: string;
}

/** What the receiver approved: item ids accepted, and optional ones left unaccepted. */
export interface HandoverSummary {
  readonly totalItems: number;
  readonly itemsAccepted: readonly string[];
  readonly optionalItemsNotAccepted: readonly string[];
}

export type HandoverInitiated = DomainEvent<
  'HandoverInitiated',
  HandoverRef & {
    readonly items: readonly ChecklistItem[];
    readonly initiatedBy: string;
    /** The sending-side role the initiator acted under. */
    readonly authority: Role;
    /** The sender stays accountable until the receiver approves. */
    readonly accountable: string;
  }
>;

export type HandoverItemSubmitted = DomainEvent<
  'HandoverItemSubmitted',
  HandoverRef & {
    readonly itemId: string;
    readonly evidence: HandoverEvidence;
    readonly submittedBy: string;
  }
>;

export type HandoverItemAccepted = DomainEvent<
  'HandoverItemAccepted',
  HandoverRef & {
    readonly itemId: string;
    readonly acceptedBy: string;
    readonly authority: Role;
    /** What the receiver said on accepting (a caveat, a reference), or null. */
    readonly note: string | null;
  }
>;

export type HandoverItemRejected = DomainEvent<
  'HandoverItemRejected',
  HandoverRef & {
    readonly itemId: string;
    readonly reason: string;
    readonly rejectedBy: string;
    readonly authority: Role;
  }
>;

export type HandoverApproved = DomainEvent<
  'HandoverApproved',
  HandoverRef & {
    readonly approvedBy: string;
    /** The receiving role (project-manager for Sell→Execute, care for Delivery→Care). */
    readonly authority: Role;
    readonly summary: HandoverSummary;
    /** Accountability moves from the sender to the receiver who approved. */
    readonly accountable: string;
    readonly previousAccountable: string;
    /** What the approver said on approving, or null. */
    readonly note: string | null;
  }
>;

export type HandoverConditionallyApproved = DomainEvent<
  'HandoverConditionallyApproved',
  HandoverRef & {
    readonly approvedBy: string;
    readonly authority: Role;
    readonly summary: HandoverSummary;
    /** One per item not accepted at approval, mandatory or not. */
    readonly conditions: readonly HandoverCondition[];
    readonly accountable: string;
    readonly previousAccountable: string;
  }
>;

export type HandoverRejected = DomainEvent<
  'HandoverRejected',
  HandoverRef & { readonly reason: string; readonly rejectedBy: string; readonly authority: Role }
>;

export type HandoverEvent =
  | HandoverInitiated
  | HandoverItemSubmitted
  | HandoverItemAccepted
  | HandoverItemRejected
  | HandoverApproved
  | HandoverConditionallyApproved
  | HandoverRejected;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const HANDOVER_EVENT_SCHEMA_VERSIONS = {
  HandoverInitiated: 1,
  HandoverItemSubmitted: 1,
  HandoverItemAccepted: 1,
  HandoverItemRejected: 1,
  HandoverApproved: 1,
  HandoverConditionallyApproved: 1,
  HandoverRejected: 1,
} as const satisfies Record<HandoverEvent['type'], number>;
