import { DomainError, inputErrors, type Role } from '../shared';

export const contractErrors = {
  alreadyRegistered: (contractId: string) =>
    new DomainError(
      'contract-already-registered',
      `contract ${contractId} is already registered`,
      'conflict',
    ),
  notFound: () => new DomainError('contract-not-found', 'no such contract', 'not-found'),
  /** The contract addressed by a route does not exist (named, as a route names it). */
  notFoundById: (contractId: string) =>
    new DomainError('contract-not-found', `no contract ${contractId}`, 'not-found'),
  notPermitted: (decision: string, allowed: readonly Role[]) =>
    new DomainError(
      'role-not-permitted-for-contract-decision',
      `${decision} needs one of the roles ${allowed.join(', ')}`,
      'not-permitted',
      { decision, allowedRoles: allowed },
    ),
  waiverNeedsPmoOrAdmin: () =>
    new DomainError(
      'liquidated-damages-waiver-needs-pmo-or-admin',
      'only the PMO (or an admin) may waive liquidated damages',
      'not-permitted',
    ),
  invalidDate: inputErrors.invalidDate,
  invalidContractValue: () =>
    new DomainError(
      'invalid-contract-value',
      'a contract value is a positive whole number of minor units with an ISO 4217 currency code',
    ),
  alreadyKeyProject: (contractId: string) =>
    new DomainError(
      'contract-already-key-project',
      `contract ${contractId} is already designated a key project`,
      'conflict',
    ),
  keyProjectNeedsCriteria: () =>
    new DomainError(
      'key-project-needs-criteria',
      'designating a key project needs at least one criterion and a reason',
    ),
  obligationAlreadyRegistered: (obligationId: string) =>
    new DomainError(
      'obligation-already-registered',
      `obligation ${obligationId} is already registered on this contract`,
      'conflict',
    ),
  obligationNotFound: (obligationId: string) =>
    new DomainError(
      'obligation-not-found',
      `no obligation ${obligationId} on this contract`,
      'not-found',
      {
        obligationId,
      },
    ),
  invalidObligationKind: (kind: unknown) =>
    new DomainError('invalid-obligation-kind', `unknown obligation kind ${String(kind)}`),
  obligationNeedsDueDateOrWindow: () =>
    new DomainError(
      'obligation-needs-due-date-or-window',
      'an obligation is due on a date OR over a measurement window: give exactly one',
    ),
  invalidMeasurementWindow: () =>
    new DomainError(
      'invalid-measurement-window',
      'a measurement window must not end before it starts',
    ),
  invalidRemedy: (why: string) => new DomainError('invalid-remedy', `invalid remedy: ${why}`),
  amendmentAlreadyRecorded: (amendmentId: string) =>
    new DomainError(
      'amendment-already-recorded',
      `amendment ${amendmentId} is already recorded`,
      'conflict',
    ),
  amendmentNeedsApprovedChangeRequest: (changeRequestId: string, status: string) =>
    new DomainError(
      'amendment-needs-approved-change-request',
      `an amendment needs an approved change request; ${changeRequestId} is ${status}`,
      'rule-violated',
      { changeRequestId, status },
    ),
  amendmentNeedsContractualChangeRequest: (changeRequestId: string) =>
    new DomainError(
      'amendment-needs-contractual-change-request',
      `change request ${changeRequestId} has no contractual impact and cannot amend the contract`,
      'rule-violated',
      { changeRequestId },
    ),
  amendmentNeedsCustomerSignature: () =>
    new DomainError(
      'amendment-needs-customer-signature',
      'an amendment needs a reference to the customer signature',
    ),
  amendmentNeedsCustomerApproval: (changeRequestId: string) =>
    new DomainError(
      'amendment-needs-customer-approval',
      `record the customer's approval of change request ${changeRequestId} (with its signature) before amending the contract`,
      'rule-violated',
      { changeRequestId },
    ),
  amendmentSignatureMismatch: (changeRequestId: string, recorded: string, given: string) =>
    new DomainError(
      'amendment-signature-mismatch',
      `the customer signature ${given} is not the one recorded on change request ${changeRequestId} (${recorded}); one change has one signature of record`,
      'rule-violated',
      { changeRequestId, recorded, given },
    ),
  changeRequestAlreadyAmended: (changeRequestId: string) =>
    new DomainError(
      'change-request-already-amended-contract',
      `change request ${changeRequestId} has already produced an amendment of this contract`,
      'conflict',
      { changeRequestId },
    ),
  obligationAlreadyFulfilled: (obligationId: string) =>
    new DomainError(
      'obligation-already-fulfilled',
      `obligation ${obligationId} is already fulfilled (with other evidence)`,
      'conflict',
      { obligationId },
    ),
  obligationAlreadyMissed: (obligationId: string) =>
    new DomainError(
      'obligation-already-missed',
      `obligation ${obligationId} is already recorded as missed`,
      'conflict',
      {
        obligationId,
      },
    ),
  obligationNotYetDue: (obligationId: string, deadline: string) =>
    new DomainError(
      'obligation-not-yet-due',
      `obligation ${obligationId} cannot be missed before its deadline ${deadline} has passed`,
      'rule-violated',
      { obligationId, deadline },
    ),
  invalidEvidence: () =>
    new DomainError('invalid-evidence', 'evidence needs a known kind and a reference'),
  evidenceDoesNotSatisfyObligation: (obligationId: string, needed: string) =>
    new DomainError(
      'evidence-does-not-satisfy-obligation',
      `obligation ${obligationId} is fulfilled only by ${needed}`,
      'rule-violated',
      { obligationId, needed },
    ),
  dateInFuture: inputErrors.dateInFuture,
  noLiquidatedDamagesRemedy: (obligationId: string) =>
    new DomainError(
      'obligation-has-no-liquidated-damages',
      `obligation ${obligationId} carries no liquidated-damages remedy`,
      'rule-violated',
      { obligationId },
    ),
  invalidWaiverAmount: () =>
    new DomainError(
      'invalid-waiver-amount',
      'a waiver is a positive whole number of minor units in the contract currency',
    ),
  waiverExceedsAccrued: (obligationId: string, waivable: number) =>
    new DomainError(
      'waiver-exceeds-accrued-liquidated-damages',
      `at most ${waivable} minor units of accrued, not yet waived LD can be waived on ${obligationId}`,
      'rule-violated',
      { obligationId, waivable },
    ),
  reasonRequired: inputErrors.decisionReasonRequired,
};
