import { Module, type Type } from '@nestjs/common';
import { READ_ROUTES } from '@ledger/projections';
import { ReadPositions } from '@ledger/runtime';
import { AcceptanceTrackerController } from './acceptance-tracker.controller';
import { CapaLogController } from './capa-log.controller';
import { ComplaintLogController } from './complaint-log.controller';
import { HandoverReadinessController } from './handover-readiness.controller';
import { SafetyRegisterController } from './safety-register.controller';
import { ContractComplianceController } from './contract-compliance.controller';
import { DecisionRegisterController } from './decision-register.controller';
import { ProgramPortfolioController } from './program-portfolio.controller';
import { ProjectSummariesController } from './project-summaries.controller';
import { ProjectReads } from './project-reads.service';
import { readRouteController } from './read-route.controller';
import { RiskExposureController } from './risk-exposure.controller';
import { RiskRegisterController } from './risk-register.controller';

/** The controllers of the declared read routes of `controller` (migration: in document order). */
const declared = (controller: string): Type<unknown>[] =>
  READ_ROUTES.filter((route) => route.operationId.startsWith(`${controller}_`)).map(
    readRouteController,
  );

/**
 * The PMO query API over the read models: one controller per read model. It only reads
 * (READ_STORE, READ_PROGRESS from ReadStoreModule); who writes is ProjectorModule, in this
 * process (embedded) or in apps/projector (PROJECTOR=external).
 */
@Module({
  controllers: [
    ProjectSummariesController,
    ProgramPortfolioController,
    ...declared('CssqHistoryController'),
    ContractComplianceController,
    RiskRegisterController,
    RiskExposureController,
    HandoverReadinessController,
    AcceptanceTrackerController,
    ComplaintLogController,
    CapaLogController,
    SafetyRegisterController,
    DecisionRegisterController,
  ],
  providers: [ReadPositions, ProjectReads],
})
export class ReadSideModule {}
