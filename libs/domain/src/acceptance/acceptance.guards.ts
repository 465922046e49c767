import type { CommandMeta, Role } from '../shared';
import {
  calendarDateOf,
  compareCalendarDates,
  isCalendarDate,
  type CalendarDate,
} from '../contract/calendar-date';
import { ACCEPTANCE_AUTHORITIES, acceptanceAuthorityOf } from './acceptance.authority';
import type { AcceptanceCommand } from './acceptance.commands';
import { acceptanceErrors } from './acceptance.errors';
import type { OpenPunchItem } from './acceptance.events';
import type { AcceptanceState, ExistingAcceptance } from './acceptance.state';

/** The checks every acceptance command shares; each throws the rule's DomainError. */

export function requireAcceptance(state: AcceptanceState): ExistingAcceptance {
  if (state.status === 'absent') throw acceptanceErrors.notFound();
  return state;
}

/** An acceptance that can still change: it exists and has no FAC. */
export function requireNotClosed(
  state: AcceptanceState,
): Exclude<ExistingAcceptance, { status: 'finally-accepted' }> {
  const acceptance = requireAcceptance(state);
  if (acceptance.status === 'finally-accepted')
    throw acceptanceErrors.closed(acceptance.acceptanceId);
  return acceptance;
}

export function requireAuthority(meta: CommandMeta, decision: AcceptanceCommand['type']): Role {
  const authority = acceptanceAuthorityOf(meta.actor, decision);
  if (authority === null)
    throw acceptanceErrors.notPermitted(decision, ACCEPTANCE_AUTHORITIES[decision]);
  return authority;
}

export function requireDate(field: string, value: unknown): CalendarDate {
  if (!isCalendarDate(value)) throw acceptanceErrors.invalidDate(field, value);
  return value;
}

/** A date a certificate is issued on: a real date, not after today. */
export function requireIssueDate(meta: CommandMeta, value: unknown): CalendarDate {
  const issuedOn = requireDate('issuedOn', value);
  const today = calendarDateOf(meta.now);
  if (compareCalendarDates(issuedOn, today) > 0)
    throw acceptanceErrors.dateInFuture('issuedOn', issuedOn, today);
  return issuedOn;
}

export function openPunchItems(acceptance: ExistingAcceptance): OpenPunchItem[] {
  return Object.entries(acceptance.punchItems)
    .filter(([, item]) => !item.cleared)
    .map(([itemId, item]) => ({ itemId, severity: item.severity, description: item.description }));
}

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}
