import type { Projection } from '../projection';
import type { ReadRoute } from '../read-route';
import { acceptanceTrackerProjection } from './acceptance-tracker/acceptance-tracker.projection';
import { capaLogProjection } from './capa-log/capa-log.projection';
import { decisionRegisterProjection } from './decision-register/decision-register.projection';
import { complaintLogProjection } from './complaint-log/complaint-log.projection';
import { handoverReadinessProjection } from './handover-readiness/handover-readiness.projection';
import { safetyRegisterProjection } from './safety-register/safety-register.projection';
import { contractComplianceProjection } from './contract-compliance/contract-compliance.projection';
import { cssqHistoryProjection } from './cssq-history/cssq-history.projection';
import { CSSQ_HISTORY_ROUTES } from './cssq-history/cssq-history.read-routes';
import { portfolioProgramProjection } from './portfolio-program/portfolio-program.projection';
import { projectSummaryProjection } from './project-summary/project-summary.projection';
import { riskRegisterProjection } from './risk-register/risk-register.projection';

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
export const READ_ROUTES: readonly ReadRoute[] = [...CSSQ_HISTORY_ROUTES];
