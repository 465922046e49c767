import { DomainError, type Role } from '../shared';

/** Errors of the project itself, its baseline and the facts it records from other aggregates. */
export const projectErrors = {
  notFound: () => new DomainError('project-not-found', 'no such project', 'not-found'),
  /** The project addressed by a route does not exist (named, as a route names it). */
  notFoundById: (projectId: string) =>
    new DomainError('project-not-found', `no project ${projectId}`, 'not-found'),
  alreadyExists: (projectId: string) =>
    new DomainError('project-already-exists', `project ${projectId} already exists`, 'conflict'),
  closed: (projectId: string) =>
    new DomainError('project-closed', `project ${projectId} is closed and takes no more changes`),
  programNotOpen: (programId: string) =>
    new DomainError(
      'program-not-open',
      `a project can only be created in an existing, open program (${programId})`,
      'rule-violated',
      { programId },
    ),
  contractNotRegistered: (contractId: string) =>
    new DomainError(
      'contract-not-registered',
      `a project delivers a registered contract (${contractId} is not registered)`,
      'rule-violated',
      { contractId },
    ),
  authorityRequired: (requiredRoles: readonly Role[]) =>
    new DomainError(
      'decision-authority-required',
      `this decision needs one of the roles ${requiredRoles.join(', ')}`,
      'not-permitted',
      { requiredRoles },
    ),
  duplicateEntries: (field: string, values: readonly string[]) =>
    new DomainError(
      'duplicate-entries',
      `${field} lists the same entry more than once (${values.join(', ')})`,
      'rule-violated',
      { field, values },
    ),
  invalidCalendarDate: (field: string, value: string) =>
    new DomainError(
      'invalid-calendar-date',
      `${field} must be a calendar date YYYY-MM-DD (got ${value})`,
      'rule-violated',
      { field, value },
    ),
  invalidMoneyAmount: (field: string, amount: number) =>
    new DomainError(
      'invalid-money-amount',
      `${field} must be an integer number of minor units within the allowed range (got ${amount})`,
      'rule-violated',
      { field, amount },
    ),
  chosenApproachNotConsidered: (chosen: string) =>
    new DomainError(
      'chosen-approach-not-considered',
      `the chosen delivery approach ${chosen} must be one of the options considered`,
    ),
  allocationOutOfRange: (allocationPercent: number) =>
    new DomainError(
      'allocation-out-of-range',
      `an allocation is a whole percentage from 1 to 100 (got ${allocationPercent})`,
      'rule-violated',
      { allocationPercent },
    ),
  personOverAllocated: (personId: string, totalPercent: number) =>
    new DomainError(
      'person-over-allocated',
      `${personId} would be allocated ${totalPercent}% to this project; at most 100%`,
      'rule-violated',
      { personId, totalPercent },
    ),
  teamMemberNotAssigned: (personId: string, role: string) =>
    new DomainError(
      'team-member-not-assigned',
      `${personId} holds no ${role} assignment on this project`,
      'not-found',
      { personId, role },
    ),
  stakeholderAlreadyRegistered: (stakeholderId: string) =>
    new DomainError(
      'stakeholder-already-registered',
      `stakeholder ${stakeholderId} is already registered with other details`,
      'conflict',
      { stakeholderId },
    ),
  baselineAlreadyEstablished: () =>
    new DomainError(
      'baseline-already-established',
      'the baseline is established once; afterwards only an approved change request revises it',
      'conflict',
    ),
  baselineNotEstablished: () =>
    new DomainError('baseline-not-established', 'the project has no baseline yet'),
  unknownObligation: (obligationIds: readonly string[]) =>
    new DomainError(
      'unknown-obligation',
      `a milestone links to an obligation its project's contract does not have: ${obligationIds.join(', ')}`,
      'rule-violated',
      { obligationIds },
    ),
  unknownMilestone: (milestoneIds: readonly string[]) =>
    new DomainError(
      'unknown-milestone',
      `no such milestone in the current baseline: ${milestoneIds.join(', ')}`,
      'rule-violated',
      { milestoneIds },
    ),
  unknownScopeItem: (scopeItemIds: readonly string[]) =>
    new DomainError(
      'unknown-scope-item',
      `no such scope item in the current baseline: ${scopeItemIds.join(', ')}`,
      'rule-violated',
      { scopeItemIds },
    ),
  scopeItemAlreadyExists: (scopeItemIds: readonly string[]) =>
    new DomainError(
      'scope-item-already-exists',
      `scope items already in the current baseline cannot be added: ${scopeItemIds.join(', ')}`,
      'rule-violated',
      { scopeItemIds },
    ),
  impactChangeEmpty: (dimension: string) =>
    new DomainError(
      'impact-change-empty',
      `the ${dimension} impact says 'change' but changes nothing; say {impact:'none'}`,
      'rule-violated',
      { dimension },
    ),
  invalidShiftDays: (milestoneId: string, days: number) =>
    new DomainError(
      'invalid-shift-days',
      `a milestone shift is a non-zero whole number of days (${milestoneId}: ${days})`,
      'rule-violated',
      { milestoneId, days },
    ),
  budgetWouldBecomeNegative: (newAmount: number) =>
    new DomainError(
      'budget-would-become-negative',
      `the budget at completion would become negative (${newAmount})`,
      'rule-violated',
      { newAmount },
    ),
  executionNotAuthorised: () =>
    new DomainError(
      'execution-not-authorised',
      'execution (progress, actual cost) cannot start before the Sell→Execute handover is approved',
    ),
  finalAcceptanceAlreadyIssued: () =>
    new DomainError(
      'final-acceptance-already-issued',
      'final acceptance is already issued; there is nothing to waive',
    ),
  finalAcceptanceAlreadyWaived: () =>
    new DomainError(
      'final-acceptance-already-waived',
      'final acceptance is already waived',
      'conflict',
    ),
  hasOpenChangeRequests: (changeRequestIds: readonly string[]) =>
    new DomainError(
      'project-has-open-change-requests',
      `a project cannot close with open change requests (${changeRequestIds.join(', ')})`,
      'rule-violated',
      { changeRequestIds },
    ),
  deliveryToCareNotApproved: () =>
    new DomainError(
      'delivery-to-care-handover-not-approved',
      'a project cannot close before the Delivery→Care handover is approved',
    ),
  finalAcceptanceMissing: () =>
    new DomainError(
      'final-acceptance-missing',
      'a project cannot close before final acceptance is issued or formally waived',
    ),
};
