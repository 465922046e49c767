import type { JsonSchema } from './json-schema';
import { PUBLIC_EVENT_TYPES, type PublicEventType } from './public-event-types';
import { CLOUD_EVENT_ENVELOPE_SCHEMA, PUBLIC_EVENT_SCHEMAS } from './schema-registry';

export type AsyncApiDocument = { readonly asyncapi: '3.0.0' } & Readonly<Record<string, unknown>>;

/** `com.delivery-ledger.project.scope-changed.v1` → `project.scope-changed.v1` (a component key). */
function keyOf(type: PublicEventType): string {
  return type.replace(/^com\.delivery-ledger\./, '');
}

/** A schema file as an AsyncAPI component: its `$schema`/`$id` are the file's, not the document's. */
function asComponent(schema: JsonSchema): JsonSchema {
  const component: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword !== '$schema' && keyword !== '$id') component[keyword] = value;
  }
  return component;
}

const WEBHOOK_HEADERS: JsonSchema = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': {
      type: 'string',
      description: 'The CloudEvent id: the same on every retry, so a receiver can deduplicate.',
    },
    'webhook-timestamp': {
      type: 'string',
      pattern: '^[0-9]+$',
      description: 'Unix seconds of this attempt; refuse values far from your clock (replays).',
    },
    'webhook-signature': {
      type: 'string',
      description:
        'Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` ' +
        'with the subscription secret (Standard Webhooks).',
    },
  },
};

/**
 * The AsyncAPI 3.0 document of the public contract: one message per public event type (its
 * payload the CloudEvents envelope with the type's data schema), received on the SSE feed
 * (`/api/feed`) and sent to each webhook subscriber's URL with Standard Webhooks headers. Built
 * from the schema registry, so a new type is described as soon as its schema is registered.
 */
export function buildAsyncApiDocument(version = '1.0.0'): AsyncApiDocument {
  const schemas: Record<string, unknown> = { CloudEvent: asComponent(CLOUD_EVENT_ENVELOPE_SCHEMA) };
  const messages: Record<string, unknown> = {};
  const feedMessages: Record<string, unknown> = {};
  const webhookMessages: Record<string, unknown> = {};
  for (const type of PUBLIC_EVENT_TYPES) {
    const key = keyOf(type);
    const schema = PUBLIC_EVENT_SCHEMAS[type];
    schemas[key] = asComponent(schema);
    const payload = {
      allOf: [
        { $ref: '#/components/schemas/CloudEvent' },
        {
          type: 'object',
          properties: {
            type: { const: type },
            dataschema: { const: schema['$id'] },
            data: { $ref: `#/components/schemas/${key}` },
          },
        },
      ],
    };
    const description = typeof schema['description'] === 'string' ? schema['description'] : type;
    messages[key] = {
      name: type,
      title: type,
      summary: description,
      contentType: 'application/cloudevents+json',
      payload,
    };
    messages[`${key}.webhook`] = {
      name: type,
      title: `${type} (webhook delivery)`,
      summary: description,
      contentType: 'application/cloudevents+json',
      headers: { $ref: '#/components/schemas/StandardWebhookHeaders' },
      payload,
    };
    feedMessages[key] = { $ref: `#/components/messages/${key}` };
    webhookMessages[key] = { $ref: `#/components/messages/${key}.webhook` };
  }
  schemas['StandardWebhookHeaders'] = WEBHOOK_HEADERS;
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'delivery-ledger public events',
      version,
      description:
        'Every public fact of the delivery as a CloudEvents 1.0 JSON event. `sequence` is the log ' +
        'position (resume after it), `eventhash` the stored event hash (verifiable against the ' +
        'log), `programid` the program the event belongs to. Published schemas never change: ' +
        'a new shape is a new `.vN` type.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels: {
      feed: {
        address: '/api/feed',
        title: 'Server-Sent Events feed',
        description:
          'GET with a bearer token (role integration), program-scoped. Each SSE `id:` is the ' +
          'event `sequence`; resume with `Last-Event-ID` or `?after=`.',
        messages: feedMessages,
      },
      webhook: {
        address: '{subscriberUrl}',
        title: 'Webhook deliveries',
        description:
          'POST to the URL a webhook subscription names, in log order, at least once, signed ' +
          'per Standard Webhooks.',
        parameters: { subscriberUrl: { description: 'The URL the subscription names.' } },
        messages: webhookMessages,
      },
    },
    operations: {
      receiveFeed: {
        action: 'receive',
        channel: { $ref: '#/channels/feed' },
        summary: 'Follow the public events from a position.',
        messages: PUBLIC_EVENT_TYPES.map((type) => ({
          $ref: `#/channels/feed/messages/${keyOf(type)}`,
        })),
      },
      deliverWebhook: {
        action: 'send',
        channel: { $ref: '#/channels/webhook' },
        summary: "Deliver the subscribed public events to a subscriber's URL.",
        messages: PUBLIC_EVENT_TYPES.map((type) => ({
          $ref: `#/channels/webhook/messages/${keyOf(type)}`,
        })),
      },
    },
    components: { schemas, messages },
  };
}
