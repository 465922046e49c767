import type { Actor, Role } from '../shared';
import { handoverReceivingRole } from './handover-roles';
import { handoverErrors } from './handover.errors';
import type { ExistingHandover, HandoverItemState, HandoverState } from './handover.state';

/*
 * Checks (and the event ids) the handover deciders share. Text and calendar-date checks come from
 * the shared kernel (`isText`, `requireText`, `requireReason`, `isCalendarDate`).
 */

export type OpenHandover = Extract<ExistingHandover, { status: 'open' }>;

/** The ids every event about an existing handover starts with. */
export const handoverRef = ({ handoverId, projectId, kind }: OpenHandover) => ({
  handoverId,
  projectId,
  kind,
});

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

/** The receiving side accepts or rejects only an item whose evidence awaits review. */
export function requireSubmittedItem(handover: OpenHandover, itemId: string): HandoverItemState {
  const item = requireItem(handover, itemId);
  if (item.status === 'accepted') throw handoverErrors.itemAlreadyAccepted(item.id);
  if (item.status !== 'submitted') throw handoverErrors.itemNotSubmitted(item.id);
  return item;
}
