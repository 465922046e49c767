import { DomainError, inputErrors, type Role } from '../shared';
import type { OpenPunchItem } from './acceptance.events';

export const acceptanceErrors = {
  /** Addressed under a project it does not belong to: as unknown there as a missing one. */
  notInProject: (projectId: string) =>
    new DomainError(
      'acceptance-not-found',
      `no such acceptance in project ${projectId}`,
      'not-found',
    ),
  alreadyOpened: (acceptanceId: string) =>
    new DomainError(
      'acceptance-already-opened',
      `acceptance ${acceptanceId} is already open`,
      'conflict',
    ),
  notFound: () => new DomainError('acceptance-not-found', 'no such acceptance', 'not-found'),
  closed: (acceptanceId: string) =>
    new DomainError(
      'acceptance-closed',
      `acceptance ${acceptanceId} has its final acceptance certificate and takes no more changes`,
    ),
  notPermitted: (decision: string, allowed: readonly Role[]) =>
    new DomainError(
      'role-not-permitted-for-acceptance-decision',
      `${decision} needs one of the roles ${allowed.join(', ')}`,
      'not-permitted',
      { decision, allowedRoles: allowed },
    ),
  invalidDate: inputErrors.invalidDate,
  dateInFuture: inputErrors.dateInFuture,
  invalidObject: () =>
    new DomainError(
      'invalid-acceptance-object',
      'an acceptance is for a site, link, cluster, network or deliverable, with a reference',
    ),
  invalidObligationLink: () =>
    new DomainError(
      'invalid-obligation-link',
      'a linked obligation needs its contract id, its obligation id and which certificate (pac or fac) fulfils it',
    ),
  invalidWarrantyPeriod: (max: number) =>
    new DomainError(
      'invalid-warranty-period',
      `the warranty is a whole number of months from 0 to ${max}`,
    ),
  testAlreadyScheduled: (testId: string) =>
    new DomainError(
      'acceptance-test-already-scheduled',
      `test ${testId} is already scheduled`,
      'conflict',
    ),
  testNotFound: (testId: string) =>
    new DomainError(
      'acceptance-test-not-found',
      `no test ${testId} is scheduled on this acceptance`,
      'not-found',
      {
        testId,
      },
    ),
  testResultAlreadyRecorded: (testId: string) =>
    new DomainError(
      'acceptance-test-result-already-recorded',
      `test ${testId} already has its result; a re-test is a new test`,
      'conflict',
      { testId },
    ),
  invalidTestResult: (result: unknown) =>
    new DomainError(
      'invalid-test-result',
      `a test result is passed or failed, not ${String(result)}`,
    ),
  punchItemAlreadyRaised: (itemId: string) =>
    new DomainError(
      'punch-item-already-raised',
      `punch item ${itemId} is already raised`,
      'conflict',
    ),
  punchItemNotFound: (itemId: string) =>
    new DomainError(
      'punch-item-not-found',
      `no punch item ${itemId} on this acceptance`,
      'not-found',
      { itemId },
    ),
  punchItemAlreadyCleared: (itemId: string) =>
    new DomainError(
      'punch-item-already-cleared',
      `punch item ${itemId} is already cleared`,
      'conflict',
      { itemId },
    ),
  invalidPunchItem: () =>
    new DomainError(
      'invalid-punch-item',
      'a punch item has severity A (blocking) or B (minor) and a description',
    ),
  clearanceNeedsEvidence: (itemId: string) =>
    new DomainError(
      'punch-item-clearance-needs-evidence',
      `clearing punch item ${itemId} needs evidence`,
      'rule-violated',
      {
        itemId,
      },
    ),
  testNotPassed: () =>
    new DomainError(
      'acceptance-test-not-passed',
      'a provisional acceptance certificate needs a passed acceptance test as the latest result',
    ),
  openSeverityAPunchItems: (items: readonly OpenPunchItem[]) =>
    new DomainError(
      'open-severity-a-punch-items',
      `no PAC while a blocking (severity A) punch item is open: ${items.map((item) => item.itemId).join(', ')}`,
      'rule-violated',
      { openPunchItems: items },
    ),
  provisionalAlreadyIssued: (certificateId: string) =>
    new DomainError(
      'provisional-acceptance-already-issued',
      `the provisional acceptance certificate ${certificateId} is already issued`,
      'conflict',
    ),
  provisionalNotIssued: () =>
    new DomainError(
      'provisional-acceptance-not-issued',
      'a final acceptance certificate needs the provisional acceptance certificate first',
    ),
  certificateIdAlreadyUsed: (certificateId: string) =>
    new DomainError(
      'certificate-id-already-used',
      `certificate ${certificateId} is already issued`,
      'conflict',
    ),
  warrantyNotElapsed: (warrantyEndsOn: string) =>
    new DomainError(
      'warranty-period-not-elapsed',
      `a final acceptance certificate needs the warranty period to have elapsed (on ${warrantyEndsOn})`,
      'rule-violated',
      { warrantyEndsOn },
    ),
  openPunchItems: (items: readonly OpenPunchItem[]) =>
    new DomainError(
      'open-punch-items',
      `a final acceptance certificate needs every punch item cleared: ${items.map((item) => item.itemId).join(', ')}`,
      'rule-violated',
      { openPunchItems: items },
    ),
  reasonRequired: inputErrors.decisionReasonRequired,
};
