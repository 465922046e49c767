import { deciderSpec } from '@ledger/testing';
import { riskDecider } from './index';
import {
  assess,
  assessed,
  assessment,
  responsePlanned,
  eur,
  meta,
  occurred,
  opportunityRaised,
  ownerAssigned,
  raised,
} from './risk.spec-fixtures';

const spec = deciderSpec(riskDecider);

describe('Risk decider: assessment', () => {
  describe('AssessRisk', () => {
    it('computes score and a negative EMV exposure for a threat', () => {
      spec.given([raised]).when(assess(assessment)).then([assessed]);
    });
    it('computes a positive EMV for an opportunity', () => {
      spec
        .given([opportunityRaised])
        .when(assess({ probability: 2, impact: 5, costImpact: eur(1_000_000) }))
        .thenEvents(([event]) => {
          expect(event?.data).toMatchObject({
            kind: 'opportunity',
            probabilityPercent: 30,
            score: 10,
            expectedMonetaryValue: eur(300_000),
          });
        });
    });
    it('takes the worst dimension as the overall impact and keeps the dimensions', () => {
      spec
        .given([raised])
        .when(
          assess({
            probability: 3,
            dimensionImpacts: { cost: 2, schedule: 5, quality: 1 },
            costImpact: eur(10_000),
            scheduleDays: 20,
            nextReviewOn: '2026-04-01',
          }),
        )
        .thenEvents(([event]) => {
          expect(event?.data).toMatchObject({
            impact: 5,
            dimensionImpacts: { cost: 2, schedule: 5, quality: 1 },
            score: 15,
            scheduleDays: 20,
            expectedMonetaryValue: eur(-5_000),
            nextReviewOn: '2026-04-01',
          });
        });
    });
    it('accepts an overall impact that agrees with the worst dimension', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, impact: 3, dimensionImpacts: { scope: 3, cost: 1 } }))
        .thenEvents(([event]) => expect(event?.data).toMatchObject({ impact: 3, score: 12 }));
    });
    it('refuses an overall impact that contradicts the dimensions (it is computed)', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, impact: 2, dimensionImpacts: { schedule: 4 } }))
        .thenFails('impact-contradicts-dimensions');
    });
    it('needs an impact, overall or per dimension', () => {
      spec
        .given([raised])
        .when(assess({ probability: 3, dimensionImpacts: {}, costImpact: eur(1) }))
        .thenFails('impact-required');
    });
    it('keeps probability on the 1–5 scale', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, probability: 6 }))
        .thenFails('probability-out-of-range');
    });
    it('keeps impacts on the 1–5 scale', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, impact: 0 }))
        .thenFails('impact-out-of-range');
      spec
        .given([raised])
        .when(assess({ ...assessment, impact: undefined, dimensionImpacts: { cost: 2.5 } }))
        .thenFails('impact-out-of-range');
    });
    it('knows only the cost, schedule, scope and quality dimensions', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, dimensionImpacts: { morale: 3 } as never }))
        .thenFails('impact-dimension-unknown');
    });
    it('refuses a negative or fractional cost impact', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, costImpact: eur(-1) }))
        .thenFails('invalid-money');
      spec
        .given([raised])
        .when(assess({ ...assessment, costImpact: eur(10.5) }))
        .thenFails('invalid-money');
    });
    it('refuses a negative schedule impact', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, scheduleDays: -3 }))
        .thenFails('schedule-days-invalid');
    });
    it('refuses a review date that is not a calendar date', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, nextReviewOn: '2026-02-30' }))
        .thenFails('invalid-calendar-date');
    });
    it('refuses a next review before the assessment', () => {
      spec
        .given([raised])
        .when(assess({ ...assessment, nextReviewOn: '2026-03-01' }))
        .thenFails('review-date-in-past');
    });
    it('refuses to assess a risk that does not exist', () => {
      spec.given([]).when(assess(assessment)).thenFails('risk-not-found');
    });
    it('refuses to reassess the probability of a risk that has occurred', () => {
      spec.given([raised, occurred]).when(assess(assessment)).thenFails('risk-already-occurred');
    });
  });

  describe('AssessResidualRisk', () => {
    const residual = {
      type: 'AssessResidualRisk' as const,
      data: { probability: 2, impact: 3, costImpact: eur(100_000) },
      meta,
    };
    it('records the residual risk after the response, keeping the inherent one', () => {
      const history = [raised, assessed, ownerAssigned, responsePlanned];
      spec
        .given(history)
        .when(residual)
        .thenEvents((events) => {
          expect(events).toEqual([
            {
              type: 'ResidualRiskAssessed',
              data: {
                ...assessed.data,
                probability: 2,
                probabilityPercent: 30,
                score: 6,
                expectedMonetaryValue: eur(-30_000),
              },
            },
          ]);
          const state = [...history, ...events].reduce(
            riskDecider.evolve,
            riskDecider.initialState,
          );
          expect(state).toMatchObject({ inherent: { score: 12 }, residual: { score: 6 } });
        });
    });
    it('needs an inherent assessment first', () => {
      spec
        .given([raised, ownerAssigned, responsePlanned])
        .when(residual)
        .thenFails('inherent-assessment-required');
    });
    it('needs a planned response first', () => {
      spec.given([raised, assessed]).when(residual).thenFails('response-not-planned');
    });
  });
});
