import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { completeOpenApiDocument, createHttpApp, type CreateAppOptions } from '@ledger/runtime';
import { AppModule } from './app.module';
import { READ_ANSWER_TYPES } from './read-side/read-answers';
import readAnswerSchemas from './read-side/read-answers.schema.json';

/**
 * Builds the API on Fastify (the faster adapter; command throughput is a headline figure) with
 * everything that must hold for every route: body limit, problem+json errors, validation,
 * correlation ids, OpenAPI. main.ts and the e2e tests both use it, so tests run the real thing.
 */
export interface CreateApiOptions extends CreateAppOptions {
  /** Modules a harness adds to the app (the benchmarks' FrameworkFloorModule); none in main.ts. */
  readonly harnessModules?: readonly Type[];
}

export function createApp(options: CreateApiOptions = {}): Promise<NestFastifyApplication> {
  const { harnessModules = [], ...appOptions } = options;
  const root = AppModule.forEnvironment();
  return createHttpApp(
    harnessModules.length === 0
      ? root
      : { ...root, imports: [...(root.imports ?? []), ...harnessModules] },
    {
      ...appOptions,
      title: 'delivery-ledger',
      description:
        'Event-sourced system of record for customer delivery programs. Errors are RFC 9457 problem+json.',
      completeDocument: (document) =>
        completeOpenApiDocument(document, { types: READ_ANSWER_TYPES, schemas: readAnswerSchemas }),
    },
  );
}
