import type { DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Environment } from '../config/environment';

/**
 * Structured JSON logs (pino) for Nest's logger, the lines written outside requests. Request lines
 * (with the correlation id) are RequestLog's, written from Fastify hooks (createHttpApp).
 */
export function pinoLoggerModule(): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<Environment, true>) => ({
      pinoHttp: { level: config.get('LOG_LEVEL', { infer: true }) },
      // No pino-http middleware on any route: it built a child logger per request and Nest's
      // middleware layer ran an AsyncLocalStorage per request for it, all before knowing whether
      // a line would be written (RequestLog does the request lines lazily, in Fastify hooks).
      forRoutes: [],
    }),
  });
}
