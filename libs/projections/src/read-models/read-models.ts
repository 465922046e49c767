import type { Projection } from '../projection';
import type { ReadRoute } from '../read-route';
import { acceptanceTrackerProjection } from './acceptance-tracker/acceptance-tracker.projection';
import { ACCEPTANCE_TRACKER_ROUTES } from './acceptance-tracker/acceptance-tracker.read-routes';
import { capaLogProjection } from './capa-log/capa-log.projection';
import { CAPA_LOG_ROUTES } from './capa-log/capa-log.read-routes';
import { decisionRegisterProjection } from './decision-register/decision-register.projection';
import { DECISION_REGISTER_ROUTES } from './decision-register/decision-register.read-routes';
import { complaintLogProjection } from './complaint-log/complaint-log.projection';
import { COMPLAINT_LOG_ROUTES } from './complaint-log/complaint-log.read-routes';
import { handoverReadinessProjection } from './handover-readiness/handover-readiness.projection';
import { HANDOVER_READINESS_ROUTES } from './handover-readiness/handover-readiness.read-routes';
import { safetyRegisterProjection } from './safety-register/safety-register.projection';
import { SAFETY_REGISTER_ROUTES } from './safety-register/safety-register.read-routes';
import { contractComplianceProjection } from './contract-compliance/contract-compliance.projection';
import { CONTRACT_COMPLIANCE_ROUTES } from './contract-compliance/contract-compliance.read-routes';
import { cssqHistoryProjection } from './cssq-history/cssq-history.projection';
import { CSSQ_HISTORY_ROUTES } from './cssq-history/cssq-history.read-routes';
import { portfolioProgramProjection } from './portfolio-program/portfolio-program.projection';
import { PORTFOLIO_PROGRAM_ROUTES } from './portfolio-program/portfolio-program.read-routes';
import { projectSummaryProjection } from './project-summary/project-summary.projection';
import { PROJECT_SUMMARY_ROUTES } from './project-summary/project-summary.read-routes';
import { riskRegisterProjection } from './risk-register/risk-register.projection';
import { RISK_REGISTER_ROUTES } from './risk-register/risk-register.read-routes';

/**
 * Every read model the product serves, in the order the engine runs them. The api (embedded),
 * apps/projector (production), `ledger rebuild` and the benchmarks all take them from here.
 */
export const READ_MODELS: readonly Projection[] = [
  projectSummaryProjection,
  portfolioProgramProjection,
  cssqHistoryProjection,
  contractComplianceProjection,
  riskRegisterProjection,
  handoverReadinessProjection,
  acceptanceTrackerProjection,
  complaintLogProjection,
  capaLogProjection,
  safetyRegisterProjection,
  decisionRegisterProjection,
];

/**
 * Every HTTP read route, declared in its read model's folder, in the order the api registers
 * them (and the OpenAPI document lists them): the api builds one controller per route, and
 * derives each route's documented answer schema from it.
 */
export const READ_ROUTES: readonly ReadRoute[] = [
  ...PROJECT_SUMMARY_ROUTES,
  ...PORTFOLIO_PROGRAM_ROUTES,
  ...CSSQ_HISTORY_ROUTES,
  ...CONTRACT_COMPLIANCE_ROUTES,
  ...RISK_REGISTER_ROUTES,
  ...HANDOVER_READINESS_ROUTES,
  ...ACCEPTANCE_TRACKER_ROUTES,
  ...COMPLAINT_LOG_ROUTES,
  ...CAPA_LOG_ROUTES,
  ...SAFETY_REGISTER_ROUTES,
  ...DECISION_REGISTER_ROUTES,
];
