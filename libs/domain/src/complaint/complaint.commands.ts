import type { Command } from '../shared';
import type { ComplaintChannel, ComplaintSeverity } from './complaint.events';

export type ReceiveComplaint = Command<
  'ReceiveComplaint',
  {
    readonly complaintId: string;
    readonly projectId: string;
    readonly receivedOn: string;
    readonly channel: ComplaintChannel;
    readonly summary: string;
    readonly customerContactRef: string;
    readonly hsRelated: boolean;
  }
>;
export type AcknowledgeComplaint = Command<'AcknowledgeComplaint', Readonly<Record<string, never>>>;
export type AssessComplaint = Command<
  'AssessComplaint',
  { readonly severity: ComplaintSeverity; readonly dueOn: string }
>;
export type InvestigateComplaint = Command<'InvestigateComplaint', { readonly findings: string }>;
export type RespondToComplaint = Command<
  'RespondToComplaint',
  { readonly response: string; readonly respondedOn: string }
>;
export type CloseComplaint = Command<
  'CloseComplaint',
  { readonly customerSatisfied: boolean; readonly note: string | null }
>;
export type ReopenComplaint = Command<'ReopenComplaint', { readonly reason: string }>;
export type LinkComplaintToCorrectiveAction = Command<
  'LinkComplaintToCorrectiveAction',
  {
    readonly capaId: string;
    /**
     * Looked up by the caller from the CAPA's CorrectiveActionOpened: where it was raised from,
     * or null when no such CAPA exists.
     */
    readonly capaRaisedFrom: { readonly source: string; readonly sourceRef: string } | null;
  }
>;

export type ComplaintCommand =
  | ReceiveComplaint
  | AcknowledgeComplaint
  | AssessComplaint
  | InvestigateComplaint
  | RespondToComplaint
  | CloseComplaint
  | ReopenComplaint
  | LinkComplaintToCorrectiveAction;
