import { deciderSpec } from '@ledger/testing';
import { projectDecider, type ProjectCommand, type ProjectEvent } from './index';
import {
  admin,
  approvedCr,
  care,
  created,
  crAssessed,
  crDecided,
  crRaised,
  executing,
  handoverRecorded,
  pm,
  pmo,
  projectId,
} from './project.spec-fixtures';

const spec = deciderSpec(projectDecider);

describe('Project decider: lifecycle', () => {
  describe('CreateProject', () => {
    const create = (programIsOpen = true, contractIsRegistered = true): ProjectCommand => ({
      type: 'CreateProject',
      data: {
        projectId,
        programId: 'pg1',
        contractId: 'ct1',
        name: 'Metro fibre',
        programIsOpen,
        contractIsRegistered,
      },
      meta: pmo,
    });
    it('creates a project in a program for a contract, recording who created it', () => {
      spec.given([]).when(create()).then([created]);
    });
    it('refuses to create the same project twice', () => {
      spec.given([created]).when(create()).thenFails('project-already-exists');
    });
    it('refuses a program that does not exist or is closed', () => {
      spec.given([]).when(create(false)).thenFails('program-not-open');
    });
    it('refuses a contract that is not registered', () => {
      spec.given([]).when(create(true, false)).thenFails('contract-not-registered');
    });
    it('refuses any other command for a project that does not exist', () => {
      spec
        .given([])
        .when({
          type: 'RegisterStakeholder',
          data: {
            stakeholderId: 'x',
            name: 'X',
            organisation: 'Telco',
            role: 'CTO',
            influence: 'high',
            interest: 'high',
          },
          meta: pm,
        })
        .thenFails('project-not-found');
    });
  });

  describe('RecordHandoverOutcome', () => {
    const record = (outcome: 'approved' | 'conditionally-approved'): ProjectCommand => ({
      type: 'RecordHandoverOutcome',
      data: { handoverId: 'h-sell-to-execute', kind: 'sell-to-execute', outcome },
      meta: { ...pm, actor: { sub: 'system', roles: ['integration'] } },
    });
    it('records the approved handover as a fact of the project', () => {
      spec
        .given([created])
        .when(record('approved'))
        .then([handoverRecorded('sell-to-execute')]);
    });
    it('records nothing when the same outcome is sent again', () => {
      spec
        .given([created, handoverRecorded('sell-to-execute')])
        .when(record('approved'))
        .then([]);
    });
    it('records a full approval that follows a conditional one', () => {
      spec
        .given([created, handoverRecorded('sell-to-execute', 'conditionally-approved')])
        .when(record('approved'))
        .then([handoverRecorded('sell-to-execute')]);
    });
  });

  describe('RecordFinalAcceptance and WaiveFinalAcceptance', () => {
    const fac: ProjectEvent = {
      type: 'FinalAcceptanceRecorded',
      data: { projectId, certificateId: 'fac1', recordedBy: 'carla' },
    };
    const waive = (meta = pmo): ProjectCommand => ({
      type: 'WaiveFinalAcceptance',
      data: { reason: 'customer declined FAC test' },
      meta,
    });
    const waived: ProjectEvent = {
      type: 'FinalAcceptanceWaived',
      data: {
        projectId,
        reason: 'customer declined FAC test',
        waivedBy: 'paula',
        authority: 'pmo',
      },
    };
    it('records an issued final acceptance certificate', () => {
      spec
        .given([created])
        .when({ type: 'RecordFinalAcceptance', data: { certificateId: 'fac1' }, meta: pm })
        .then([fac]);
    });
    it('records nothing when the same certificate is sent again', () => {
      spec
        .given([created, fac])
        .when({ type: 'RecordFinalAcceptance', data: { certificateId: 'fac1' }, meta: pm })
        .then([]);
    });
    it('lets the PMO formally waive final acceptance, with a reason', () => {
      spec.given([created]).when(waive()).then([waived]);
    });
    it('refuses a waiver by a project manager (PMO or admin only)', () => {
      spec.given([created]).when(waive(pm)).thenFails('decision-authority-required');
    });
    it('refuses a waiver once final acceptance is issued', () => {
      spec.given([created, fac]).when(waive()).thenFails('final-acceptance-already-issued');
    });
    it('refuses a second waiver', () => {
      spec.given([created, waived]).when(waive(admin)).thenFails('final-acceptance-already-waived');
    });
  });

  describe('CloseProject', () => {
    const close = (meta = pm): ProjectCommand => ({
      type: 'CloseProject',
      data: { reason: 'benefit delivered' },
      meta,
    });
    const fac: ProjectEvent = {
      type: 'FinalAcceptanceRecorded',
      data: { projectId, certificateId: 'fac1', recordedBy: 'cora' },
    };
    const ready = [...executing, handoverRecorded('delivery-to-care'), fac];
    const closed: ProjectEvent = {
      type: 'ProjectClosed',
      data: {
        projectId,
        reason: 'benefit delivered',
        closedBy: 'carla',
        authority: 'project-manager',
      },
    };
    const crStep = (type: 'ChangeRequestImplemented' | 'ChangeRequestClosed'): ProjectEvent =>
      type === 'ChangeRequestImplemented'
        ? { type, data: { projectId, changeRequestId: 'cr1', implementedBy: 'carla' } }
        : { type, data: { projectId, changeRequestId: 'cr1', closedBy: 'carla' } };

    it('closes once Delivery→Care is approved, final acceptance issued and no change request is open', () => {
      spec.given(ready).when(close()).then([closed]);
    });
    it('accepts a formal waiver instead of final acceptance', () => {
      const waived: ProjectEvent = {
        type: 'FinalAcceptanceWaived',
        data: { projectId, reason: 'r', waivedBy: 'paula', authority: 'pmo' },
      };
      spec
        .given([...executing, handoverRecorded('delivery-to-care'), waived])
        .when(close())
        .then([closed]);
    });
    it('refuses while a change request is open (raised, assessed, approved or implemented)', () => {
      spec
        .given([...ready, crRaised()])
        .when(close())
        .thenFails('project-has-open-change-requests');
      spec
        .given([...ready, crRaised(), crAssessed()])
        .when(close())
        .thenFails('project-has-open-change-requests');
      spec
        .given([...ready, ...approvedCr()])
        .when(close())
        .thenFails('project-has-open-change-requests');
      const error = spec
        .given([...ready, ...approvedCr(), crStep('ChangeRequestImplemented')])
        .when(close())
        .thenFails('project-has-open-change-requests');
      expect(error.details).toEqual({ changeRequestIds: ['cr1'] });
    });
    it('is not held up by closed, withdrawn, rejected or deferred change requests', () => {
      const withdrawn: ProjectEvent = {
        type: 'ChangeRequestWithdrawn',
        data: { projectId, changeRequestId: 'cr4', reason: 'r', withdrawnBy: 'carla' },
      };
      spec
        .given([
          ...ready,
          ...approvedCr(),
          crStep('ChangeRequestImplemented'),
          crStep('ChangeRequestClosed'),
          crRaised('cr2'),
          crAssessed('cr2'),
          crDecided('cr2', 'rejected'),
          crRaised('cr3'),
          crAssessed('cr3'),
          crDecided('cr3', 'deferred'),
          crRaised('cr4'),
          withdrawn,
        ])
        .when(close())
        .then([closed]);
    });
    it('refuses before the Delivery→Care handover is approved', () => {
      spec
        .given([...executing, fac])
        .when(close())
        .thenFails('delivery-to-care-handover-not-approved');
    });
    it('refuses while the Delivery→Care handover is only conditionally approved', () => {
      spec
        .given([...executing, handoverRecorded('delivery-to-care', 'conditionally-approved'), fac])
        .when(close())
        .thenFails('delivery-to-care-handover-not-approved');
    });
    it('refuses before final acceptance is issued or waived', () => {
      spec
        .given([...executing, handoverRecorded('delivery-to-care')])
        .when(close())
        .thenFails('final-acceptance-missing');
    });
    it('refuses a caller without project decision authority', () => {
      spec.given(ready).when(close(care)).thenFails('decision-authority-required');
    });
    it('takes no more changes once closed', () => {
      spec
        .given([...ready, closed])
        .when(close())
        .thenFails('project-closed');
      spec
        .given([...ready, closed])
        .when({ type: 'RecordFinalAcceptance', data: { certificateId: 'fac2' }, meta: pm })
        .thenFails('project-closed');
    });
  });
});
