import {
  programRiskExposure,
  riskExposure,
  riskRegisterItem,
  sortRiskItems,
} from './risk-exposure';
import type {
  RiskAssessmentEntry,
  RiskRegisterEntry,
  RiskRegisterProject,
} from './risk-register.projection';

const money = (amount: number, currency = 'EUR') => ({ amount, currency });
/** An EMV pair: every figure is money, in its entry's currency. */
const pair = (inherent: number, residual: number, currency = 'EUR') => ({
  inherent: money(inherent, currency),
  residual: money(residual, currency),
});

function assessed(probability: number, impact: number, emv: number, currency = 'EUR') {
  return {
    probability,
    probabilityPercent: probability * 20 - 10,
    impact,
    score: probability * impact,
    costImpact: money(Math.abs(emv) * 2, currency),
    scheduleDays: null,
    expectedMonetaryValue: money(emv, currency),
    assessedBy: 'carla',
    assessedAt: '2025-01-05T00:00:00.000Z',
  } satisfies RiskAssessmentEntry;
}

let raised = 0;
function risk(
  riskId: string,
  projectId: string,
  more: Partial<RiskRegisterEntry>,
): RiskRegisterEntry {
  raised += 1;
  return {
    _id: `risk:${riskId}`,
    position: raised,
    type: 'risk',
    riskId,
    projectId,
    kind: 'threat',
    category: 'technical',
    title: riskId,
    cause: 'c',
    event: 'e',
    effect: 'f',
    raisedBy: 'carla',
    status: 'open',
    closeReason: null,
    ownerId: null,
    response: null,
    contingencyDrawn: null,
    inherent: null,
    residual: null,
    nextReviewOn: null,
    escalation: null,
    actions: [],
    occurrence: null,
    raisedAt: `2025-01-${String(raised).padStart(2, '0')}T00:00:00.000Z`,
    lastEventAt: '2025-02-01T00:00:00.000Z',
    ...more,
  };
}

const action = (actionId: string, dueOn: string, status: string) => ({
  actionId,
  description: actionId,
  ownerId: 'sam',
  dueOn,
  status,
});
const escalation = {
  level: 'program',
  escalatedTo: 'Board',
  reason: 'r',
  escalatedAt: '2025-01-10T00:00:00.000Z',
};

const ASOF = '2025-03-01';
const t1 = risk('t1', 'p1', {
  inherent: assessed(4, 3, -700_000),
  residual: assessed(2, 3, -300_000),
  nextReviewOn: '2025-02-01',
  actions: [
    action('a1', '2025-02-15', 'done'),
    action('a2', '2025-02-20', 'open'),
    action('a3', '2025-03-01', 'in-progress'),
  ],
  response: { strategy: 'mitigate', description: 'd', contingencyReserve: money(200_000) },
  contingencyDrawn: money(80_000),
  escalation,
});
const t2 = risk('t2', 'p1', { inherent: assessed(5, 5, -900_000), nextReviewOn: '2025-03-01' });
const o1 = risk('o1', 'p2', {
  kind: 'opportunity',
  inherent: assessed(3, 2, 250_000),
  residual: assessed(4, 2, 350_000),
});
const t3 = risk('t3', 'p2', {});
const t4 = risk('t4', 'p1', {
  status: 'occurred',
  inherent: assessed(3, 4, -500_000),
  nextReviewOn: '2025-01-15',
  actions: [action('b1', '2025-01-31', 'open')],
});
const t5 = risk('t5', 'p2', {
  status: 'closed',
  closeReason: 'expired',
  inherent: assessed(2, 2, -100_000),
  nextReviewOn: '2025-01-01',
  actions: [action('c1', '2025-01-31', 'open')],
  response: { strategy: 'accept', description: 'd', contingencyReserve: money(100_000) },
  escalation,
});
const t6 = risk('t6', 'p3', { inherent: assessed(1, 1, -10_000, 'USD') });
const all = [t1, t2, o1, t3, t4, t5, t6];

const zeros = () => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
function grid(cells: [number, number][]): number[][] {
  const result = zeros();
  for (const [probability, impact] of cells) result[probability - 1]![impact - 1]! += 1;
  return result;
}

describe('riskExposure', () => {
  const summary = riskExposure(all, ASOF);

  it('counts risks by status, the unassessed open ones and the escalated ones not closed', () => {
    expect(summary.counts).toEqual({
      total: 7,
      open: 5,
      occurred: 1,
      closed: 1,
      unassessed: 1,
      escalated: 1,
    });
  });

  it('heat-maps open assessed risks per kind, inherent and residual (residual falls back)', () => {
    expect(summary.heatMap).toEqual({
      threat: {
        inherent: grid([
          [4, 3],
          [5, 5],
          [1, 1],
        ]),
        residual: grid([
          [2, 3],
          [5, 5],
          [1, 1],
        ]),
      },
      opportunity: { inherent: grid([[3, 2]]), residual: grid([[4, 2]]) },
    });
  });

  it('totals threat vs opportunity EMV per currency, inherent and residual', () => {
    expect(summary.emv).toEqual([
      {
        currency: 'EUR',
        threat: pair(-1_600_000, -1_200_000),
        opportunity: pair(250_000, 350_000),
        net: pair(-1_350_000, -850_000),
      },
      {
        currency: 'USD',
        threat: pair(-10_000, -10_000, 'USD'),
        opportunity: pair(0, 0, 'USD'),
        net: pair(-10_000, -10_000, 'USD'),
      },
    ]);
  });

  it('counts overdue reviews and actions (due before asOf, still open) of risks not closed', () => {
    expect(summary.overdue).toEqual({ reviews: 2, actions: 2, risksWithOverdueActions: 2 });
    expect(summary.contingency).toEqual([
      {
        currency: 'EUR',
        reserve: money(200_000),
        drawn: money(80_000),
        remaining: money(120_000),
      },
    ]);
  });

  it('an empty register is all zeros (no NaN, no nulls)', () => {
    expect(riskExposure([], ASOF)).toEqual({
      counts: { total: 0, open: 0, occurred: 0, closed: 0, unassessed: 0, escalated: 0 },
      heatMap: {
        threat: { inherent: zeros(), residual: zeros() },
        opportunity: { inherent: zeros(), residual: zeros() },
      },
      emv: [],
      overdue: { reviews: 0, actions: 0, risksWithOverdueActions: 0 },
      contingency: [],
    });
  });
});

describe('riskRegisterItem and sortRiskItems', () => {
  const items = all.map((entry) => riskRegisterItem(entry, ASOF));

  it('adds the current score, overdue review and actions, and the reserve left', () => {
    expect(items[0]).toMatchObject({
      riskId: 't1',
      score: 6,
      reviewOverdue: true,
      openActions: 2,
      overdueActions: 1,
      contingencyRemaining: money(120_000),
    });
    expect(items[1]).toMatchObject({ score: 25, reviewOverdue: false, overdueActions: 0 });
    expect(items[3]).toMatchObject({ riskId: 't3', score: null, contingencyRemaining: null });
    // The store's fields and the document's discriminator stay in the store.
    for (const key of ['_id', 'position', 'type']) expect(items[0]).not.toHaveProperty(key);
    // A closed risk is never overdue.
    expect(items[5]).toMatchObject({ riskId: 't5', reviewOverdue: false, overdueActions: 0 });
  });

  it('sorts by score descending by default, risks without a score last', () => {
    const ids = (sort?: Parameters<typeof sortRiskItems>[1]) =>
      sortRiskItems(items, sort).map((item) => item.riskId);
    expect(ids()).toEqual(['t2', 't4', 'o1', 't1', 't5', 't6', 't3']);
    expect(ids('score')).toEqual(['t6', 't5', 't1', 'o1', 't4', 't2', 't3']);
    expect(ids('-inherentScore')).toEqual(['t2', 't1', 't4', 'o1', 't5', 't6', 't3']);
    expect(ids('-raisedAt')).toEqual(['t6', 't5', 't4', 't3', 'o1', 't2', 't1']);
  });
});

describe('programRiskExposure', () => {
  const project = (projectId: string, name: string): RiskRegisterProject => ({
    _id: `project:${projectId}`,
    position: 1,
    type: 'project',
    projectId,
    programId: 'prog-1',
    name,
  });

  it('rolls the program up over its projects only, and per project (also without risks)', () => {
    const rollUp = programRiskExposure(
      [project('p1', 'Core'), project('p2', 'Access'), project('p9', 'Zeta')],
      all,
      ASOF,
    );
    expect(rollUp.summary.counts).toMatchObject({ total: 6, open: 4, occurred: 1, closed: 1 });
    expect(rollUp.summary.emv).toEqual([
      {
        currency: 'EUR',
        threat: pair(-1_600_000, -1_200_000),
        opportunity: pair(250_000, 350_000),
        net: pair(-1_350_000, -850_000),
      },
    ]);
    expect(rollUp.projects.map((p) => [p.projectId, p.name, p.summary.counts.total])).toEqual([
      ['p2', 'Access', 3],
      ['p1', 'Core', 3],
      ['p9', 'Zeta', 0],
    ]);
    expect(rollUp.projects[1]!.summary).toEqual(riskExposure([t1, t2, t4], ASOF));
    expect(rollUp.projects[2]!.summary).toEqual(riskExposure([], ASOF));
  });
});
