import { contractAggregate } from '@ledger/domain';
import { acceptanceReactions } from './acceptance.reactions';
import { contractFulfilsObligationOnCertificate as reaction } from './contract-fulfils-obligation-on-certificate.reaction';
import { reactionMeta, recorded } from './acceptance-reactions.spec-fixtures';

const certificate = {
  acceptanceId: 'acc-1',
  projectId: 'prj-1',
  object: { kind: 'site', ref: 'SITE-001', title: 'Site 1' },
  certificateId: 'pac-1',
  issuedOn: '2026-03-10',
  contractId: 'ctr-1',
  obligationId: 'obl-1',
  fulfilsObligation: true,
  issuedBy: 'carla',
  authority: 'project-manager',
};
const pac = (overrides: object = {}) =>
  recorded('ProvisionalAcceptanceCertificateIssued', {
    ...certificate,
    openPunchItems: [],
    warrantyMonths: 12,
    warrantyStartsOn: '2026-03-10',
    warrantyEndsOn: '2027-03-10',
    ...overrides,
  });
const fac = (overrides: object = {}) =>
  recorded('FinalAcceptanceCertificateIssued', {
    ...certificate,
    certificateId: 'fac-1',
    issuedOn: '2027-03-12',
    provisionalCertificateId: 'pac-1',
    warrantyEndsOn: '2027-03-10',
    ...overrides,
  });

describe('reaction contract-fulfils-obligation-on-certificate', () => {
  it('listens to both certificates', () => {
    expect(reaction.on).toEqual([
      'ProvisionalAcceptanceCertificateIssued',
      'FinalAcceptanceCertificateIssued',
    ]);
  });

  it('a PAC that fulfils its obligation: the contract records it fulfilled on the issue date, the certificate as evidence', () => {
    const [followUp, ...others] = reaction.react(pac());
    expect(others).toEqual([]);
    expect(followUp!.aggregate).toBe(contractAggregate);
    expect(followUp!.streamId).toBe('contract-ctr-1');
    expect(followUp!.build(reactionMeta)).toEqual({
      type: 'RecordObligationFulfilled',
      data: {
        obligationId: 'obl-1',
        fulfilledOn: '2026-03-10',
        evidence: { kind: 'acceptance-certificate', ref: 'pac-1' },
      },
      meta: reactionMeta,
    });
  });

  it('a FAC that fulfils its obligation (e.g. a warranty obligation) does the same with the FAC', () => {
    const [followUp] = reaction.react(fac());
    expect(followUp!.build(reactionMeta)).toMatchObject({
      type: 'RecordObligationFulfilled',
      data: {
        obligationId: 'obl-1',
        fulfilledOn: '2027-03-12',
        evidence: { kind: 'acceptance-certificate', ref: 'fac-1' },
      },
    });
  });

  it('nothing follows a certificate that does not fulfil the linked obligation (the other one does)', () => {
    expect(reaction.react(pac({ fulfilsObligation: false }))).toEqual([]);
    expect(reaction.react(fac({ fulfilsObligation: false }))).toEqual([]);
  });

  it('nothing follows a certificate of an acceptance linked to no obligation', () => {
    expect(
      reaction.react(pac({ contractId: null, obligationId: null, fulfilsObligation: false })),
    ).toEqual([]);
  });

  it('is registered with the acceptance reactions', () => {
    expect(acceptanceReactions).toContain(reaction);
  });
});
