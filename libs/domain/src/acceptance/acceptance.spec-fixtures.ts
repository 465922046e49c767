import type { CommandMeta, Role } from '../shared';
import type { AcceptanceEvent } from './acceptance.events';

/** Shared givens for the acceptance decider specs (not exported from the library). */

export function metaAs(
  roles: readonly Role[] = ['project-manager'],
  sub = 'carla',
  now = '2026-03-20T10:00:00.000Z',
): CommandMeta {
  return { actor: { sub, roles }, now, effectiveAt: now };
}

const ids = { acceptanceId: 'acc-3', projectId: 'prj-1' } as const;
export const cluster3 = { kind: 'cluster', ref: 'CL-003', title: 'Cluster 3 (Oslo east)' } as const;

/** Cluster 3, linked to contract obligation ob-pac-3 fulfilled by the PAC (or the FAC). */
export const openedLinkedTo = (fulfilledBy: 'pac' | 'fac'): AcceptanceEvent => ({
  type: 'AcceptanceOpened',
  data: {
    ...ids,
    object: cluster3,
    contractId: 'k1',
    obligationId: 'ob-pac-3',
    obligationFulfilledBy: fulfilledBy,
    warrantyMonths: 12,
    openedBy: 'carla',
    authority: 'project-manager',
  },
});
export const opened = openedLinkedTo('pac');

export const testScheduled = (testId = 't1', scheduledOn = '2026-03-10'): AcceptanceEvent => ({
  type: 'AcceptanceTestScheduled',
  data: { ...ids, testId, scheduledOn, scheduledBy: 'carla', authority: 'project-manager' },
});

export const testResult = (
  result: 'passed' | 'failed',
  testId = 't1',
  notes = '',
): AcceptanceEvent => ({
  type: 'AcceptanceTestResultRecorded',
  data: { ...ids, testId, result, notes, recordedBy: 'carla', authority: 'project-manager' },
});

export const punchItemRaised = (
  itemId: string,
  severity: 'A' | 'B',
  description: string,
): AcceptanceEvent => ({
  type: 'PunchItemRaised',
  data: { ...ids, itemId, severity, description, raisedBy: 'carla', authority: 'project-manager' },
});

export const punchItemCleared = (itemId: string, severity: 'A' | 'B'): AcceptanceEvent => ({
  type: 'PunchItemCleared',
  data: {
    ...ids,
    itemId,
    severity,
    evidence: { ref: `photo-${itemId}`, note: null },
    clearedBy: 'carla',
    authority: 'project-manager',
  },
});

/** Opened, tested, passed: ready for a PAC. */
export const passed: AcceptanceEvent[] = [opened, testScheduled(), testResult('passed')];

export const pacIssued: AcceptanceEvent = {
  type: 'ProvisionalAcceptanceCertificateIssued',
  data: {
    ...ids,
    object: cluster3,
    certificateId: 'PAC-3',
    issuedOn: '2026-03-18',
    openPunchItems: [],
    warrantyMonths: 12,
    warrantyStartsOn: '2026-03-18',
    warrantyEndsOn: '2027-03-18',
    contractId: 'k1',
    obligationId: 'ob-pac-3',
    fulfilsObligation: true,
    issuedBy: 'carla',
    authority: 'project-manager',
  },
};

export const facIssued: AcceptanceEvent = {
  type: 'FinalAcceptanceCertificateIssued',
  data: {
    ...ids,
    object: cluster3,
    certificateId: 'FAC-3',
    issuedOn: '2027-03-18',
    provisionalCertificateId: 'PAC-3',
    warrantyEndsOn: '2027-03-18',
    contractId: 'k1',
    obligationId: 'ob-pac-3',
    fulfilsObligation: false,
    issuedBy: 'carla',
    authority: 'project-manager',
  },
};
