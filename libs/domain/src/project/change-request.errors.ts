import { DomainError } from '../shared';

export const changeRequestErrors = {
  /** A contract addresses a change request that is not one of its projects' (by route). */
  notFoundInContract: (projectId: string, changeRequestId: string, contractId: string) =>
    new DomainError(
      'change-request-not-found',
      `no change request ${changeRequestId} in project ${projectId} of contract ${contractId}`,
      'not-found',
      { projectId, changeRequestId },
    ),
  notFound: (changeRequestId: string) =>
    new DomainError(
      'change-request-not-found',
      `no change request ${changeRequestId} in this project`,
      'not-found',
      { changeRequestId },
    ),
  alreadyExists: (changeRequestId: string) =>
    new DomainError(
      'change-request-already-exists',
      `change request ${changeRequestId} was already raised with other details`,
      'conflict',
      { changeRequestId },
    ),
  categoryRequired: () =>
    new DomainError(
      'change-request-category-required',
      'a change request names at least one category (cost, scope, schedule, quality, contract)',
    ),
  supersededNotFound: (supersedes: string) =>
    new DomainError(
      'superseded-change-request-not-found',
      `the superseded change request ${supersedes} does not exist in this project`,
      'rule-violated',
      { supersedes },
    ),
  supersededNotDecided: (supersedes: string) =>
    new DomainError(
      'superseded-change-request-not-decided',
      `only a decided change request can be revisited (${supersedes} is not decided)`,
      'rule-violated',
      { supersedes },
    ),
  assessmentIncomplete: (missing: readonly string[]) =>
    new DomainError(
      'impact-assessment-incomplete',
      `every CSSQ dimension is assessed explicitly ('none' or a change); missing: ${missing.join(', ')}`,
      'rule-violated',
      { missing },
    ),
  assessmentRequired: (changeRequestId: string) =>
    new DomainError(
      'impact-assessment-required',
      `no decision until every CSSQ dimension of ${changeRequestId} is assessed`,
      'rule-violated',
      { changeRequestId },
    ),
  assessmentStale: (assessedAgainstVersion: number, currentVersion: number) =>
    new DomainError(
      'impact-assessment-stale',
      `the impacts were assessed against baseline v${assessedAgainstVersion}, now v${currentVersion}: reassess before approving`,
      'rule-violated',
      { assessedAgainstVersion, currentVersion },
    ),
  alreadyDecided: (changeRequestId: string) =>
    new DomainError(
      'change-request-already-decided',
      `a decision is final; to revisit ${changeRequestId}, raise a new change request that supersedes it`,
      'conflict',
      { changeRequestId },
    ),
  withdrawn: (changeRequestId: string) =>
    new DomainError(
      'change-request-withdrawn',
      `change request ${changeRequestId} is withdrawn and takes no further steps`,
      'rule-violated',
      { changeRequestId },
    ),
  requesterCannotDecide: (changeRequestId: string) =>
    new DomainError(
      'requester-cannot-decide',
      `the requester of ${changeRequestId} cannot decide it (segregation of duties)`,
      'not-permitted',
      { changeRequestId },
    ),
  notApproved: (changeRequestId: string) =>
    new DomainError(
      'change-request-not-approved',
      `change request ${changeRequestId} is not approved`,
      'rule-violated',
      { changeRequestId },
    ),
  notContractual: (changeRequestId: string) =>
    new DomainError(
      'change-request-not-contractual',
      `change request ${changeRequestId} has no contractual impact; no customer approval is recorded for it`,
      'rule-violated',
      { changeRequestId },
    ),
  customerApprovalAlreadyRecorded: (changeRequestId: string) =>
    new DomainError(
      'customer-approval-already-recorded',
      `a different customer approval is already recorded for ${changeRequestId}`,
      'conflict',
      { changeRequestId },
    ),
  customerApprovalRequired: (changeRequestId: string) =>
    new DomainError(
      'customer-approval-required',
      `a contractual change request (${changeRequestId}) needs customer approval before it is implemented`,
      'rule-violated',
      { changeRequestId },
    ),
  alreadyImplemented: (changeRequestId: string) =>
    new DomainError(
      'change-request-already-implemented',
      `change request ${changeRequestId} is already implemented`,
      'conflict',
      { changeRequestId },
    ),
  notClosable: (changeRequestId: string, status: string) =>
    new DomainError(
      'change-request-not-closable',
      `change request ${changeRequestId} is ${status}: close it once implemented, rejected or deferred (withdraw an undecided one)`,
      'rule-violated',
      { changeRequestId, status },
    ),
  alreadyClosed: (changeRequestId: string) =>
    new DomainError(
      'change-request-already-closed',
      `change request ${changeRequestId} is already closed`,
      'conflict',
      { changeRequestId },
    ),
  withdrawalNotPermitted: (changeRequestId: string) =>
    new DomainError(
      'change-request-withdrawal-not-permitted',
      `only the requester or a project manager, PMO or admin may withdraw ${changeRequestId}`,
      'not-permitted',
      { changeRequestId },
    ),
};
