import type { EffectivenessCriterion, EffectivenessResult } from './capa.events';

export type EffectivenessEvaluation =
  | {
      readonly complete: true;
      /** One result per criterion, in the order the criteria were defined. */
      readonly results: readonly EffectivenessResult[];
      /** Effective only when every criterion is met. */
      readonly effective: boolean;
    }
  | {
      readonly complete: false;
      readonly unknownCriterionIds: readonly string[];
      readonly missingCriterionIds: readonly string[];
      readonly duplicateCriterionIds: readonly string[];
    };

/** Judges a check against the criteria set before it: every criterion exactly once. */
export function evaluateEffectiveness(
  criteria: readonly EffectivenessCriterion[],
  results: readonly EffectivenessResult[],
): EffectivenessEvaluation {
  const defined = criteria.map((criterion) => criterion.criterionId);
  const given = results.map((result) => result.criterionId);
  const unknownCriterionIds = given.filter((id) => !defined.includes(id));
  const missingCriterionIds = defined.filter((id) => !given.includes(id));
  const duplicateCriterionIds = given.filter((id, index) => given.indexOf(id) !== index);
  if (unknownCriterionIds.length + missingCriterionIds.length + duplicateCriterionIds.length > 0) {
    return { complete: false, unknownCriterionIds, missingCriterionIds, duplicateCriterionIds };
  }
  const ordered = defined.flatMap((id) => results.filter((result) => result.criterionId === id));
  const normalised = ordered.map(({ criterionId, met, observation }) => ({
    criterionId,
    met,
    observation,
  }));
  return {
    complete: true,
    results: normalised,
    effective: normalised.every((result) => result.met),
  };
}
