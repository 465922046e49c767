import type { Actor, CommandMeta } from '../shared';
import type { BaselineContent, CssqImpact } from './baseline';
import type { ChangeRequestCategory } from './change-request.events';
import type { ProjectEvent } from './project.events';

/** Shared given-events and callers for the project specs (test-only; nothing imports it at runtime). */
const at = (actor: Actor): CommandMeta => ({
  actor,
  now: '2026-03-02T09:00:00.000Z',
  effectiveAt: '2026-03-02T09:00:00.000Z',
});
/** Carla, the customer project manager. */
export const pm = at({ sub: 'carla', roles: ['project-manager'] });
/** Paula from the PMO. */
export const pmo = at({ sub: 'paula', roles: ['pmo'] });
export const admin = at({ sub: 'ada', roles: ['admin'] });
/** Tom, an engineer on the team without decision authority. */
export const engineer = at({ sub: 'tom', roles: ['sales'] });
/** The ERP integration. */
export const erp = at({ sub: 'erp', roles: ['integration'] });
/** The care lead who approves the Delivery→Care handover. */
export const care = at({ sub: 'cora', roles: ['care'] });

export const projectId = 'prj1';

export const created: ProjectEvent = {
  type: 'ProjectCreated',
  data: { projectId, programId: 'pg1', contractId: 'ct1', name: 'Metro fibre', createdBy: 'paula' },
};

export const originalBaseline: BaselineContent = {
  budget: { amount: 100_000_000, currency: 'EUR' },
  scope: [
    { id: 's1', title: 'Core sites' },
    { id: 's2', title: 'Access sites' },
  ],
  milestones: [
    { id: 'm1', title: 'Core ready', dueOn: '2026-06-30', obligationId: 'ob1' },
    { id: 'm2', title: 'Access ready', dueOn: '2026-12-15', obligationId: null },
  ],
  quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
};

export const baselineEstablished: ProjectEvent = {
  type: 'BaselineEstablished',
  data: {
    projectId,
    version: 1,
    baseline: originalBaseline,
    establishedBy: 'carla',
    authority: 'project-manager',
  },
};

export const handoverRecorded = (
  kind: 'sell-to-execute' | 'delivery-to-care',
  outcome: 'approved' | 'conditionally-approved' = 'approved',
): ProjectEvent => ({
  type: 'HandoverOutcomeRecorded',
  data: { projectId, handoverId: `h-${kind}`, kind, outcome, recordedBy: 'system' },
});

export const executing: ProjectEvent[] = [
  created,
  baselineEstablished,
  handoverRecorded('sell-to-execute'),
];

export const periodOpened = (
  periodId = 'p1',
  startsOn = '2026-03-01',
  endsOn = '2026-03-31',
): ProjectEvent => ({
  type: 'ReportingPeriodOpened',
  data: { projectId, periodId, startsOn, endsOn, openedBy: 'carla' },
});

export const crRaised = (
  changeRequestId = 'cr1',
  categories: ChangeRequestCategory[] = ['scope', 'cost'],
  requestedBy = 'carla',
): ProjectEvent => ({
  type: 'ChangeRequestRaised',
  data: {
    projectId,
    changeRequestId,
    title: 'Add two sites',
    origin: 'customer',
    categories,
    justification: 'Customer asks for coverage of the new depot',
    requestedBy,
    supersedes: null,
  },
});

export const noImpact: CssqImpact = {
  cost: { impact: 'none' },
  schedule: { impact: 'none' },
  scope: { impact: 'none' },
  quality: { impact: 'none' },
};

export const crAssessed = (
  changeRequestId = 'cr1',
  impact: Partial<CssqImpact> = {},
  { contractual = false, baselineVersion = 1 } = {},
): ProjectEvent => ({
  type: 'ChangeRequestImpactAssessed',
  data: {
    projectId,
    changeRequestId,
    ...noImpact,
    ...impact,
    contractual,
    baselineVersion,
    assessedBy: 'carla',
  },
});

export const crDecided = (
  changeRequestId = 'cr1',
  outcome: 'approved' | 'rejected' | 'deferred' = 'approved',
): ProjectEvent => ({
  type: 'ChangeRequestDecided',
  data: { projectId, changeRequestId, outcome, reason: 'ok', decidedBy: 'paula', authority: 'pmo' },
});

/** The BaselineRevised an approval of a no-impact CR would carry (the content is unchanged). */
export const baselineRevised = (
  changeRequestId = 'cr1',
  version = 2,
  baseline = originalBaseline,
): ProjectEvent => ({
  type: 'BaselineRevised',
  data: { projectId, changeRequestId, version, baseline },
});

/** A CR approved (with no impact), ready to implement. */
export const approvedCr = (changeRequestId = 'cr1', contractual = false): ProjectEvent[] => [
  crRaised(changeRequestId, contractual ? ['contract'] : ['scope']),
  crAssessed(changeRequestId, {}, { contractual }),
  crDecided(changeRequestId, 'approved'),
  baselineRevised(changeRequestId),
];
