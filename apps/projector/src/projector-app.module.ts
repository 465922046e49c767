import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import {
  AuthModule,
  EventStoreModule,
  HealthModule,
  pinoLoggerModule,
  ProblemDetailsFilter,
  ProjectorModule,
  ReadStoreModule,
  WalCheckpointsModule,
  validateEnvironment,
} from '@ledger/runtime';

/**
 * apps/projector: the production writer of the read models, as its own process (issue 4). It
 * follows the event log from its checkpoints into the read store and serves only operations:
 * GET /health (event store, read store, engine state and positions) and the rebuild routes
 * under /api/admin/read-models (admin role). The api then runs with PROJECTOR=external.
 *
 * It is composed from the api's shell modules (config, logging, auth, stores, health) so both
 * processes validate the same environment and speak the same problem+json.
 */
@Module({})
export class ProjectorAppModule {
  static forEnvironment(): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: validateEnvironment,
        }),
        pinoLoggerModule(),
        EventStoreModule,
        AuthModule,
        ReadStoreModule,
        WalCheckpointsModule,
        ProjectorModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
