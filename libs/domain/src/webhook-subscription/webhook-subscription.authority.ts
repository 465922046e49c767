import { requireGrantingRole, type Actor, type Role } from '../shared';
import { webhookSubscriptionErrors } from './webhook-subscription.errors';

/** Who may manage webhook subscriptions: downstream systems' tokens, and admins. */
export const WEBHOOK_SUBSCRIPTION_ROLES = [
  'integration',
  'admin',
] as const satisfies readonly Role[];

export function webhookSubscriptionAuthority(actor: Actor): Role {
  return requireGrantingRole(
    actor,
    WEBHOOK_SUBSCRIPTION_ROLES,
    webhookSubscriptionErrors.roleRequired,
  );
}

/**
 * The webhook dispatcher, when it pauses a failing subscription: recorded as who paused it so the
 * log tells a machine's decision from a person's.
 */
export const WEBHOOK_DISPATCHER_ACTOR: Actor = {
  sub: 'system:webhook-dispatcher',
  roles: ['admin'],
};
