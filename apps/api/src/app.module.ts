import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AuthModule } from './auth/auth.module';
import { CommandsModule } from './commands/commands.module';
import { validateEnvironment, type Environment } from './config/environment';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { correlationIdFrom, CORRELATION_HEADER } from './http/correlation-id';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ProgramsModule } from './programs/programs.module';
import { ContractsModule } from './contracts/contracts.module';
import { AcceptancesModule } from './acceptances/acceptances.module';
import { ProjectsModule } from './projects/projects.module';
import { RisksModule } from './risks/risks.module';
import { HandoversModule } from './handovers/handovers.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { CapasModule } from './capas/capas.module';
import { SafetyModule } from './safety/safety.module';
import { SurveysModule } from './surveys/surveys.module';
import { ReadSideModule } from './read-side/read-side.module';

@Module({})
export class AppModule {
  /**
   * Built when the app is created, not when this file is imported, so the environment it
   * validates is the one in force at start (tests set theirs just before).
   */
  static forEnvironment(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: validateEnvironment,
        }),
        LoggerModule.forRootAsync({
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
        }),
        CqrsModule.forRoot(),
        EventStoreModule,
        CommandsModule,
        AuthModule,
        HealthModule,
        ProgramsModule,
        ContractsModule,
        AcceptancesModule,
        ProjectsModule,
        RisksModule,
        HandoversModule,
        ComplaintsModule,
        CapasModule,
        SafetyModule,
        SurveysModule,
        ReadSideModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
