/** Setting the project up: delivery approach, team, stakeholders, process customisation, baseline. */

import { duplicatesIn } from '../shared';
import { assertBaselineContent, type BaselineContent } from './baseline';
import type {
  AssignTeamMember,
  DefineProcessCustomisation,
  EstablishBaseline,
  RegisterStakeholder,
  ReleaseTeamMember,
  SelectDeliveryApproach,
} from './project.commands';
import { projectErrors } from './project.errors';
import { PROJECT_MANAGER_ROLE, type ProjectEvent } from './project.events';
import {
  assertProjectCurrency,
  authorityOf,
  PROJECT_DECISION_ROLES,
  requireActive,
  sameData,
} from './project.guards';
import type { ProjectState } from './project.state';

export function selectDeliveryApproach(
  command: SelectDeliveryApproach,
  state: ProjectState,
): ProjectEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, PROJECT_DECISION_ROLES);
  const { optionsConsidered, chosen, rationale } = command.data;
  const duplicates = duplicatesIn(optionsConsidered);
  if (duplicates.length > 0) throw projectErrors.duplicateEntries('optionsConsidered', duplicates);
  if (!optionsConsidered.includes(chosen)) throw projectErrors.chosenApproachNotConsidered(chosen);
  if (sameData(project.deliveryApproach, { optionsConsidered, chosen, rationale })) return [];
  return [
    {
      type: 'DeliveryApproachSelected',
      data: {
        projectId: project.projectId,
        optionsConsidered,
        chosen,
        rationale,
        selectedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function assignTeamMember(command: AssignTeamMember, state: ProjectState): ProjectEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, PROJECT_DECISION_ROLES);
  const { personId, role, allocationPercent } = command.data;
  if (!Number.isInteger(allocationPercent) || allocationPercent < 1 || allocationPercent > 100) {
    throw projectErrors.allocationOutOfRange(allocationPercent);
  }
  const current = project.team.find((a) => a.personId === personId && a.role === role);
  if (current?.allocationPercent === allocationPercent) return [];
  const totalPercent =
    project.team
      .filter((a) => a.personId === personId && a.role !== role)
      .reduce((sum, a) => sum + a.allocationPercent, 0) + allocationPercent;
  if (totalPercent > 100) throw projectErrors.personOverAllocated(personId, totalPercent);
  const replacedProjectManagerId =
    role === PROJECT_MANAGER_ROLE && project.projectManagerId !== personId
      ? project.projectManagerId
      : null;
  return [
    {
      type: 'TeamMemberAssigned',
      data: {
        projectId: project.projectId,
        personId,
        role,
        allocationPercent,
        replacedProjectManagerId,
        assignedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function releaseTeamMember(command: ReleaseTeamMember, state: ProjectState): ProjectEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, PROJECT_DECISION_ROLES);
  const { personId, role, reason } = command.data;
  if (!project.team.some((a) => a.personId === personId && a.role === role)) {
    throw projectErrors.teamMemberNotAssigned(personId, role);
  }
  return [
    {
      type: 'TeamMemberReleased',
      data: {
        projectId: project.projectId,
        personId,
        role,
        reason,
        releasedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function registerStakeholder(
  command: RegisterStakeholder,
  state: ProjectState,
): ProjectEvent[] {
  const project = requireActive(state);
  const { stakeholderId, name, organisation, role, influence, interest } = command.data;
  const stakeholder = { stakeholderId, name, organisation, role, influence, interest };
  const existing = project.stakeholders.get(stakeholderId);
  if (existing) {
    if (sameData(existing, stakeholder)) return [];
    throw projectErrors.stakeholderAlreadyRegistered(stakeholderId);
  }
  return [
    {
      type: 'StakeholderRegistered',
      data: { projectId: project.projectId, ...stakeholder, registeredBy: command.meta.actor.sub },
    },
  ];
}

export function defineProcessCustomisation(
  command: DefineProcessCustomisation,
  state: ProjectState,
): ProjectEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, PROJECT_DECISION_ROLES);
  const { area, deviation, rationale } = command.data;
  if (sameData(project.processCustomisations.get(area), { area, deviation, rationale })) return [];
  return [
    {
      type: 'ProcessCustomisationDefined',
      data: {
        projectId: project.projectId,
        area,
        deviation,
        rationale,
        definedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function establishBaseline(command: EstablishBaseline, state: ProjectState): ProjectEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, PROJECT_DECISION_ROLES);
  const { budget, scope, milestones, quality } = command.data;
  const baseline: BaselineContent = {
    budget: { amount: budget.amount, currency: budget.currency },
    scope: scope.map(({ id, title }) => ({ id, title })),
    milestones: milestones.map(({ id, title, dueOn, obligationId }) => ({
      id,
      title,
      dueOn,
      obligationId: obligationId ?? null,
    })),
    quality: quality.map(({ id, criterion, target }) => ({ id, criterion, target })),
  };
  if (project.baseline) {
    const { version: _version, changeRequestId: _crId, ...original } = project.baseline.original;
    if (sameData(original, baseline)) return [];
    throw projectErrors.baselineAlreadyEstablished();
  }
  assertBaselineContent(baseline);
  assertProjectCurrency(project, baseline.budget);
  const unknownObligations = baseline.milestones
    .map((milestone) => milestone.obligationId)
    .filter((id): id is string => id !== null && !command.data.contractObligationIds.includes(id));
  if (unknownObligations.length > 0) throw projectErrors.unknownObligation(unknownObligations);
  return [
    {
      type: 'BaselineEstablished',
      data: {
        projectId: project.projectId,
        version: 1,
        baseline,
        establishedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}
