import {
  requireCalendarDate,
  requireNotAfterToday,
  type CalendarDate,
  type CommandMeta,
  type Role,
} from '../shared';
import { ACCEPTANCE_AUTHORITIES, acceptanceAuthorityOf } from './acceptance.authority';
import type { AcceptanceCommand } from './acceptance.commands';
import { acceptanceErrors } from './acceptance.errors';
import type { OpenPunchItem } from './acceptance.events';
import type { AcceptanceState, ExistingAcceptance } from './acceptance.state';

/**
 * The checks every acceptance command shares; each throws the rule's DomainError. Text and date
 * checks come from the shared kernel (`isBlank`, `requireCalendarDate`).
 */

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

/** A date a certificate is issued on: a real date, not after today. */
export function requireIssueDate(meta: CommandMeta, value: unknown): CalendarDate {
  return requireNotAfterToday('issuedOn', requireCalendarDate('issuedOn', value), meta.now);
}

export function openPunchItems(acceptance: ExistingAcceptance): OpenPunchItem[] {
  return Object.entries(acceptance.punchItems)
    .filter(([, item]) => !item.cleared)
    .map(([itemId, item]) => ({ itemId, severity: item.severity, description: item.description }));
}
