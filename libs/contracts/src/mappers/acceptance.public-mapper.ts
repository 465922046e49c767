import { assertNever, type AcceptanceEvent, type AcceptanceObject } from '@ledger/domain';
import type { JsonObject } from '@ledger/event-store';
import type { PublicFact } from '../public-fact';

function publicObject(object: AcceptanceObject): JsonObject {
  return { kind: object.kind, ref: object.ref, title: object.title };
}

/**
 * Acceptance events → public facts: the certificates (PAC, FAC). Tests, punch items and
 * rejections stay internal; the PAC says how many punch items it accepted as reservations.
 */
export function mapAcceptanceEvent(event: AcceptanceEvent): PublicFact | null {
  const { projectId, acceptanceId } = event.data;
  const owner = { kind: 'project', id: projectId } as const;
  const subject = `projects/${projectId}/acceptances/${acceptanceId}`;
  switch (event.type) {
    case 'ProvisionalAcceptanceCertificateIssued': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.project.provisional-acceptance-certified.v1',
        subject,
        owner,
        data: {
          projectId,
          acceptanceId,
          certificateId: d.certificateId,
          object: publicObject(d.object),
          issuedOn: d.issuedOn,
          openPunchItems: d.openPunchItems.length,
          warrantyStartsOn: d.warrantyStartsOn,
          warrantyEndsOn: d.warrantyEndsOn,
          contractId: d.contractId,
          obligationId: d.obligationId,
          fulfilsObligation: d.fulfilsObligation,
        },
      };
    }
    case 'FinalAcceptanceCertificateIssued': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.project.final-acceptance-certified.v1',
        subject,
        owner,
        data: {
          projectId,
          acceptanceId,
          certificateId: d.certificateId,
          provisionalCertificateId: d.provisionalCertificateId,
          object: publicObject(d.object),
          issuedOn: d.issuedOn,
          warrantyEndsOn: d.warrantyEndsOn,
          contractId: d.contractId,
          obligationId: d.obligationId,
          fulfilsObligation: d.fulfilsObligation,
        },
      };
    }
    case 'AcceptanceOpened':
    case 'AcceptanceTestScheduled':
    case 'AcceptanceTestResultRecorded':
    case 'PunchItemRaised':
    case 'PunchItemCleared':
    case 'AcceptanceRejected':
      return null;
    default:
      return assertNever(event);
  }
}
