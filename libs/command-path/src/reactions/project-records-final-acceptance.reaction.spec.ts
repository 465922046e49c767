import { projectAggregate } from '@ledger/domain';
import { acceptanceReactions } from './acceptance.reactions';
import { projectRecordsFinalAcceptance as reaction } from './project-records-final-acceptance.reaction';
import { reactionMeta, recorded } from './acceptance-reactions.spec-fixtures';

describe('reaction project-records-final-acceptance', () => {
  it('listens to the FAC only (a PAC does not complete final acceptance)', () => {
    expect(reaction.on).toEqual(['FinalAcceptanceCertificateIssued']);
  });

  it('a FAC issued: its project records the final acceptance with the certificate id', () => {
    const [followUp, ...others] = reaction.react(
      recorded('FinalAcceptanceCertificateIssued', {
        acceptanceId: 'acc-1',
        projectId: 'prj-1',
        object: { kind: 'link', ref: 'LNK-7', title: 'Link 7' },
        certificateId: 'fac-1',
        issuedOn: '2027-03-12',
        provisionalCertificateId: 'pac-1',
        warrantyEndsOn: '2027-03-10',
        contractId: null,
        obligationId: null,
        fulfilsObligation: false,
        issuedBy: 'carla',
        authority: 'project-manager',
      }),
    );
    expect(others).toEqual([]);
    expect(followUp!.aggregate).toBe(projectAggregate);
    expect(followUp!.streamId).toBe('project-prj-1');
    expect(followUp!.build(reactionMeta)).toEqual({
      type: 'RecordFinalAcceptance',
      data: { certificateId: 'fac-1' },
      meta: reactionMeta,
    });
  });

  it('a FAC without the ids it needs (a malformed event) causes nothing', () => {
    expect(reaction.react(recorded('FinalAcceptanceCertificateIssued', { projectId: 7 }))).toEqual(
      [],
    );
  });

  it('is registered with the acceptance reactions', () => {
    expect(acceptanceReactions).toContain(reaction);
  });
});
