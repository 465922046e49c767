import type { CommandMeta } from '../shared';
import type { RiskAssessmentInput } from './risk.commands';
import type {
  RiskAssessed,
  RiskClosed,
  RiskOccurred,
  RiskOwnerAssigned,
  RiskRaised,
  RiskResponsePlanned,
} from './risk.events';
import type { RiskKind } from './risk.vocabulary';

/**
 * Shared givens for the risk decider specs (not exported from the library). Each event keeps its
 * own type, so specs can build variants from its data.
 */

export const meta: CommandMeta = {
  actor: { sub: 'carla', roles: ['project-manager'] },
  now: '2026-03-02T10:00:00.000Z',
  effectiveAt: '2026-03-02T10:00:00.000Z',
};
export const eur = (amount: number) => ({ amount, currency: 'EUR' });
export const ref = { riskId: 'r1', projectId: 'prj1' };

export const raise = {
  type: 'RaiseRisk' as const,
  data: {
    ...ref,
    kind: 'threat' as RiskKind,
    title: 'Late site access',
    cause: 'landlord permits pending',
    event: 'site access slips',
    effect: 'rollout milestone missed, LDs accrue',
    category: 'schedule' as const,
  },
  meta,
};
export const raised: RiskRaised = {
  type: 'RiskRaised',
  data: { ...raise.data, raisedBy: 'carla' },
};
export const opportunityRaised: RiskRaised = {
  type: 'RiskRaised',
  data: { ...raise.data, kind: 'opportunity', title: 'Bulk radio discount', raisedBy: 'carla' },
};
export const ownerAssigned: RiskOwnerAssigned = {
  type: 'RiskOwnerAssigned',
  data: {
    ...ref,
    ownerId: 'olga',
    previousOwnerId: null,
    assignedBy: 'carla',
    authority: 'project-manager',
  },
};
export const responsePlanned: RiskResponsePlanned = {
  type: 'RiskResponsePlanned',
  data: {
    ...ref,
    strategy: 'mitigate',
    description: 'pre-negotiate access windows',
    contingencyReserve: eur(50_000),
    ownerId: 'olga',
    plannedBy: 'carla',
    authority: 'project-manager',
  },
};
export const assessment: RiskAssessmentInput = {
  probability: 4,
  impact: 3,
  costImpact: eur(100_000),
};
export const assessed: RiskAssessed = {
  type: 'RiskAssessed',
  data: {
    ...ref,
    kind: 'threat',
    probability: 4,
    probabilityPercent: 70,
    impact: 3,
    dimensionImpacts: null,
    score: 12,
    costImpact: eur(100_000),
    scheduleDays: null,
    expectedMonetaryValue: eur(-70_000),
    nextReviewOn: null,
    assessedBy: 'carla',
  },
};
export const occurred: RiskOccurred = {
  type: 'RiskOccurred',
  data: {
    ...ref,
    kind: 'threat',
    occurredOn: '2026-03-01',
    description: 'permits refused for 12 sites',
    actualCostImpact: eur(80_000),
    becameIssue: true,
    recordedBy: 'carla',
  },
};
export const closed: RiskClosed = {
  type: 'RiskClosed',
  data: { ...ref, reason: 'expired', note: null, closedBy: 'carla', authority: 'project-manager' },
};
export const assess = (data: RiskAssessmentInput) => ({ type: 'AssessRisk' as const, data, meta });
