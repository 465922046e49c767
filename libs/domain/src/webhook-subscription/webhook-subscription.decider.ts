import { assertNever, type Actor, type Decider } from '../shared';
import {
  webhookSubscriptionAuthority,
  WEBHOOK_DISPATCHER_ACTOR,
} from './webhook-subscription.authority';
import type {
  CreateWebhookSubscription,
  WebhookSubscriptionCommand,
} from './webhook-subscription.commands';
import { webhookSubscriptionErrors } from './webhook-subscription.errors';
import type { WebhookSubscriptionEvent } from './webhook-subscription.events';
import {
  evolveWebhookSubscription,
  initialWebhookSubscriptionState,
  type WebhookSubscriptionState,
} from './webhook-subscription.state';
import { webhookUrlProblem } from './webhook-url';

type LiveSubscription = Extract<WebhookSubscriptionState, { status: 'active' | 'paused' }>;

/** Its owner or an admin; anyone else learns nothing (not-found), as for a deleted one. */
function requireManageable(state: WebhookSubscriptionState, actor: Actor): LiveSubscription {
  if (state.status === 'absent' || state.status === 'deleted') {
    throw webhookSubscriptionErrors.notFound();
  }
  if (state.ownerId !== actor.sub && !actor.roles.includes('admin')) {
    throw webhookSubscriptionErrors.notFound();
  }
  return state;
}

function create(
  command: CreateWebhookSubscription,
  state: WebhookSubscriptionState,
): WebhookSubscriptionEvent[] {
  const { subscriptionId, url, eventTypes, programIds, urlPolicy } = command.data;
  if (state.status !== 'absent') throw webhookSubscriptionErrors.alreadyExists(subscriptionId);
  const authority = webhookSubscriptionAuthority(command.meta.actor);
  const problem = webhookUrlProblem(url, urlPolicy);
  if (problem !== null) throw webhookSubscriptionErrors.invalidUrl(problem);
  if (eventTypes !== 'all' && eventTypes.length === 0) {
    throw webhookSubscriptionErrors.eventTypesRequired();
  }
  if (programIds.length === 0) throw webhookSubscriptionErrors.programsRequired();
  return [
    {
      type: 'WebhookSubscriptionCreated',
      data: {
        subscriptionId,
        url,
        eventTypes: eventTypes === 'all' ? 'all' : [...new Set(eventTypes)],
        programIds: [...new Set(programIds)],
        createdBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideWebhookSubscription(
  command: WebhookSubscriptionCommand,
  state: WebhookSubscriptionState,
): WebhookSubscriptionEvent[] {
  if (command.type === 'CreateWebhookSubscription') return create(command, state);
  const { actor } = command.meta;
  const authority = webhookSubscriptionAuthority(actor);
  const subscription = requireManageable(state, actor);
  const { subscriptionId } = subscription;
  switch (command.type) {
    case 'PauseWebhookSubscription':
    case 'PauseFailingWebhookSubscription': {
      if (subscription.status === 'paused') throw webhookSubscriptionErrors.alreadyPaused();
      const failing = command.type === 'PauseFailingWebhookSubscription';
      if (failing && actor.sub !== WEBHOOK_DISPATCHER_ACTOR.sub) {
        // Only the dispatcher observes failures; a person pauses with a plain request.
        throw webhookSubscriptionErrors.roleRequired(['admin']);
      }
      return [
        {
          type: 'WebhookSubscriptionPaused',
          data: {
            subscriptionId,
            reason: failing ? 'consecutive-failures' : 'requested',
            consecutiveFailures: failing ? command.data.consecutiveFailures : null,
            pausedBy: actor.sub,
            authority,
          },
        },
      ];
    }
    case 'ResumeWebhookSubscription':
      if (subscription.status !== 'paused') throw webhookSubscriptionErrors.notPaused();
      return [
        {
          type: 'WebhookSubscriptionResumed',
          data: { subscriptionId, resumedBy: actor.sub, authority },
        },
      ];
    case 'DeleteWebhookSubscription':
      return [
        {
          type: 'WebhookSubscriptionDeleted',
          data: { subscriptionId, deletedBy: actor.sub, authority },
        },
      ];
    default:
      return assertNever(command);
  }
}

export const webhookSubscriptionDecider: Decider<
  WebhookSubscriptionCommand,
  WebhookSubscriptionState,
  WebhookSubscriptionEvent
> = {
  initialState: initialWebhookSubscriptionState,
  evolve: evolveWebhookSubscription,
  decide: decideWebhookSubscription,
};
