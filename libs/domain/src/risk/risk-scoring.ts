import type { Money } from '../shared';
import type { RiskKind } from './risk.vocabulary';

/**
 * Risk scoring (DOMAIN.md principle 4: computed, never typed in). Pure functions over already
 * validated inputs; the decider validates commands before it calls them.
 *
 * - Probability and impact are on a 1–5 scale.
 * - Impact may be given per dimension (cost, schedule, scope, quality); the overall impact is then
 *   the WORST (maximum) of the dimensions given: a risk is as bad as its worst consequence.
 * - Score = probability × overall impact (1–25).
 * - EMV = probability% × cost impact, where the probability scale maps to the midpoint of its band:
 *   1 → 10 %, 2 → 30 %, 3 → 50 %, 4 → 70 %, 5 → 90 %.
 *   Rounded to integer minor units, half up on the magnitude (2.5 → 3), then signed: NEGATIVE for a
 *   threat (an exposure), POSITIVE for an opportunity. A zero EMV is always +0.
 */

export const RISK_SCALE = [1, 2, 3, 4, 5] as const;
export type RiskScale = (typeof RISK_SCALE)[number];

export function isRiskScale(value: unknown): value is RiskScale {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

export const PROBABILITY_PERCENT = {
  1: 10,
  2: 30,
  3: 50,
  4: 70,
  5: 90,
} as const satisfies Record<RiskScale, number>;

export const RISK_IMPACT_DIMENSIONS = ['cost', 'schedule', 'scope', 'quality'] as const;
export type RiskImpactDimension = (typeof RISK_IMPACT_DIMENSIONS)[number];
export type DimensionImpacts = Partial<Record<RiskImpactDimension, RiskScale>>;

/**
 * The largest cost (in minor units) EMV can be computed for exactly with integer arithmetic
 * (amount × percent stays a safe integer).
 */
export const MAX_RISK_COST_MINOR_UNITS = Math.floor(Number.MAX_SAFE_INTEGER / 100);

export function probabilityPercent(probability: RiskScale): number {
  return PROBABILITY_PERCENT[probability];
}

/** The worst dimension given, or null when none is given. */
export function overallImpact(dimensionImpacts: DimensionImpacts): RiskScale | null {
  let worst: RiskScale | null = null;
  for (const dimension of RISK_IMPACT_DIMENSIONS) {
    const impact = dimensionImpacts[dimension];
    if (impact !== undefined && (worst === null || impact > worst)) worst = impact;
  }
  return worst;
}

export function riskScore(probability: RiskScale, impact: RiskScale): number {
  return probability * impact;
}

export function expectedMonetaryValue(
  kind: RiskKind,
  probability: RiskScale,
  costImpact: Money,
): Money {
  const magnitude = Math.floor((costImpact.amount * probabilityPercent(probability) + 50) / 100);
  const amount = kind === 'threat' && magnitude !== 0 ? -magnitude : magnitude;
  return { amount, currency: costImpact.currency };
}

export interface RiskScoreInput {
  readonly probability: RiskScale;
  readonly impact: RiskScale;
  readonly costImpact: Money;
}

export interface RiskScoreResult {
  readonly probabilityPercent: number;
  readonly score: number;
  readonly expectedMonetaryValue: Money;
}

export function scoreRisk(kind: RiskKind, input: RiskScoreInput): RiskScoreResult {
  return {
    probabilityPercent: probabilityPercent(input.probability),
    score: riskScore(input.probability, input.impact),
    expectedMonetaryValue: expectedMonetaryValue(kind, input.probability, input.costImpact),
  };
}
