import type { ProjectSummaryView } from '@ledger/projections';
import type { ReadModelStatus } from '@ledger/runtime';

/**
 * The answer of every read route, by the route's OpenAPI operation id: the TypeScript types the
 * controllers return (declared beside each read model's query in @ledger/projections) are the
 * one source of their documented schemas.
 * `npm run openapi:answers` derives `read-answers.schema.json` from these types (a spec fails
 * when it is stale), and the OpenAPI document attaches each schema to its route's 200.
 */
export type {
  AcceptanceTrackerAnswer,
  CapaLogAnswer,
  ComplaintLogAnswer,
  ContractComplianceAnswer,
  CssqHistoryAnswer,
  DecisionRegisterAnswer,
  HandoverReadinessAnswer,
  ProgramPortfolioAnswer,
  ProgramSafetyAnswer,
  ProjectSafetyAnswer,
  ProjectSummaryPage,
  RiskExposureAnswer,
  RiskRegisterAnswer,
} from '@ledger/projections';
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
