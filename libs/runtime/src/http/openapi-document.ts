import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { RESOURCE_ID } from './resource-id';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];
type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

/**
 * The answer schema of each read route: `types` names the schema by OpenAPI operation id,
 * `schemas` holds them (the api derives both from its controllers' answer types).
 */
export interface ReadAnswerSchemas {
  readonly types: Readonly<Record<string, string>>;
  readonly schemas: Readonly<Record<string, unknown>>;
}

const NO_ANSWERS: ReadAnswerSchemas = { types: {}, schemas: {} };

/** The problem+json body every error answers (RFC 9457, with our extensions). */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      description: 'Stable per rule: https://delivery-ledger.dev/problems/<code>; branch on it',
      example: 'https://delivery-ledger.dev/problems/change-request-already-decided',
    },
    title: { type: 'string' },
    status: { type: 'integer', example: 409 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path' },
    correlationId: { type: 'string', description: 'Also in X-Correlation-Id and in the logs' },
    errors: {
      type: 'array',
      description: 'For 400 validation-failed: each field and the rule it broke (at most 50)',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        properties: {
          field: { type: 'string', example: 'items[2].title' },
          rule: { type: 'string', example: 'maxLength' },
          message: { type: 'string' },
        },
      },
    },
    unlistedErrors: { type: 'integer', description: 'How many problems beyond those listed' },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

/** Which errors a route can answer, and why, by what the route is. */
const COMMON_ERRORS: Record<string, string> = {
  '400': 'Bad input (validation-failed with errors[], malformed-json); nothing was written',
  '401': 'Missing, expired or invalid bearer token (unauthenticated)',
  '403':
    'The role may not use this route (role-required) or the program is outside the claim (program-not-in-claim)',
  '429': 'Too many requests from this caller (too-many-requests, with Retry-After)',
};
const PATH_ERRORS: Record<string, string> = {
  '404': 'No such resource (the type names it, e.g. project-not-found)',
};
const COMMAND_ERRORS: Record<string, string> = {
  '409':
    'A concurrent change (concurrency-conflict), or the state already answers the command (e.g. change-request-already-decided)',
  '413': 'The body is over the size limit (payload-too-large)',
  '415': 'The body is not UTF-8 application/json (unsupported-media-type)',
  '422': 'A business rule refused the command (the type names the rule), or idempotency-key-reused',
};
/** A command without a body (e.g. a DELETE) cannot be too large or of the wrong media type. */
function withoutBodyErrors(errors: Record<string, string>): Record<string, string> {
  const { '413': _tooLarge, '415': _mediaType, ...rest } = errors;
  return rest;
}

const READ_ERRORS: Record<string, string> = {
  '503':
    'The read model has not applied minPosition in time (read-model-behind), or the read store does not answer (read-store-unavailable); both with Retry-After',
};

/**
 * Completes what Nest's decorators describe, once for every route, so that a client generated
 * from the document works without reading the code: the problem+json answers each kind of
 * route can give, the answer schema of every read route named in `answers` (the api derives
 * them from its TypeScript types, see apps/api/src/read-side/read-answers.ts), and the id
 * format of every path parameter.
 */
export function completeOpenApiDocument(
  document: OpenAPIObject,
  answers: ReadAnswerSchemas = NO_ANSWERS,
): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, schema] of Object.entries(answers.schemas)) {
    if (name in schemas) throw new Error(`OpenAPI: the answer schema ${name} clashes with a DTO`);
    schemas[name] = schema as Schemas[string];
  }
  schemas.Problem = PROBLEM_SCHEMA as unknown as (typeof schemas)[string];
  document.components.schemas = schemas;

  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of [
      ['get', item.get],
      ['post', item.post],
      ['put', item.put],
      ['patch', item.patch],
      ['delete', item.delete],
    ] as const) {
      if (!operation || !path.startsWith('/api/')) continue;
      describeAnswer(operation, answers);
      const errors = {
        ...COMMON_ERRORS,
        ...(path.includes('{') ? PATH_ERRORS : {}),
        ...(method === 'get'
          ? READ_ERRORS
          : operation.requestBody
            ? COMMAND_ERRORS
            : withoutBodyErrors(COMMAND_ERRORS)),
      };
      for (const [status, description] of Object.entries(errors)) {
        operation.responses[status] ??= {
          description,
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && parameter.name !== 'name') {
          parameter.schema = {
            type: 'string',
            pattern: RESOURCE_ID.source,
            maxLength: 100,
            example: exampleIdFor(parameter.name),
          };
        }
      }
    }
  }
  return document;
}

function describeAnswer(operation: Operation, answers: ReadAnswerSchemas): void {
  const type =
    operation.operationId === undefined ? undefined : answers.types[operation.operationId];
  if (type === undefined) return;
  const responses: Responses = operation.responses;
  const ok = responses['200'] ?? { description: 'The answer' };
  // An example the route gave (@ApiOkResponse({ example })) stays beside the derived schema.
  const example: unknown = 'content' in ok ? ok.content?.['application/json']?.example : undefined;
  responses['200'] = {
    ...ok,
    description: 'The answer, as of the read position also sent in X-Read-Position',
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${type}` },
        ...(example === undefined ? {} : { example }),
      },
    },
  };
}

/** `projectId` → `prj-ran-north-01`: examples a reader recognises, in the id format. */
function exampleIdFor(parameter: string): string {
  const stem = parameter.replace(/Id$/, '');
  return `${stem.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}-7f3a9c`;
}
