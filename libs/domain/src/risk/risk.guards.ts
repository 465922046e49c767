import {
  calendarDateGuard,
  grantingRole,
  isCurrencyCode,
  type Actor,
  type Money,
  type Role,
} from '../shared';
import { MAX_RISK_COST_MINOR_UNITS } from './risk-scoring';
import { riskErrors } from './risk.errors';
import type { ExistingRisk, RiskState } from './risk.state';

/*
 * Small checks the risk deciders share. Text and calendar-date checks come from the shared kernel
 * (`requireText`, `requireReason`, `isBlank`, `datePartOf`); the risk's own code for a bad date and its
 * money bounds are bound here.
 */

export type ChangeableRisk = Exclude<ExistingRisk, { status: 'closed' }>;

export function requireRisk(state: RiskState): ExistingRisk {
  if (state.status === 'absent') throw riskErrors.notFound();
  return state;
}

/** Any change needs a risk that exists and is not closed. */
export function requireChangeable(state: RiskState): ChangeableRisk {
  const risk = requireRisk(state);
  if (risk.status === 'closed') throw riskErrors.closed(risk.riskId);
  return risk;
}

/**
 * The role a risk decision is recorded under. The CPM owns risks (DOMAIN.md), so
 * `project-manager` is preferred, then `pmo`, then `admin`, then whatever role the actor holds
 * (which roles may call which endpoint is the shell's business).
 */
const RISK_AUTHORITY_PREFERENCE: readonly Role[] = ['project-manager', 'pmo', 'admin'];

export function riskAuthority(actor: Actor): Role {
  const role = grantingRole(actor, RISK_AUTHORITY_PREFERENCE) ?? actor.roles[0];
  if (role === undefined) throw riskErrors.actorHasNoRole(actor.sub);
  return role;
}

/** A calendar date, refused with the risk's own code (`invalid-calendar-date`). */
export const requireCalendarDate = calendarDateGuard(riskErrors.invalidCalendarDate);

/**
 * Money as DOMAIN.md principle 5 wants it: integer minor units, ISO 4217 code. `positive` refuses
 * zero (amounts that are moved, such as a draw); otherwise zero is allowed (an estimate).
 */
export function requireMoney(value: Money | undefined, field: string, positive = false): Money {
  if (value === undefined || value === null) throw riskErrors.fieldRequired(field);
  if (!isCurrencyCode(value.currency)) {
    throw riskErrors.invalidMoney(field, 'currency must be an ISO 4217 code such as EUR');
  }
  const { amount } = value;
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_RISK_COST_MINOR_UNITS) {
    throw riskErrors.invalidMoney(field, 'amount must be a whole number of minor units ≥ 0');
  }
  if (positive && amount === 0) throw riskErrors.invalidMoney(field, 'amount must be above 0');
  return { amount, currency: value.currency };
}
