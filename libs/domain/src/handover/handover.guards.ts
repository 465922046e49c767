import type { Actor, Role } from '../shared';
import { handoverReceivingRole } from './handover-roles';
import { handoverErrors } from './handover.errors';
import type { ExistingHandover, HandoverItemState, HandoverState } from './handover.state';

/*
 * Checks the handover deciders share. The text and calendar-date checks are generic; they live
 * here because the shared kernel has none yet (candidates for shared/).
 */

export type OpenHandover = Extract<ExistingHandover, { status: 'open' }>;

/** Any change needs a handover that exists and is not decided yet. */
export function requireOpen(state: HandoverState): OpenHandover {
  if (state.status === 'absent') throw handoverErrors.notFound();
  if (state.status !== 'open') throw handoverErrors.final(state.handoverId, state.status);
  return state;
}

/**
 * Only the receiving side decides (DOMAIN.md): the actor must hold the receiving role (admin is
 * not enough) and must not be the sender who initiated it. Returns the authority to record.
 */
export function requireReceivingSide(handover: OpenHandover, actor: Actor): Role {
  const receivingRole = handoverReceivingRole(handover.kind);
  if (!actor.roles.includes(receivingRole)) {
    throw handoverErrors.onlyReceivingSideMayApprove(handover.kind, receivingRole);
  }
  if (actor.sub === handover.initiatedBy) throw handoverErrors.senderCannotApprove(actor.sub);
  return receivingRole;
}

export function requireItem(handover: OpenHandover, itemId: string): HandoverItemState {
  const item = handover.items.find((candidate) => candidate.id === itemId);
  if (item === undefined) throw handoverErrors.itemNotFound(itemId);
  return item;
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function requireText(value: unknown, field: string): string {
  if (!isText(value)) throw handoverErrors.fieldRequired(field);
  return value;
}

export function requireReason(value: unknown): string {
  if (!isText(value)) throw handoverErrors.reasonRequired();
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

/** The calendar day (UTC) of an ISO 8601 timestamp such as `meta.effectiveAt`. */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}
