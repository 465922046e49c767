import { contractStreamId, type ContractCommand } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { contractAggregate } from '@ledger/domain';
import type { FollowUpCommand, Reaction } from '../reaction';

/**
 * DOMAIN.md: "a certificate fulfils its linked contract obligation and stops LD accrual". When the
 * certificate the acceptance names (PAC or FAC: the event says `fulfilsObligation`) is issued, the
 * contract records the obligation fulfilled on the issue date with the certificate as evidence.
 * The contract decides: the same certificate again is a no-op, another fulfilment is refused.
 */
export const contractFulfilsObligationOnCertificate: Reaction = {
  name: 'contract-fulfils-obligation-on-certificate',
  on: ['ProvisionalAcceptanceCertificateIssued', 'FinalAcceptanceCertificateIssued'],
  react(event: RecordedEvent): readonly FollowUpCommand[] {
    const { contractId, obligationId, fulfilsObligation, issuedOn, certificateId } = event.data;
    if (
      fulfilsObligation !== true ||
      typeof contractId !== 'string' ||
      typeof obligationId !== 'string' ||
      typeof issuedOn !== 'string' ||
      typeof certificateId !== 'string'
    ) {
      return [];
    }
    return [
      {
        aggregate: contractAggregate,
        streamId: contractStreamId(contractId),
        build: (meta): ContractCommand => ({
          type: 'RecordObligationFulfilled',
          data: {
            obligationId,
            fulfilledOn: issuedOn,
            evidence: { kind: 'acceptance-certificate', ref: certificateId },
          },
          meta,
        }),
      },
    ];
  },
};
