import type { DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { Environment } from '../config/environment';
import { correlationIdFrom, CORRELATION_HEADER } from '../http/correlation-id';

/** Structured JSON logs (pino) whose every request line carries the correlation id. */
export function pinoLoggerModule(): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<Environment, true>) => ({
      pinoHttp: {
        level: config.get('LOG_LEVEL', { infer: true }),
        // Fastify already chose the request id (the correlation id) and put it on the raw request.
        genReqId: (request: IncomingMessage) =>
          (request as IncomingMessage & { id?: string }).id ??
          correlationIdFrom(request.headers[CORRELATION_HEADER]),
        customAttributeKeys: { reqId: 'correlationId' },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        // Health probes every few seconds would drown the log. Under Nest's middleware layer
        // req.url is relative to the mount point; originalUrl is the path as requested.
        autoLogging: {
          ignore: (request: IncomingMessage & { originalUrl?: string }) =>
            (request.originalUrl ?? request.url) === '/health',
        },
      },
    }),
  });
}
