import { assertNever, type RiskAssessmentData, type RiskEvent } from '@ledger/domain';
import type { JsonObject } from '@ledger/event-store';
import type { PublicFact } from '../public-fact';
import { publicMoney } from './public-values';

function publicAssessment(stage: 'inherent' | 'residual', d: RiskAssessmentData): JsonObject {
  return {
    projectId: d.projectId,
    riskId: d.riskId,
    stage,
    kind: d.kind,
    probability: d.probability,
    probabilityPercent: d.probabilityPercent,
    impact: d.impact,
    score: d.score,
    costImpact: publicMoney(d.costImpact),
    expectedMonetaryValue: publicMoney(d.expectedMonetaryValue),
    scheduleDays: d.scheduleDays,
    nextReviewOn: d.nextReviewOn,
  };
}

/**
 * Risk events → public facts: raised, assessed (inherent and residual, told apart by `stage`),
 * closed. Owners, responses, actions and contingency stay internal (people and internal plans).
 */
export function mapRiskEvent(event: RiskEvent): PublicFact | null {
  const { projectId, riskId } = event.data;
  const owner = { kind: 'project', id: projectId } as const;
  const subject = `projects/${projectId}/risks/${riskId}`;
  switch (event.type) {
    case 'RiskRaised': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.project.risk-raised.v1',
        subject,
        owner,
        data: {
          projectId,
          riskId,
          kind: d.kind,
          title: d.title,
          category: d.category,
          cause: d.cause,
          event: d.event,
          effect: d.effect,
        },
      };
    }
    case 'RiskAssessed':
      return {
        type: 'com.delivery-ledger.project.risk-assessed.v1',
        subject,
        owner,
        data: publicAssessment('inherent', event.data),
      };
    case 'ResidualRiskAssessed':
      return {
        type: 'com.delivery-ledger.project.risk-assessed.v1',
        subject,
        owner,
        data: publicAssessment('residual', event.data),
      };
    case 'RiskClosed':
      return {
        type: 'com.delivery-ledger.project.risk-closed.v1',
        subject,
        owner,
        data: { projectId, riskId, reason: event.data.reason, note: event.data.note },
      };
    case 'RiskOwnerAssigned':
    case 'RiskResponsePlanned':
    case 'ResponseActionAdded':
    case 'ResponseActionUpdated':
    case 'RiskEscalated':
    case 'RiskOccurred':
    case 'ContingencyDrawn':
      return null;
    default:
      return assertNever(event);
  }
}
