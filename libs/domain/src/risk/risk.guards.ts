import type { Actor, Money, Role } from '../shared';
import { MAX_RISK_COST_MINOR_UNITS } from './risk-scoring';
import { riskErrors } from './risk.errors';
import type { ExistingRisk, RiskState } from './risk.state';

/*
 * Small checks the risk deciders share. The calendar-date and money-shape checks are generic;
 * they live here because the shared kernel has none yet (candidates for shared/).
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
  const role = RISK_AUTHORITY_PREFERENCE.find((r) => actor.roles.includes(r)) ?? actor.roles[0];
  if (role === undefined) throw riskErrors.actorHasNoRole(actor.sub);
  return role;
}

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw riskErrors.fieldRequired(field);
  return value;
}

export function requireReason(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw riskErrors.reasonRequired();
  return value;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

export function requireCalendarDate(value: unknown, field: string): string {
  if (!isCalendarDate(value)) throw riskErrors.invalidCalendarDate(field, value);
  return value;
}

/** The calendar day (UTC) of an ISO 8601 timestamp such as `meta.effectiveAt`. */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

const CURRENCY = /^[A-Z]{3}$/;

/**
 * Money as DOMAIN.md principle 5 wants it: integer minor units, ISO 4217 code. `positive` refuses
 * zero (amounts that are moved, such as a draw); otherwise zero is allowed (an estimate).
 */
export function requireMoney(value: Money | undefined, field: string, positive = false): Money {
  if (value === undefined || value === null) throw riskErrors.fieldRequired(field);
  if (typeof value.currency !== 'string' || !CURRENCY.test(value.currency)) {
    throw riskErrors.invalidMoney(field, 'currency must be an ISO 4217 code such as EUR');
  }
  const { amount } = value;
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_RISK_COST_MINOR_UNITS) {
    throw riskErrors.invalidMoney(field, 'amount must be a whole number of minor units ≥ 0');
  }
  if (positive && amount === 0) throw riskErrors.invalidMoney(field, 'amount must be above 0');
  return { amount, currency: value.currency };
}
