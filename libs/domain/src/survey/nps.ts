/**
 * Customer-satisfaction arithmetic (DOMAIN.md: NPS = % scoring 9–10 minus % scoring 0–6).
 * Computed with integers and rounded once, so the same responses always give the same figure.
 */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export const isNpsScore = (score: number): boolean =>
  Number.isInteger(score) && score >= 0 && score <= 10;
export const isCsatScore = (score: number): boolean =>
  Number.isInteger(score) && score >= 1 && score <= 5;

/** 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsCategory(score: number): NpsCategory {
  if (!isNpsScore(score)) throw new RangeError(`an NPS score is a whole number 0–10, got ${score}`);
  if (score >= 9) return 'promoter';
  return score >= 7 ? 'passive' : 'detractor';
}

/** numerator / denominator rounded to the nearest integer, halves away from zero; never -0. */
function roundedQuotient(numerator: number, denominator: number): number {
  const magnitude = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * Net Promoter Score from −100 to +100: 100 × (promoters − detractors) / responses, rounded to a
 * whole number, halves away from zero (12.5 → 13, −12.5 → −13), as NPS is customarily reported.
 * Null with no responses.
 */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const categories = scores.map(npsCategory);
  const promoters = categories.filter((category) => category === 'promoter').length;
  const detractors = categories.filter((category) => category === 'detractor').length;
  return roundedQuotient(100 * (promoters - detractors), scores.length);
}

/** Mean CSAT (1–5) rounded to 2 decimals, halves up (4.665 → 4.67). Null with no responses. */
export function csatAverage(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const invalid = scores.find((score) => !isCsatScore(score));
  if (invalid !== undefined) {
    throw new RangeError(`a CSAT score is a whole number 1–5, got ${invalid}`);
  }
  const sum = scores.reduce((total, score) => total + score, 0);
  return roundedQuotient(100 * sum, scores.length) / 100;
}
