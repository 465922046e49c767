import { assertNever, type Decider } from '../shared';
import { decideChangeControl } from './change-request.decider';
import { OPEN_CHANGE_REQUEST_STATUSES } from './change-request.state';
import { decideExecution } from './execution.decider';
import {
  assignTeamMember,
  defineProcessCustomisation,
  establishBaseline,
  registerStakeholder,
  releaseTeamMember,
  selectDeliveryApproach,
} from './project-setup.decider';
import type {
  CloseProject,
  CreateProject,
  ProjectCommand,
  RecordFinalAcceptance,
  RecordHandoverOutcome,
  WaiveFinalAcceptance,
} from './project.commands';
import { projectErrors } from './project.errors';
import type { ProjectEvent } from './project.events';
import {
  authorityOf,
  PROJECT_DECISION_ROLES,
  requireActive,
  sameData,
  FINAL_ACCEPTANCE_WAIVER_ROLES,
} from './project.guards';
import { evolveProject, initialProjectState, type ProjectState } from './project.state';

function createProject(command: CreateProject, state: ProjectState): ProjectEvent[] {
  if (state.status !== 'absent') throw projectErrors.alreadyExists(state.projectId);
  const { projectId, programId, contractId, name, programIsOpen, contractIsRegistered } =
    command.data;
  if (!programIsOpen) throw projectErrors.programNotOpen(programId);
  if (!contractIsRegistered) throw projectErrors.contractNotRegistered(contractId);
  return [
    {
      type: 'ProjectCreated',
      data: { projectId, programId, contractId, name, createdBy: command.meta.actor.sub },
    },
  ];
}

function recordHandoverOutcome(
  command: RecordHandoverOutcome,
  state: ProjectState,
): ProjectEvent[] {
  const project = requireActive(state);
  const { handoverId, kind, outcome } = command.data;
  if (sameData(project.handovers.get(kind), { handoverId, outcome })) return [];
  return [
    {
      type: 'HandoverOutcomeRecorded',
      data: {
        projectId: project.projectId,
        handoverId,
        kind,
        outcome,
        recordedBy: command.meta.actor.sub,
      },
    },
  ];
}

function recordFinalAcceptance(
  command: RecordFinalAcceptance,
  state: ProjectState,
): ProjectEvent[] {
  const project = requireActive(state);
  const { certificateId } = command.data;
  if (project.finalAcceptance.certificateIds.includes(certificateId)) return [];
  return [
    {
      type: 'FinalAcceptanceRecorded',
      data: { projectId: project.projectId, certificateId, recordedBy: command.meta.actor.sub },
    },
  ];
}

function waiveFinalAcceptance(command: WaiveFinalAcceptance, state: ProjectState): ProjectEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, FINAL_ACCEPTANCE_WAIVER_ROLES);
  if (project.finalAcceptance.certificateIds.length > 0)
    throw projectErrors.finalAcceptanceAlreadyIssued();
  if (project.finalAcceptance.waiver) throw projectErrors.finalAcceptanceAlreadyWaived();
  return [
    {
      type: 'FinalAcceptanceWaived',
      data: {
        projectId: project.projectId,
        reason: command.data.reason,
        waivedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function closeProject(command: CloseProject, state: ProjectState): ProjectEvent[] {
  const project = requireActive(state);
  const authority = authorityOf(command.meta.actor, PROJECT_DECISION_ROLES);
  const open = [...project.changeRequests.values()]
    .filter((cr) => OPEN_CHANGE_REQUEST_STATUSES.includes(cr.status))
    .map((cr) => cr.changeRequestId);
  if (open.length > 0) throw projectErrors.hasOpenChangeRequests(open);
  // Closure needs the care side's full approval; a conditional one still has open items.
  if (project.handovers.get('delivery-to-care')?.outcome !== 'approved') {
    throw projectErrors.deliveryToCareNotApproved();
  }
  const { certificateIds, waiver } = project.finalAcceptance;
  if (certificateIds.length === 0 && waiver === null) throw projectErrors.finalAcceptanceMissing();
  return [
    {
      type: 'ProjectClosed',
      data: {
        projectId: project.projectId,
        reason: command.data.reason,
        closedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideProject(command: ProjectCommand, state: ProjectState): ProjectEvent[] {
  switch (command.type) {
    case 'CreateProject':
      return createProject(command, state);
    case 'SelectDeliveryApproach':
      return selectDeliveryApproach(command, state);
    case 'AssignTeamMember':
      return assignTeamMember(command, state);
    case 'ReleaseTeamMember':
      return releaseTeamMember(command, state);
    case 'RegisterStakeholder':
      return registerStakeholder(command, state);
    case 'DefineProcessCustomisation':
      return defineProcessCustomisation(command, state);
    case 'EstablishBaseline':
      return establishBaseline(command, state);
    case 'RecordHandoverOutcome':
      return recordHandoverOutcome(command, state);
    case 'RecordFinalAcceptance':
      return recordFinalAcceptance(command, state);
    case 'WaiveFinalAcceptance':
      return waiveFinalAcceptance(command, state);
    case 'CloseProject':
      return closeProject(command, state);
    case 'RaiseChangeRequest':
    case 'AssessChangeRequestImpact':
    case 'DecideChangeRequest':
    case 'RecordCustomerApproval':
    case 'ImplementChangeRequest':
    case 'CloseChangeRequest':
    case 'WithdrawChangeRequest':
      return decideChangeControl(command, state);
    case 'OpenReportingPeriod':
    case 'CloseReportingPeriod':
    case 'ReportProgress':
    case 'CorrectProgress':
    case 'RecordActualCost':
    case 'SubmitForecast':
      return decideExecution(command, state);
    default:
      return assertNever(command);
  }
}

export const projectDecider: Decider<ProjectCommand, ProjectState, ProjectEvent> = {
  initialState: initialProjectState,
  evolve: evolveProject,
  decide: decideProject,
};
