import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AuthModule,
  EventStoreModule,
  HealthModule,
  pinoLoggerModule,
  ProblemDetailsFilter,
  ProjectorModule,
  RateLimitModule,
  ReadStoreModule,
  WalCheckpointsModule,
  validateEnvironment,
} from '@ledger/runtime';
import { CommandsModule } from './commands/commands.module';
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
import { IntegrationModule } from './integration/integration.module';
import { EvidenceExportsModule } from './audit-exports/evidence-exports.module';
import { AuditProofsModule } from './audit/audit-proofs.module';
import { AuditReplayModule } from './audit/audit-replay.module';

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
        pinoLoggerModule(),
        CqrsModule.forRoot(),
        EventStoreModule,
        CommandsModule,
        // Load shedding (issue 9): its guard runs before the AuthGuard, so requests with a bad
        // token or none are counted too (per address); over RATE_LIMIT_PER_MINUTE, 429.
        RateLimitModule,
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
        ReadStoreModule,
        // The WAL checkpoints of events.sqlite and read.sqlite, off the commands' event loop.
        WalCheckpointsModule,
        ReadSideModule,
        IntegrationModule,
        EvidenceExportsModule,
        AuditProofsModule,
        AuditReplayModule,
        // Embedded mode writes the read models here; PROJECTOR=external leaves it to apps/projector.
        ...(validateEnvironment(process.env).PROJECTOR === 'in-process' ? [ProjectorModule] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
