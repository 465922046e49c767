import { assertNever, type ComplaintEvent } from '@ledger/domain';
import type { PublicFact } from '../public-fact';

/** Complaint events → public facts: received and closed; the handling in between stays internal. */
export function mapComplaintEvent(event: ComplaintEvent): PublicFact | null {
  const { projectId, complaintId } = event.data;
  const owner = { kind: 'project', id: projectId } as const;
  const subject = `projects/${projectId}/complaints/${complaintId}`;
  switch (event.type) {
    case 'ComplaintReceived': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.project.complaint-received.v1',
        subject,
        owner,
        data: {
          projectId,
          complaintId,
          receivedOn: d.receivedOn,
          channel: d.channel,
          summary: d.summary,
          // The CRM id of the customer's contact (never a name): the care platform's join key.
          customerContactRef: d.customerContactRef,
          hsRelated: d.hsRelated,
        },
      };
    }
    case 'ComplaintClosed':
      return {
        type: 'com.delivery-ledger.project.complaint-closed.v1',
        subject,
        owner,
        data: { projectId, complaintId, customerSatisfied: event.data.customerSatisfied },
      };
    case 'ComplaintAcknowledged':
    case 'ComplaintAssessed':
    case 'ComplaintInvestigated':
    case 'ComplaintResponded':
    case 'ComplaintReopened':
    case 'ComplaintLinkedToCorrectiveAction':
      return null;
    default:
      return assertNever(event);
  }
}
