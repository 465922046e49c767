import { commandBuilder, deciderSpec, metaAt } from '@ledger/testing';
import type { Actor } from '../shared';
import {
  WEBHOOK_DISPATCHER_ACTOR,
  webhookSubscriptionDecider,
  webhookSubscriptionStreamId,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionEvent,
} from '.';

const erp: Actor = { sub: 'erp', roles: ['integration'] };
const metaOf = (actor: Actor) => metaAt(actor, '2026-05-01T09:00:00.000Z');
const spec = deciderSpec(webhookSubscriptionDecider);
const subscriptionId = 'whs1';

const cmd = commandBuilder<WebhookSubscriptionCommand>(metaOf(erp));

const createData = {
  subscriptionId,
  url: 'https://erp.example.com/hooks/ledger',
  eventTypes: ['com.delivery-ledger.project.created.v1'],
  programIds: ['prg1'],
  urlPolicy: { allowHttpLoopback: false },
};
const created: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionCreated',
  data: {
    subscriptionId,
    url: createData.url,
    eventTypes: createData.eventTypes,
    programIds: ['prg1'],
    createdBy: 'erp',
    authority: 'integration',
  },
};
const paused: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionPaused',
  data: {
    subscriptionId,
    reason: 'requested',
    consecutiveFailures: null,
    pausedBy: 'erp',
    authority: 'integration',
  },
};
const deleted: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionDeleted',
  data: { subscriptionId, deletedBy: 'erp', authority: 'integration' },
};

describe('webhook subscription decider', () => {
  it('lives in webhook-subscription-<id>', () => {
    expect(webhookSubscriptionStreamId('whs1')).toBe('webhook-subscription-whs1');
  });

  describe('CreateWebhookSubscription', () => {
    it('records who subscribed to what, and never the secret', () => {
      spec.given().when(cmd('CreateWebhookSubscription', createData)).then([created]);
    });

    it('records "all" event types and drops duplicate programs', () => {
      spec
        .given()
        .when(
          cmd('CreateWebhookSubscription', {
            ...createData,
            eventTypes: 'all',
            programIds: ['prg1', 'prg1'],
          }),
        )
        .then([{ ...created, data: { ...created.data, eventTypes: 'all' } }]);
    });

    it('needs the integration or admin role', () => {
      spec
        .given()
        .when(cmd('CreateWebhookSubscription', createData, metaOf({ sub: 'p', roles: ['pmo'] })))
        .thenFails('role-required');
    });

    it.each([
      ['http://erp.example.com/hooks', 'http is refused: use https'],
      ['https://user:pw@erp.example.com/hooks', 'credentials in the URL'],
      ['https://erp.example.com/hooks#x', 'a fragment in the URL'],
      ['ftp://erp.example.com/hooks', 'scheme ftp: is refused: use https'],
      ['erp.example.com/hooks', 'not an absolute URL'],
      ['http://127.0.0.1:9000/hooks', 'http is refused: use https'],
    ])('refuses %s (%s)', (url, reason) => {
      const error = spec
        .given()
        .when(cmd('CreateWebhookSubscription', { ...createData, url }))
        .thenFails('webhook-url-invalid');
      expect(error.details).toEqual({ reason });
    });

    it('accepts http to loopback only where the deployment allows it', () => {
      const url = 'http://127.0.0.1:9000/hooks';
      spec
        .given()
        .when(
          cmd('CreateWebhookSubscription', {
            ...createData,
            url,
            urlPolicy: { allowHttpLoopback: true },
          }),
        )
        .then([{ ...created, data: { ...created.data, url } }]);
      spec
        .given()
        .when(
          cmd('CreateWebhookSubscription', {
            ...createData,
            url: 'http://10.0.0.5/hooks',
            urlPolicy: { allowHttpLoopback: true },
          }),
        )
        .thenFails('webhook-url-invalid');
    });

    it('needs event types and programs', () => {
      spec
        .given()
        .when(cmd('CreateWebhookSubscription', { ...createData, eventTypes: [] }))
        .thenFails('webhook-event-types-required');
      spec
        .given()
        .when(cmd('CreateWebhookSubscription', { ...createData, programIds: [] }))
        .thenFails('webhook-programs-required');
    });

    it('is created once', () => {
      spec
        .given([created])
        .when(cmd('CreateWebhookSubscription', createData))
        .thenFails('webhook-subscription-already-exists');
    });
  });

  describe('pause, resume, delete', () => {
    it('pauses on request and resumes', () => {
      spec.given([created]).when(cmd('PauseWebhookSubscription', {})).then([paused]);
      spec
        .given([created, paused])
        .when(cmd('ResumeWebhookSubscription', {}))
        .then([
          {
            type: 'WebhookSubscriptionResumed',
            data: { subscriptionId, resumedBy: 'erp', authority: 'integration' },
          },
        ]);
    });

    it('refuses to pause a paused one or resume an active one', () => {
      spec
        .given([created, paused])
        .when(cmd('PauseWebhookSubscription', {}))
        .thenFails('webhook-subscription-already-paused');
      spec
        .given([created])
        .when(cmd('ResumeWebhookSubscription', {}))
        .thenFails('webhook-subscription-not-paused');
    });

    it('is paused by the dispatcher after consecutive failures, recorded as the system actor', () => {
      spec
        .given([created])
        .when(
          cmd(
            'PauseFailingWebhookSubscription',
            { consecutiveFailures: 5 },
            metaOf(WEBHOOK_DISPATCHER_ACTOR),
          ),
        )
        .then([
          {
            type: 'WebhookSubscriptionPaused',
            data: {
              subscriptionId,
              reason: 'consecutive-failures',
              consecutiveFailures: 5,
              pausedBy: 'system:webhook-dispatcher',
              authority: 'admin',
            },
          },
        ]);
    });

    it('lets only the dispatcher claim failures', () => {
      spec
        .given([created])
        .when(cmd('PauseFailingWebhookSubscription', { consecutiveFailures: 5 }))
        .thenFails('role-required');
    });

    it('deletes it, after which it is gone', () => {
      spec.given([created, paused]).when(cmd('DeleteWebhookSubscription', {})).then([deleted]);
      spec
        .given([created, deleted])
        .when(cmd('ResumeWebhookSubscription', {}))
        .thenFails('webhook-subscription-not-found');
    });

    it("answers someone else's subscription as not found, and lets an admin manage it", () => {
      const other: Actor = { sub: 'crm', roles: ['integration'] };
      spec
        .given([created])
        .when(cmd('DeleteWebhookSubscription', {}, metaOf(other)))
        .thenFails('webhook-subscription-not-found');
      const admin: Actor = { sub: 'ada', roles: ['admin'] };
      spec
        .given([created])
        .when(cmd('DeleteWebhookSubscription', {}, metaOf(admin)))
        .then([{ ...deleted, data: { subscriptionId, deletedBy: 'ada', authority: 'admin' } }]);
    });

    it('answers a subscription that was never created as not found', () => {
      spec
        .given()
        .when(cmd('PauseWebhookSubscription', {}))
        .thenFails('webhook-subscription-not-found');
    });
  });
});
