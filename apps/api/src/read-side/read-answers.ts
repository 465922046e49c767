import type { ProjectSummaryView } from '@ledger/projections';
import type { ReadModelStatus } from '@ledger/runtime';

/**
 * The answer of every read route, by the route's OpenAPI operation id: the TypeScript types the
 * controllers return are the one source of their documented schemas.
 * `npm run openapi:answers` derives `read-answers.schema.json` from these types (a spec fails
 * when it is stale), and the OpenAPI document attaches each schema to its route's 200.
 */
export type { AcceptanceTrackerAnswer } from './acceptance-tracker.controller';
export type { CapaLogAnswer } from './capa-log.controller';
export type { ComplaintLogAnswer } from './complaint-log.controller';
export type { ContractComplianceAnswer } from './contract-compliance.controller';
export type { CssqHistoryAnswer } from './cssq-history.controller';
export type { DecisionRegisterAnswer } from './decision-register.controller';
export type { HandoverReadinessAnswer } from './handover-readiness.controller';
export type { ProgramPortfolioAnswer } from './program-portfolio.controller';
export type { ProjectSummaryPage } from './project-summaries.controller';
export type { RiskExposureAnswer } from './risk-exposure.controller';
export type { RiskRegisterAnswer } from './risk-register.controller';
export type { ProgramSafetyAnswer, ProjectSafetyAnswer } from './safety-register.controller';
export type { ReadModelStatus };

/** GET /api/projects/{projectId}: the summary and the position it reflects. */
export type ProjectSummaryAnswer = ProjectSummaryView & { readonly position: number };

/** GET /api/admin/read-models. */
export interface ReadModelList {
  readonly items: readonly ReadModelStatus[];
}

export const READ_ANSWER_TYPES = {
  AcceptanceTrackerController_list: 'AcceptanceTrackerAnswer',
  CapaLogController_list: 'CapaLogAnswer',
  ComplaintLogController_list: 'ComplaintLogAnswer',
  ContractComplianceController_get: 'ContractComplianceAnswer',
  CssqHistoryController_get: 'CssqHistoryAnswer',
  DecisionRegisterController_list: 'DecisionRegisterAnswer',
  HandoverReadinessController_list: 'HandoverReadinessAnswer',
  ProgramPortfolioController_get: 'ProgramPortfolioAnswer',
  ProjectSummariesController_list: 'ProjectSummaryPage',
  ProjectSummariesController_get: 'ProjectSummaryAnswer',
  RiskExposureController_get: 'RiskExposureAnswer',
  RiskRegisterController_list: 'RiskRegisterAnswer',
  SafetyRegisterController_project: 'ProjectSafetyAnswer',
  SafetyRegisterController_program: 'ProgramSafetyAnswer',
  ReadModelsAdminController_list: 'ReadModelList',
  ReadModelsAdminController_get: 'ReadModelStatus',
} as const;
