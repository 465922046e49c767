import { assertNever, datePartOf, isBlank, type Decider } from '../shared';
import { COMPLAINT_ROLES, complaintAuthority } from './complaint.authority';
import type {
  AcknowledgeComplaint,
  AssessComplaint,
  CloseComplaint,
  ComplaintCommand,
  InvestigateComplaint,
  LinkComplaintToCorrectiveAction,
  ReceiveComplaint,
  ReopenComplaint,
  RespondToComplaint,
} from './complaint.commands';
import { complaintErrors } from './complaint.errors';
import type { ComplaintEvent } from './complaint.events';
import {
  requireAssessed,
  requireCalendarDate,
  requireExisting,
  requireOpen,
} from './complaint.guards';
import { evolveComplaint, initialComplaintState, type ComplaintState } from './complaint.state';
import {
  complaintPriority,
  HS_COMPLAINT_MAX_DAYS_TO_DUE,
  latestHsComplaintDueOn,
} from './complaint-priority';

function receive(command: ReceiveComplaint, state: ComplaintState): ComplaintEvent[] {
  if (state.status !== 'absent') throw complaintErrors.alreadyReceived(state.complaintId);
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.receive);
  const { complaintId, projectId, receivedOn, channel, summary, customerContactRef, hsRelated } =
    command.data;
  requireCalendarDate('receivedOn', receivedOn);
  return [
    {
      type: 'ComplaintReceived',
      data: {
        complaintId,
        projectId,
        receivedOn,
        channel,
        summary,
        customerContactRef,
        hsRelated,
        receivedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function acknowledge(command: AcknowledgeComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = requireOpen(state);
  if (complaint.status !== 'received') throw complaintErrors.alreadyAcknowledged();
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.handle);
  const { complaintId, projectId } = complaint;
  return [
    {
      type: 'ComplaintAcknowledged',
      data: { complaintId, projectId, acknowledgedBy: command.meta.actor.sub, authority },
    },
  ];
}

function assess(command: AssessComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = requireOpen(state);
  if (complaint.status === 'received') throw complaintErrors.notAcknowledged();
  if (complaint.status !== 'acknowledged') throw complaintErrors.alreadyAssessed();
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.handle);
  const { severity } = command.data;
  const dueOn = requireCalendarDate('dueOn', command.data.dueOn);
  const assessedOn = requireCalendarDate('effectiveAt', datePartOf(command.meta.effectiveAt));
  if (dueOn < assessedOn) throw complaintErrors.dueBeforeAssessment(dueOn, assessedOn);
  const latest = latestHsComplaintDueOn(assessedOn);
  if (complaint.hsRelated && latest !== null && dueOn > latest) {
    throw complaintErrors.hsDueTooLate(dueOn, latest, HS_COMPLAINT_MAX_DAYS_TO_DUE);
  }
  const { complaintId, projectId, hsRelated } = complaint;
  return [
    {
      type: 'ComplaintAssessed',
      data: {
        complaintId,
        projectId,
        severity,
        priority: complaintPriority(hsRelated, severity),
        hsRelated,
        assessedOn,
        dueOn,
        assessedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function investigate(command: InvestigateComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = requireAssessed(state);
  if (complaint.status === 'responded') throw complaintErrors.alreadyResponded();
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.handle);
  const { complaintId, projectId } = complaint;
  return [
    {
      type: 'ComplaintInvestigated',
      data: {
        complaintId,
        projectId,
        findings: command.data.findings,
        investigatedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function respond(command: RespondToComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = requireOpen(state);
  if (complaint.status === 'responded') throw complaintErrors.alreadyResponded();
  if (complaint.status !== 'investigated') throw complaintErrors.notInvestigated();
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.handle);
  const respondedOn = requireCalendarDate('respondedOn', command.data.respondedOn);
  if (respondedOn < complaint.receivedOn) {
    throw complaintErrors.responseBeforeReceipt(respondedOn, complaint.receivedOn);
  }
  const { complaintId, projectId } = complaint;
  return [
    {
      type: 'ComplaintResponded',
      data: {
        complaintId,
        projectId,
        response: command.data.response,
        respondedOn,
        respondedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function close(command: CloseComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = requireOpen(state);
  if (complaint.status !== 'responded') throw complaintErrors.notResponded();
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.handle);
  const { customerSatisfied, note } = command.data;
  if (!customerSatisfied && isBlank(note)) throw complaintErrors.dissatisfactionNoteRequired();
  const { complaintId, projectId } = complaint;
  return [
    {
      type: 'ComplaintClosed',
      data: {
        complaintId,
        projectId,
        customerSatisfied,
        note,
        closedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function reopen(command: ReopenComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = requireExisting(state);
  if (complaint.status !== 'closed') throw complaintErrors.notClosed();
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.handle);
  if (isBlank(command.data.reason)) throw complaintErrors.reopenReasonRequired();
  const { complaintId, projectId } = complaint;
  return [
    {
      type: 'ComplaintReopened',
      data: {
        complaintId,
        projectId,
        reason: command.data.reason,
        reopenedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

/** Allowed in any state, closed included: a CAPA is often raised when a complaint closes. */
function linkCapa(
  command: LinkComplaintToCorrectiveAction,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = requireExisting(state);
  const authority = complaintAuthority(command.meta.actor, COMPLAINT_ROLES.handle);
  const { capaId, capaRaisedFrom } = command.data;
  if (capaRaisedFrom === null) throw complaintErrors.capaNotFound(capaId);
  if (capaRaisedFrom.source !== 'complaint' || capaRaisedFrom.sourceRef !== complaint.complaintId) {
    throw complaintErrors.capaNotFromThisComplaint(capaId);
  }
  if (complaint.capaIds.includes(capaId)) throw complaintErrors.capaAlreadyLinked(capaId);
  const { complaintId, projectId } = complaint;
  return [
    {
      type: 'ComplaintLinkedToCorrectiveAction',
      data: { complaintId, projectId, capaId, linkedBy: command.meta.actor.sub, authority },
    },
  ];
}

export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
): ComplaintEvent[] {
  switch (command.type) {
    case 'ReceiveComplaint':
      return receive(command, state);
    case 'AcknowledgeComplaint':
      return acknowledge(command, state);
    case 'AssessComplaint':
      return assess(command, state);
    case 'InvestigateComplaint':
      return investigate(command, state);
    case 'RespondToComplaint':
      return respond(command, state);
    case 'CloseComplaint':
      return close(command, state);
    case 'ReopenComplaint':
      return reopen(command, state);
    case 'LinkComplaintToCorrectiveAction':
      return linkCapa(command, state);
    default:
      return assertNever(command);
  }
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintState, ComplaintEvent> = {
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  decide: decideComplaint,
};
