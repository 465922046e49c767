import { DomainError, roleRequired, type Role } from '../shared';

export const capaErrors = {
  /** Addressed under a project it does not belong to: as unknown there as a missing one. */
  notInProject: (projectId: string) =>
    new DomainError('capa-not-found', `no such capa in project ${projectId}`, 'not-found'),
  alreadyOpened: (capaId: string) =>
    new DomainError(
      'capa-already-exists',
      `corrective action ${capaId} already exists`,
      'conflict',
    ),
  notFound: () => new DomainError('capa-not-found', 'no such corrective action', 'not-found'),
  closed: (capaId: string) =>
    new DomainError(
      'capa-closed',
      `corrective action ${capaId} is closed and takes no more changes`,
    ),
  roleRequired: (roles: readonly Role[]) => roleRequired('corrective-action decision', roles),
  containmentAlreadyRecorded: () =>
    new DomainError('containment-already-recorded', 'containment is already recorded', 'conflict'),
  containmentNotRecorded: () =>
    new DomainError(
      'containment-not-recorded',
      'the problem is contained before its root cause is analysed',
    ),
  rootCauseAlreadyRecorded: () =>
    new DomainError(
      'root-cause-already-recorded',
      'the root cause is recorded; a new analysis is recorded only after an ineffective check',
      'conflict',
    ),
  rootCauseNotRecorded: () =>
    new DomainError(
      'root-cause-not-recorded',
      'corrective actions address a root cause: record it first',
    ),
  alreadyEffective: () =>
    new DomainError(
      'capa-already-verified-effective',
      'the corrective action was verified effective; only closing it remains',
      'conflict',
    ),
  actionAlreadyExists: (actionId: string) =>
    new DomainError(
      'corrective-action-already-exists',
      `action ${actionId} already exists`,
      'conflict',
    ),
  actionNotFound: (actionId: string) =>
    new DomainError('corrective-action-not-found', `no action ${actionId}`, 'not-found'),
  actionAlreadyCompleted: (actionId: string) =>
    new DomainError(
      'corrective-action-already-completed',
      `action ${actionId} is already completed`,
      'conflict',
    ),
  criteriaRequired: () =>
    new DomainError(
      'effectiveness-criteria-required',
      'define at least one effectiveness criterion',
    ),
  duplicateCriterion: (criterionIds: readonly string[]) =>
    new DomainError(
      'duplicate-effectiveness-criterion',
      `criterion ids must be unique (${criterionIds.join(', ')})`,
      'rule-violated',
      { criterionIds },
    ),
  criteriaLocked: () =>
    new DomainError(
      'effectiveness-criteria-locked',
      'effectiveness criteria cannot change once a check has started against them',
    ),
  criteriaNotDefined: () =>
    new DomainError(
      'effectiveness-criteria-not-defined',
      'effectiveness is checked against criteria defined before the check',
    ),
  actionsRequired: () =>
    new DomainError(
      'corrective-actions-required',
      'effectiveness is checked after corrective actions',
    ),
  actionsNotCompleted: (openActionIds: readonly string[]) =>
    new DomainError(
      'corrective-actions-not-completed',
      `every corrective action is completed before the effectiveness check (${openActionIds.join(', ')})`,
      'rule-violated',
      { openActionIds },
    ),
  newActionRequired: () =>
    new DomainError(
      'new-corrective-action-required',
      'an ineffective check sends the CAPA back to actions: add and complete a new action first',
    ),
  resultsIncomplete: (details: {
    readonly unknownCriterionIds: readonly string[];
    readonly missingCriterionIds: readonly string[];
    readonly duplicateCriterionIds: readonly string[];
  }) =>
    new DomainError(
      'effectiveness-results-incomplete',
      'a check gives exactly one result for each defined criterion',
      'rule-violated',
      details,
    ),
  notVerifiedEffective: () =>
    new DomainError(
      'capa-not-verified-effective',
      'a corrective action closes only after an effectiveness check found it effective',
    ),
};
