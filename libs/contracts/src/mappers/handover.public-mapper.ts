import { assertNever, type HandoverEvent, type HandoverSummary } from '@ledger/domain';
import type { PublicFact } from '../public-fact';

/**
 * Handover events → public facts: approved (outright, or with conditions: one type, told apart
 * by `conditional`) and rejected. Item-level traffic and who holds the handover stay internal;
 * a condition names its item and due date, not its owner (a person).
 */
export function mapHandoverEvent(event: HandoverEvent): PublicFact | null {
  const { projectId, handoverId, kind } = event.data;
  const owner = { kind: 'project', id: projectId } as const;
  const subject = `projects/${projectId}/handovers/${handoverId}`;
  const summaryOf = (summary: HandoverSummary) => ({
    totalItems: summary.totalItems,
    itemsAccepted: [...summary.itemsAccepted],
    optionalItemsNotAccepted: [...summary.optionalItemsNotAccepted],
  });
  switch (event.type) {
    case 'HandoverApproved':
    case 'HandoverConditionallyApproved': {
      // One public type for both, told apart by `conditional`.
      const conditional = event.type === 'HandoverConditionallyApproved';
      return {
        type: 'com.delivery-ledger.project.handover-approved.v1',
        subject,
        owner,
        data: {
          projectId,
          handoverId,
          kind,
          conditional,
          ...summaryOf(event.data.summary),
          conditions: conditional
            ? event.data.conditions.map((condition) => ({
                itemId: condition.itemId,
                mandatory: condition.mandatory,
                dueOn: condition.dueOn,
              }))
            : [],
        },
      };
    }
    case 'HandoverRejected':
      return {
        type: 'com.delivery-ledger.project.handover-rejected.v1',
        subject,
        owner,
        data: { projectId, handoverId, kind, reason: event.data.reason },
      };
    case 'HandoverInitiated':
    case 'HandoverItemSubmitted':
    case 'HandoverItemAccepted':
    case 'HandoverItemRejected':
      return null;
    default:
      return assertNever(event);
  }
}
