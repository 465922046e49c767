import { assertSameCurrency, requireReason, requireText, type Money } from '../shared';
import type {
  AddResponseAction,
  DrawContingency,
  PlanRiskResponse,
  UpdateResponseAction,
} from './risk.commands';
import { riskErrors } from './risk.errors';
import type { ResponseActionChanges, RiskEvent } from './risk.events';
import { requireCalendarDate, requireChangeable, requireMoney, riskAuthority } from './risk.guards';
import type { RiskState } from './risk.state';
import {
  FINAL_RESPONSE_ACTION_STATUSES,
  RESPONSE_ACTION_STATUSES,
  strategiesFor,
  type ResponseActionStatus,
} from './risk.vocabulary';

/** The response side of a risk: strategy, reserve, actions and contingency draws. */

export function planRiskResponse(command: PlanRiskResponse, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  const { strategy } = command.data;
  const allowed = strategiesFor(risk.kind);
  if (!allowed.includes(strategy)) {
    throw riskErrors.strategyDoesNotFitKind(String(strategy), risk.kind, allowed);
  }
  if (risk.ownerId === null) throw riskErrors.ownerRequiredBeforeResponse();
  const description = requireText('description', command.data.description);
  const reserve =
    command.data.contingencyReserve === undefined
      ? null
      : requireMoney(command.data.contingencyReserve, 'contingencyReserve');
  const previous = risk.response?.contingencyReserve ?? null;
  if (previous !== null && risk.contingencyDrawn > 0) {
    const drawn: Money = { amount: risk.contingencyDrawn, currency: previous.currency };
    if (reserve === null) throw riskErrors.reserveBelowDrawn({ ...drawn, amount: 0 }, drawn);
    assertSameCurrency(reserve, drawn);
    if (reserve.amount < drawn.amount) throw riskErrors.reserveBelowDrawn(reserve, drawn);
  }
  return [
    {
      type: 'RiskResponsePlanned',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        strategy,
        description,
        contingencyReserve: reserve,
        ownerId: risk.ownerId,
        plannedBy: command.meta.actor.sub,
        authority: riskAuthority(command.meta.actor),
      },
    },
  ];
}

function requireActionStatus(status: unknown): ResponseActionStatus {
  const known: readonly unknown[] = RESPONSE_ACTION_STATUSES;
  if (!known.includes(status)) {
    throw riskErrors.actionStatusUnknown(String(status), RESPONSE_ACTION_STATUSES);
  }
  return status as ResponseActionStatus;
}

export function addResponseAction(command: AddResponseAction, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  if (risk.response === null) throw riskErrors.responseNotPlanned('adding response actions');
  const actionId = requireText('actionId', command.data.actionId);
  if (risk.actions.some((action) => action.actionId === actionId)) {
    throw riskErrors.actionAlreadyExists(actionId);
  }
  return [
    {
      type: 'ResponseActionAdded',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        actionId,
        description: requireText('description', command.data.description),
        ownerId: requireText('ownerId', command.data.ownerId),
        dueOn: requireCalendarDate('dueOn', command.data.dueOn),
        status: requireActionStatus(command.data.status ?? 'open'),
        addedBy: command.meta.actor.sub,
      },
    },
  ];
}

export function updateResponseAction(command: UpdateResponseAction, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  const { actionId, description, ownerId, dueOn, status } = command.data;
  const action = risk.actions.find((candidate) => candidate.actionId === actionId);
  if (action === undefined) throw riskErrors.actionNotFound(actionId);
  if (FINAL_RESPONSE_ACTION_STATUSES.includes(action.status)) {
    throw riskErrors.actionClosed(actionId, action.status);
  }
  const changes: {
    description?: string;
    ownerId?: string;
    dueOn?: string;
    status?: ResponseActionStatus;
  } = {};
  if (description !== undefined && description !== action.description) {
    changes.description = requireText('description', description);
  }
  if (ownerId !== undefined && ownerId !== action.ownerId) {
    changes.ownerId = requireText('ownerId', ownerId);
  }
  if (dueOn !== undefined && dueOn !== action.dueOn) {
    changes.dueOn = requireCalendarDate('dueOn', dueOn);
  }
  if (status !== undefined && status !== action.status) {
    changes.status = requireActionStatus(status);
  }
  if (Object.keys(changes).length === 0) throw riskErrors.actionUnchanged(actionId);
  const recorded: ResponseActionChanges = changes;
  return [
    {
      type: 'ResponseActionUpdated',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        actionId,
        changes: recorded,
        updatedBy: command.meta.actor.sub,
      },
    },
  ];
}

export function drawContingency(command: DrawContingency, state: RiskState): RiskEvent[] {
  const risk = requireChangeable(state);
  const reason = requireReason(command.data.reason);
  const amount = requireMoney(command.data.amount, 'amount', true);
  const reserve = risk.response?.contingencyReserve ?? null;
  if (reserve === null) throw riskErrors.noContingencyReserve();
  assertSameCurrency(amount, reserve);
  const remaining: Money = {
    amount: reserve.amount - risk.contingencyDrawn,
    currency: reserve.currency,
  };
  if (amount.amount > remaining.amount)
    throw riskErrors.contingencyExceedsReserve(amount, remaining);
  return [
    {
      type: 'ContingencyDrawn',
      data: {
        riskId: risk.riskId,
        projectId: risk.projectId,
        amount,
        reason,
        remainingReserve: { amount: remaining.amount - amount.amount, currency: reserve.currency },
        drawnBy: command.meta.actor.sub,
        authority: riskAuthority(command.meta.actor),
      },
    },
  ];
}
