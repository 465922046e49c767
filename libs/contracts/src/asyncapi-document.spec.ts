import { buildAsyncApiDocument } from './asyncapi-document';
import { PUBLIC_EVENT_TYPES } from './public-event-types';
import { newAjv } from './public-schemas.spec-fixtures';

/** Every `$ref` in `value`, with where it was found. */
function refsIn(value: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string'
      ? [{ at, ref: inner }]
      : refsIn(inner, `${at}/${key}`),
  );
}

/** Resolves a local JSON pointer (`#/a/b~1c`), or undefined. */
function resolve(document: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null && Object.hasOwn(node, part)
          ? (node as Record<string, unknown>)[part]
          : undefined,
      document,
    );
}

describe('the AsyncAPI document', () => {
  const document = buildAsyncApiDocument();
  const doc = document as unknown as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    operations: Record<string, { action: string; channel: { $ref: string }; messages: unknown[] }>;
    components: { schemas: Record<string, unknown>; messages: Record<string, unknown> };
  };

  it('is AsyncAPI 3.0.0 with info, channels, operations and components', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.keys(document).sort()).toEqual(
      ['asyncapi', 'channels', 'components', 'defaultContentType', 'info', 'operations'].sort(),
    );
    expect(doc.channels['feed']!.address).toBe('/api/feed');
    expect(doc.operations['receiveFeed']!.action).toBe('receive');
    expect(doc.operations['deliverWebhook']!.action).toBe('send');
  });

  it('every $ref resolves, and only to local components', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(PUBLIC_EVENT_TYPES.length * 4);
    expect(
      refs.filter(({ ref }) => !ref.startsWith('#/') || resolve(document, ref) === undefined),
    ).toEqual([]);
  });

  it('a broken $ref is caught', () => {
    expect(resolve(document, '#/components/messages/no-such-message')).toBeUndefined();
  });

  it('every public type is a message on both channels and in both operations', () => {
    for (const channel of ['feed', 'webhook']) {
      expect(Object.keys(doc.channels[channel]!.messages)).toHaveLength(PUBLIC_EVENT_TYPES.length);
    }
    for (const operation of ['receiveFeed', 'deliverWebhook']) {
      expect(doc.operations[operation]!.messages).toHaveLength(PUBLIC_EVENT_TYPES.length);
    }
    const names = Object.values(doc.components.messages).map((m) => (m as { name: string }).name);
    for (const type of PUBLIC_EVENT_TYPES) {
      expect({ type, times: names.filter((name) => name === type).length }).toEqual({
        type,
        times: 2,
      });
    }
  });

  it('webhook messages carry the Standard Webhooks headers', () => {
    const headers = resolve(document, '#/components/schemas/StandardWebhookHeaders') as {
      required: string[];
    };
    expect(headers.required).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
  });

  it('every component schema compiles (strict ajv)', () => {
    const ajv = newAjv();
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect({ name, ok: ajv.validateSchema(schema as object) }).toEqual({ name, ok: true });
    }
  });
});
