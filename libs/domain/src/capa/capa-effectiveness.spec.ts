import { evaluateEffectiveness } from './capa-effectiveness';

const criteria = [
  { criterionId: 'c1', description: 'a' },
  { criterionId: 'c2', description: 'b' },
];

describe('evaluateEffectiveness', () => {
  it('is effective only when every criterion is met', () => {
    const met = (criterionId: string, value: boolean) => ({
      criterionId,
      met: value,
      observation: null,
    });
    expect(evaluateEffectiveness(criteria, [met('c1', true), met('c2', true)])).toMatchObject({
      complete: true,
      effective: true,
    });
    expect(evaluateEffectiveness(criteria, [met('c1', true), met('c2', false)])).toMatchObject({
      complete: true,
      effective: false,
    });
  });
  it('reports duplicate results as incomplete', () => {
    const result = { criterionId: 'c1', met: true, observation: null };
    expect(evaluateEffectiveness(criteria, [result, result])).toEqual({
      complete: false,
      unknownCriterionIds: [],
      missingCriterionIds: ['c2'],
      duplicateCriterionIds: ['c1'],
    });
  });
});
