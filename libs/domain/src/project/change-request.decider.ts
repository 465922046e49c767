import { assertNever, duplicatesIn, hasRole } from '../shared';
import { assertImpactFits, reviseBaseline } from './baseline';
import type {
  AssessChangeRequestImpact,
  ChangeRequestCommand,
  CloseChangeRequest,
  DecideChangeRequest,
  ImplementChangeRequest,
  RaiseChangeRequest,
  RecordCustomerApproval,
  WithdrawChangeRequest,
} from './change-request.commands';
import { changeRequestErrors } from './change-request.errors';
import type { ChangeRequestEvent } from './change-request.events';
import { approvalEvents, normaliseImpact } from './change-request.impact';
import type { ChangeRequestState, UndecidedChangeRequest } from './change-request.state';
import { projectErrors } from './project.errors';
import {
  authorityOf,
  PROJECT_DECISION_ROLES,
  requireActive,
  requireBaseline,
  sameData,
} from './project.guards';
import type { ExistingProject, ProjectState } from './project.state';

function requireChangeRequest(
  project: ExistingProject,
  changeRequestId: string,
): ChangeRequestState {
  const cr = project.changeRequests.get(changeRequestId);
  if (!cr) throw changeRequestErrors.notFound(changeRequestId);
  return cr;
}

/** Assessment and decision happen before the (final) decision and never after a withdrawal. */
function requireUndecided(cr: ChangeRequestState): UndecidedChangeRequest {
  if (cr.status === 'withdrawn') throw changeRequestErrors.withdrawn(cr.changeRequestId);
  if (cr.status !== 'raised' && cr.status !== 'assessed') {
    throw changeRequestErrors.alreadyDecided(cr.changeRequestId);
  }
  return cr;
}

function raise(command: RaiseChangeRequest, state: ProjectState): ChangeRequestEvent[] {
  const project = requireActive(state);
  requireBaseline(project);
  const { changeRequestId, title, origin, categories, justification } = command.data;
  const supersedes = command.data.supersedes ?? null;
  if (categories.length === 0) throw changeRequestErrors.categoryRequired();
  const duplicates = duplicatesIn(categories);
  if (duplicates.length > 0) throw projectErrors.duplicateEntries('categories', duplicates);
  const raised = {
    changeRequestId,
    title,
    origin,
    categories,
    justification,
    requestedBy: command.meta.actor.sub,
    supersedes,
  };
  const existing = project.changeRequests.get(changeRequestId);
  if (existing) {
    const {
      status: _s,
      assessment: _a,
      decision: _d,
      customerSignatureRef: _c,
      ...asRaised
    } = existing;
    if (sameData(asRaised, raised)) return [];
    throw changeRequestErrors.alreadyExists(changeRequestId);
  }
  if (supersedes !== null) {
    const superseded = project.changeRequests.get(supersedes);
    if (!superseded) throw changeRequestErrors.supersededNotFound(supersedes);
    if (superseded.decision === null) throw changeRequestErrors.supersededNotDecided(supersedes);
  }
  return [{ type: 'ChangeRequestRaised', data: { projectId: project.projectId, ...raised } }];
}

function assess(command: AssessChangeRequestImpact, state: ProjectState): ChangeRequestEvent[] {
  const project = requireActive(state);
  const cr = requireUndecided(requireChangeRequest(project, command.data.changeRequestId));
  const impact = normaliseImpact(command.data);
  const baseline = requireBaseline(project);
  assertImpactFits(baseline, impact);
  const assessment = {
    ...impact,
    contractual: command.data.contractual ?? cr.categories.includes('contract'),
    baselineVersion: baseline.version,
  };
  if (cr.assessment) {
    const { assessedBy: _by, ...previous } = cr.assessment;
    if (sameData(previous, assessment)) return [];
  }
  return [
    {
      type: 'ChangeRequestImpactAssessed',
      data: {
        projectId: project.projectId,
        changeRequestId: cr.changeRequestId,
        ...assessment,
        assessedBy: command.meta.actor.sub,
      },
    },
  ];
}

function decide(command: DecideChangeRequest, state: ProjectState): ChangeRequestEvent[] {
  const project = requireActive(state);
  const cr = requireUndecided(requireChangeRequest(project, command.data.changeRequestId));
  const { actor } = command.meta;
  const authority = authorityOf(actor, PROJECT_DECISION_ROLES);
  if (cr.requestedBy === actor.sub)
    throw changeRequestErrors.requesterCannotDecide(cr.changeRequestId);
  if (!cr.assessment) throw changeRequestErrors.assessmentRequired(cr.changeRequestId);
  const { projectId } = project;
  const { changeRequestId } = cr;
  const { outcome, reason } = command.data;
  const decided: ChangeRequestEvent = {
    type: 'ChangeRequestDecided',
    data: { projectId, changeRequestId, outcome, reason, decidedBy: actor.sub, authority },
  };
  if (outcome !== 'approved') return [decided];

  const baseline = requireBaseline(project);
  if (cr.assessment.baselineVersion !== baseline.version) {
    throw changeRequestErrors.assessmentStale(cr.assessment.baselineVersion, baseline.version);
  }
  const revision = reviseBaseline(baseline, cr.assessment, changeRequestId);
  return [decided, ...approvalEvents(projectId, changeRequestId, revision)];
}

function recordCustomerApproval(
  command: RecordCustomerApproval,
  state: ProjectState,
): ChangeRequestEvent[] {
  const project = requireActive(state);
  const cr = requireChangeRequest(project, command.data.changeRequestId);
  const { customerSignatureRef } = command.data;
  if (cr.status === 'withdrawn') throw changeRequestErrors.withdrawn(cr.changeRequestId);
  if (cr.customerSignatureRef !== null) {
    if (cr.customerSignatureRef === customerSignatureRef) return [];
    throw changeRequestErrors.customerApprovalAlreadyRecorded(cr.changeRequestId);
  }
  if (cr.status !== 'approved') throw changeRequestErrors.notApproved(cr.changeRequestId);
  if (!cr.assessment.contractual) throw changeRequestErrors.notContractual(cr.changeRequestId);
  return [
    {
      type: 'CustomerApprovalRecorded',
      data: {
        projectId: project.projectId,
        changeRequestId: cr.changeRequestId,
        customerSignatureRef,
        recordedBy: command.meta.actor.sub,
      },
    },
  ];
}

function implement(command: ImplementChangeRequest, state: ProjectState): ChangeRequestEvent[] {
  const project = requireActive(state);
  const cr = requireChangeRequest(project, command.data.changeRequestId);
  const wasApproved = cr.decision?.outcome === 'approved';
  if (cr.status === 'implemented' || (cr.status === 'closed' && wasApproved)) {
    throw changeRequestErrors.alreadyImplemented(cr.changeRequestId);
  }
  if (cr.status === 'withdrawn') throw changeRequestErrors.withdrawn(cr.changeRequestId);
  if (cr.status !== 'approved') throw changeRequestErrors.notApproved(cr.changeRequestId);
  if (cr.assessment.contractual && cr.customerSignatureRef === null) {
    throw changeRequestErrors.customerApprovalRequired(cr.changeRequestId);
  }
  return [
    {
      type: 'ChangeRequestImplemented',
      data: {
        projectId: project.projectId,
        changeRequestId: cr.changeRequestId,
        implementedBy: command.meta.actor.sub,
      },
    },
  ];
}

function close(command: CloseChangeRequest, state: ProjectState): ChangeRequestEvent[] {
  const project = requireActive(state);
  const cr = requireChangeRequest(project, command.data.changeRequestId);
  if (cr.status === 'closed') throw changeRequestErrors.alreadyClosed(cr.changeRequestId);
  if (cr.status === 'withdrawn') throw changeRequestErrors.withdrawn(cr.changeRequestId);
  if (cr.status !== 'implemented' && cr.status !== 'rejected' && cr.status !== 'deferred') {
    throw changeRequestErrors.notClosable(cr.changeRequestId, cr.status);
  }
  return [
    {
      type: 'ChangeRequestClosed',
      data: {
        projectId: project.projectId,
        changeRequestId: cr.changeRequestId,
        closedBy: command.meta.actor.sub,
      },
    },
  ];
}

function withdraw(command: WithdrawChangeRequest, state: ProjectState): ChangeRequestEvent[] {
  const project = requireActive(state);
  const cr = requireUndecided(requireChangeRequest(project, command.data.changeRequestId));
  const { actor } = command.meta;
  if (cr.requestedBy !== actor.sub && !hasRole(actor, ...PROJECT_DECISION_ROLES)) {
    throw changeRequestErrors.withdrawalNotPermitted(cr.changeRequestId);
  }
  return [
    {
      type: 'ChangeRequestWithdrawn',
      data: {
        projectId: project.projectId,
        changeRequestId: cr.changeRequestId,
        reason: command.data.reason,
        withdrawnBy: actor.sub,
      },
    },
  ];
}

export function decideChangeControl(
  command: ChangeRequestCommand,
  state: ProjectState,
): ChangeRequestEvent[] {
  switch (command.type) {
    case 'RaiseChangeRequest':
      return raise(command, state);
    case 'AssessChangeRequestImpact':
      return assess(command, state);
    case 'DecideChangeRequest':
      return decide(command, state);
    case 'RecordCustomerApproval':
      return recordCustomerApproval(command, state);
    case 'ImplementChangeRequest':
      return implement(command, state);
    case 'CloseChangeRequest':
      return close(command, state);
    case 'WithdrawChangeRequest':
      return withdraw(command, state);
    default:
      return assertNever(command);
  }
}
