import type { Role } from '../shared';

/** Sell→Execute: sales hands a won deal to delivery. Delivery→Care: delivery hands it to support. */
export const HANDOVER_KINDS = ['sell-to-execute', 'delivery-to-care'] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

export function isHandoverKind(value: unknown): value is HandoverKind {
  return (HANDOVER_KINDS as readonly unknown[]).includes(value);
}

/**
 * The one role that may approve (or conditionally approve, or reject) a handover and review its
 * items: the CPM takes Sell→Execute from sales, the care lead takes Delivery→Care from the CPM
 * (DOMAIN.md "only the receiving side approves"). `admin` is deliberately not a receiving role:
 * segregation of duties is not something an administrator overrides.
 */
export function handoverReceivingRole(kind: HandoverKind): Role {
  return kind === 'sell-to-execute' ? 'project-manager' : 'care';
}

/** The roles that may initiate a handover (the sender side), in order of preference. */
export function handoverSendingRoles(kind: HandoverKind): readonly Role[] {
  return kind === 'sell-to-execute' ? ['sales', 'admin'] : ['project-manager'];
}
