import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { validateEnvironment } from '../config/environment';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';
import { acceptOnlyJsonBodies } from './json-body-parser';
import { answerClientError, answerFrameworkError } from './framework-errors';
import { createValidationPipe } from './request-validation';
import { completeOpenApiDocument } from './openapi-document';
import { quietWiring } from '../logging/start-up-logger';
import { logRequests, RequestLog } from '../logging/request-log';

export interface CreateAppOptions {
  /** Buffer Nest's start-up logs until pino is ready (off in tests for quiet output). */
  readonly bufferLogs?: boolean;
}

export interface HttpAppOptions extends CreateAppOptions {
  /** The OpenAPI document's title and description. */
  readonly title: string;
  readonly description: string;
  /**
   * Completes the OpenAPI document once every route is known (the api attaches its read
   * answers' schemas); by default the problem answers and id formats every process shares.
   */
  readonly completeDocument?: (document: OpenAPIObject) => OpenAPIObject;
}

/**
 * Any of our HTTP processes (the api, apps/projector) around its root module, with the same
 * pipeline: body limit, JSON-only parser, validation, correlation ids, pino, OpenAPI at /docs.
 */
export async function createHttpApp(
  rootModule: DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const env = validateEnvironment(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    // Slow-drip bodies (issue 9): headers and body must arrive within REQUEST_TIMEOUT_MS, else
    // Node answers 408 (clientErrorHandler) and closes; checked every second, not Node's 30 s.
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    http: {
      requestTimeout: env.REQUEST_TIMEOUT_MS,
      headersTimeout: env.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(1000, env.REQUEST_TIMEOUT_MS),
    },
    // A socket silent this long is closed (above the 5 s longest read-your-writes wait).
    connectionTimeout: Math.max(2 * env.REQUEST_TIMEOUT_MS, 60_000),
    // Router and connection errors come before Nest's filter: answered as problem+json too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // The correlation id is the request id: one value in logs, events and problem bodies.
    genReqId: (request: IncomingMessage) => {
      const id = correlationIdFrom(request.headers[CORRELATION_HEADER]);
      (request as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  acceptOnlyJsonBodies(fastify);
  logRequests(fastify, new RequestLog(env.LOG_LEVEL));

  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: options.bufferLogs ?? true,
    // Our own JSON parser (acceptOnlyJsonBodies) replaces Nest's.
    bodyParser: false,
  });
  // Route mappings at debug, not info: ~190 lines buried the start-up banner.
  app.useLogger(quietWiring(app.get(Logger)));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(
    'docs',
    app,
    () =>
      (options.completeDocument ?? completeOpenApiDocument)(
        SwaggerModule.createDocument(app, openApi),
      ),
    {
      jsonDocumentUrl: 'docs/openapi.json',
    },
  );
  return app;
}
