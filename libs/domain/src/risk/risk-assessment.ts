import { datePartOf, type CommandMeta } from '../shared';
import type { RiskAssessmentInput } from './risk.commands';
import { riskErrors } from './risk.errors';
import type { RiskAssessmentData } from './risk.events';
import { requireCalendarDate, requireMoney } from './risk.guards';
import type { ExistingRisk } from './risk.state';
import {
  RISK_IMPACT_DIMENSIONS,
  isRiskScale,
  overallImpact,
  scoreRisk,
  type DimensionImpacts,
  type RiskImpactDimension,
  type RiskScale,
} from './risk-scoring';

/**
 * Turns an assessment command (inherent or residual, same shape) into the event data: checks
 * every input, then computes impact, score and EMV with risk-scoring.ts.
 */
export function assessmentFrom(
  input: RiskAssessmentInput,
  risk: ExistingRisk,
  meta: CommandMeta,
): RiskAssessmentData {
  if (!isRiskScale(input.probability)) throw riskErrors.probabilityOutOfRange(input.probability);
  const probability = input.probability;
  const dimensionImpacts = dimensionImpactsFrom(input.dimensionImpacts);
  const impact = impactFrom(input.impact, dimensionImpacts);
  const costImpact = requireMoney(input.costImpact, 'costImpact');
  const scheduleDays = scheduleDaysFrom(input.scheduleDays);
  const nextReviewOn = nextReviewFrom(input.nextReviewOn, datePartOf(meta.effectiveAt));
  const { probabilityPercent, score, expectedMonetaryValue } = scoreRisk(risk.kind, {
    probability,
    impact,
    costImpact,
  });
  return {
    riskId: risk.riskId,
    projectId: risk.projectId,
    kind: risk.kind,
    probability,
    probabilityPercent,
    impact,
    dimensionImpacts,
    score,
    costImpact,
    scheduleDays,
    expectedMonetaryValue,
    nextReviewOn,
    assessedBy: meta.actor.sub,
  };
}

/** The dimensions given, in canonical order; null when none is given. */
function dimensionImpactsFrom(
  given: Partial<Record<string, unknown>> | undefined,
): DimensionImpacts | null {
  if (given === undefined || given === null) return null;
  const known: readonly string[] = RISK_IMPACT_DIMENSIONS;
  const unknown = Object.keys(given).find((key) => !known.includes(key));
  if (unknown !== undefined) throw riskErrors.impactDimensionUnknown(unknown, known);
  const impacts: Partial<Record<RiskImpactDimension, RiskScale>> = {};
  for (const dimension of RISK_IMPACT_DIMENSIONS) {
    const value = given[dimension];
    if (value === undefined) continue;
    if (!isRiskScale(value))
      throw riskErrors.impactOutOfRange(`dimensionImpacts.${dimension}`, value);
    impacts[dimension] = value;
  }
  return Object.keys(impacts).length === 0 ? null : impacts;
}

/** As given, or the worst dimension; both given must agree (the overall is never typed in). */
function impactFrom(given: number | undefined, dimensions: DimensionImpacts | null): RiskScale {
  const worst = dimensions === null ? null : overallImpact(dimensions);
  if (given === undefined || given === null) {
    if (worst === null) throw riskErrors.impactRequired();
    return worst;
  }
  if (!isRiskScale(given)) throw riskErrors.impactOutOfRange('impact', given);
  if (worst !== null && given !== worst) throw riskErrors.impactContradictsDimensions(given, worst);
  return given;
}

function scheduleDaysFrom(given: number | undefined): number | null {
  if (given === undefined || given === null) return null;
  if (!Number.isSafeInteger(given) || given < 0) throw riskErrors.scheduleDaysInvalid(given);
  return given;
}

function nextReviewFrom(given: string | undefined, assessedOn: string): string | null {
  if (given === undefined || given === null) return null;
  const nextReviewOn = requireCalendarDate('nextReviewOn', given);
  if (nextReviewOn < assessedOn) throw riskErrors.reviewDateInPast(nextReviewOn, assessedOn);
  return nextReviewOn;
}
