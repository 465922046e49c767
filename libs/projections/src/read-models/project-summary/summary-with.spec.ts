import type { ProjectSummary } from './project-summary.projection';
import { summaryWith } from './summary-with';

/** A summary with every field, in the order the projection's `created` writes them. */
const summary: ProjectSummary = {
  _id: 'p1',
  position: 7,
  projectId: 'p1',
  programId: 'prog-1',
  contractId: 'k1',
  name: 'Site rollout',
  status: 'active',
  phase: 'set-up',
  attachedToProgram: true,
  deliveryApproach: 'agile',
  originalBaseline: null,
  currentBaseline: null,
  openChangeRequestIds: ['cr-1'],
  openChangeRequests: 1,
  openRisks: 0,
  openHighThreats: 0,
  earnedValue: null,
  reportingPeriods: [],
  latestForecast: null,
  health: 'unknown',
  healthRank: 3,
  healthReasons: [],
  healthAsOf: '2026-02-01',
  createdAt: '2026-02-01T00:00:00.000Z',
  lastEventAt: '2026-02-01T00:00:00.000Z',
  inputs: { planStart: null, scopeItemIds: [], reports: [], costs: [], risks: [] },
};

describe('summaryWith', () => {
  it('answers the same JSON text as a spread: same fields, same order, nulls and false kept', () => {
    const change = {
      position: 9,
      deliveryApproach: null,
      attachedToProgram: false,
      openChangeRequests: 0,
      lastEventAt: '2026-02-03T00:00:00.000Z',
    };
    const copied = summaryWith(summary, change);
    expect(JSON.stringify(copied)).toBe(JSON.stringify({ ...summary, ...change }));
    expect(copied).not.toBe(summary);
    expect(summary.position).toBe(7);
  });

  it('copies a summary with other fields (another version of the read model) by spread', () => {
    const { deliveryApproach: _left, ...withoutOne } = summary;
    const older = { ...withoutOne, retired: 'kept' } as unknown as ProjectSummary;
    const copied = summaryWith(older, { position: 9 });
    expect(JSON.stringify(copied)).toBe(JSON.stringify({ ...older, position: 9 }));
    expect(Object.keys(copied)).not.toContain('deliveryApproach');
  });

  it('copies a summary whose fields come in another order by spread, keeping that order', () => {
    const { inputs, ...rest } = summary;
    const reordered = { inputs, ...rest } as ProjectSummary;
    expect(Object.keys(summaryWith(reordered, { position: 9 }))).toEqual(Object.keys(reordered));
  });
});
