import {
  assertNever,
  datePartOf,
  isBlank,
  requireReason,
  requireText,
  textOrNull,
  type Decider,
} from '../shared';
import { assessmentFrom } from './risk-assessment';
import {
  addResponseAction,
  drawContingency,
  planRiskResponse,
  updateResponseAction,
} from './risk-response.decider';
import type {
  AssessResidualRisk,
  AssessRisk,
  AssignRiskOwner,
  CloseRisk,
  EscalateRisk,
  RaiseRisk,
  RecordRiskOccurrence,
  RiskCommand,
} from './risk.commands';
import { riskErrors } from './risk.errors';
import type { RiskEvent } from './risk.events';
import { requireCalendarDate, requireChangeable, requireMoney, riskAuthority } from './risk.guards';
import { evolveRisk, initialRiskState, type RiskState } from './risk.state';
import {
  OCCURRED_CLOSE_REASON,
  RISK_CATEGORIES,
  RISK_ESCALATION_LEVELS,
  RISK_KINDS,
  closeReasonsFor,
} from './risk.vocabulary';

function raiseRisk(command: RaiseRisk, state: RiskState): RiskEvent[] {
  if (state.status !== 'absent') throw riskErrors.alreadyExists(state.riskId);
  const { riskId, projectId, kind, title, cause, event, effect, category } = command.data;
  requireText('riskId', riskId);
  requireText('projectId', projectId);
  if (!RISK_KINDS.includes(kind)) throw riskErrors.kindUnknown(String(kind));
  if (!RISK_CATEGORIES.includes(category)) {
    throw riskErrors.categoryUnknown(String(category), RISK_CATEGORIES);
  }
  const described = { title, cause, event, effect };
  const missing = Object.entries(described)
    .filter(([, text]) => isBlank(text))
    .map(([field]) => field);
  if (missing.length > 0) throw riskErrors.descriptionIncomplete(missing);
  return [
    {
      type: 'RiskRaised',
      data: {
        riskId,
        projectId,
        kind,
        title,
        cause,
        event,
        effect,
        category,
        raisedBy: command.meta.actor.sub,
      },
    },
  ];
}

function assessRisk(command: AssessRisk, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  if (risk.status === 'occurred') throw riskErrors.alreadyOccurred(risk.riskId);
  return [{ type: 'RiskAssessed', data: assessmentFrom(command.data, risk, command.meta) }];
}

function assessResidualRisk(command: AssessResidualRisk, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  if (risk.status === 'occurred') throw riskErrors.alreadyOccurred(risk.riskId);
  if (risk.inherent === null) throw riskErrors.inherentAssessmentRequired();
  if (risk.response === null) throw riskErrors.responseNotPlanned('assessing the residual risk');
  return [{ type: 'ResidualRiskAssessed', data: assessmentFrom(command.data, risk, command.meta) }];
}

function assignOwner(command: AssignRiskOwner, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  const ownerId = requireText('ownerId', command.data.ownerId);
  if (risk.ownerId === ownerId) throw riskErrors.ownerAlreadyAssigned(ownerId);
  return [
    {
      type: 'RiskOwnerAssigned',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        ownerId,
        previousOwnerId: risk.ownerId,
        assignedBy: command.meta.actor.sub,
        authority: riskAuthority(command.meta.actor),
      },
    },
  ];
}

function escalateRisk(command: EscalateRisk, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  const { level } = command.data;
  if (!RISK_ESCALATION_LEVELS.includes(level)) {
    throw riskErrors.escalationLevelUnknown(String(level), RISK_ESCALATION_LEVELS);
  }
  return [
    {
      type: 'RiskEscalated',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        level,
        escalatedTo: requireText('escalatedTo', command.data.escalatedTo),
        reason: requireReason(command.data.reason),
        escalatedBy: command.meta.actor.sub,
        authority: riskAuthority(command.meta.actor),
      },
    },
  ];
}

function recordOccurrence(command: RecordRiskOccurrence, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  if (risk.status === 'occurred') throw riskErrors.alreadyOccurred(risk.riskId);
  const occurredOn = requireCalendarDate('occurredOn', command.data.occurredOn);
  const today = datePartOf(command.meta.now);
  if (occurredOn > today) throw riskErrors.occurrenceInFuture(occurredOn, today);
  return [
    {
      type: 'RiskOccurred',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        kind: risk.kind,
        occurredOn,
        description: requireText('description', command.data.description),
        actualCostImpact: requireMoney(command.data.actualCostImpact, 'actualCostImpact'),
        becameIssue: risk.kind === 'threat',
        recordedBy: command.meta.actor.sub,
      },
    },
  ];
}

function closeRisk(command: CloseRisk, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  const { reason, note } = command.data;
  const allowed = closeReasonsFor(risk.kind);
  if (!allowed.includes(reason)) {
    throw riskErrors.closeReasonDoesNotFitKind(String(reason), risk.kind, allowed);
  }
  const occurredReason = OCCURRED_CLOSE_REASON[risk.kind];
  if (risk.status === 'occurred' && reason !== occurredReason) {
    throw riskErrors.closeReasonContradictsOccurrence(reason, occurredReason);
  }
  if (risk.status === 'open' && reason === occurredReason) {
    throw riskErrors.closeReasonContradictsOccurrence(reason, null);
  }
  return [
    {
      type: 'RiskClosed',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        reason,
        note: textOrNull(note),
        closedBy: command.meta.actor.sub,
        authority: riskAuthority(command.meta.actor),
      },
    },
  ];
}

export function decideRisk(command: RiskCommand, state: RiskState): RiskEvent[] {
  switch (command.type) {
    case 'RaiseRisk':
      return raiseRisk(command, state);
    case 'AssessRisk':
      return assessRisk(command, state);
    case 'AssignRiskOwner':
      return assignOwner(command, state);
    case 'PlanRiskResponse':
      return planRiskResponse(command, state);
    case 'AddResponseAction':
      return addResponseAction(command, state);
    case 'UpdateResponseAction':
      return updateResponseAction(command, state);
    case 'AssessResidualRisk':
      return assessResidualRisk(command, state);
    case 'EscalateRisk':
      return escalateRisk(command, state);
    case 'RecordRiskOccurrence':
      return recordOccurrence(command, state);
    case 'DrawContingency':
      return drawContingency(command, state);
    case 'CloseRisk':
      return closeRisk(command, state);
    default:
      return assertNever(command);
  }
}

export const riskDecider: Decider<RiskCommand, RiskState, RiskEvent> = {
  initialState: initialRiskState,
  evolve: evolveRisk,
  decide: decideRisk,
};
