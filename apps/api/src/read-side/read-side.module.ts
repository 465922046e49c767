import { Module } from '@nestjs/common';
import { ContractComplianceController } from './contract-compliance.controller';
import { CssqHistoryController } from './cssq-history.controller';
import { ProjectSummariesController } from './project-summaries.controller';
import { ReadPositions } from './read-positions.service';
import { RiskExposureController } from './risk-exposure.controller';
import { RiskRegisterController } from './risk-register.controller';

/**
 * The PMO query API over the read models: one controller per read model. It only reads
 * (READ_STORE, READ_PROGRESS from ReadStoreModule); who writes is ProjectorModule, in this
 * process (embedded) or in apps/projector (PROJECTOR=external).
 */
@Module({
  controllers: [
    ProjectSummariesController,
    CssqHistoryController,
    ContractComplianceController,
    RiskRegisterController,
    RiskExposureController,
  ],
  providers: [ReadPositions],
})
export class ReadSideModule {}
