import type { CssqHistory, CssqHistoryEntry, CssqImpacts } from './cssq-history.projection';
import { cssqHistoryAnswerOf } from './cssq-history.query';

const impacts = (changed: 'cost' | 'schedule'): CssqImpacts => ({
  cost: { impact: changed === 'cost' ? 'change' : 'none' },
  schedule: { impact: changed === 'schedule' ? 'change' : 'none' },
  scope: { impact: 'none' },
  quality: { impact: 'none' },
  contractual: false,
  baselineVersion: 1,
  assessedBy: 'pm',
});

const changeRequest = (
  changeRequestId: string,
  raisedAt: string,
  assessed: CssqImpacts | null,
): CssqHistoryEntry => ({
  changeRequestId,
  title: `Change ${changeRequestId}`,
  origin: 'customer',
  categories: [],
  requestedBy: 'rita',
  supersedes: null,
  raisedAt,
  impacts: assessed,
  outcome: null,
  decidedBy: null,
  authority: null,
  reason: null,
  decidedAt: null,
  leadTimeDays: null,
  customerSignatureRef: null,
  resultingBaselineVersion: null,
  applied: { budgetDelta: null, scopeAdded: 0, scopeRemoved: 0, milestoneShiftDays: 0 },
  implementedAt: null,
  closedAt: null,
  withdrawnAt: null,
  withdrawalReason: null,
});

const history: CssqHistory = {
  _id: 'p1',
  position: 30,
  projectId: 'p1',
  programId: 'g1',
  changeRequests: [
    changeRequest('cr1', '2026-03-01T09:00:00.000Z', impacts('cost')),
    changeRequest('cr2', '2026-03-01T23:30:00.000Z', impacts('schedule')),
    changeRequest('cr3', '2026-03-02T00:00:00.000Z', null),
  ],
  cumulative: {
    budgetDelta: null,
    scopeItemsAdded: 0,
    scopeItemsRemoved: 0,
    milestoneShiftDays: 0,
  },
};

const ids = (query: Parameters<typeof cssqHistoryAnswerOf>[1]) =>
  cssqHistoryAnswerOf(history, query, 0).changeRequests.map((entry) => entry.changeRequestId);

describe('CSSQ history query', () => {
  it('answers every change request in the order raised, with the cumulative changes', () => {
    expect(cssqHistoryAnswerOf(history, {}, 10)).toEqual({
      projectId: 'p1',
      changeRequests: history.changeRequests,
      cumulative: history.cumulative,
      position: 30,
    });
    expect(cssqHistoryAnswerOf(history, {}, 40).position).toBe(40);
  });

  it('takes a bare date as `to` for the whole day, and an instant as it is', () => {
    expect(ids({ to: '2026-03-01' })).toEqual(['cr1', 'cr2']);
    expect(ids({ to: '2026-03-01T12:00:00Z' })).toEqual(['cr1']);
    expect(ids({ from: '2026-03-01T10:00:00+00:00' })).toEqual(['cr2', 'cr3']);
  });

  it('keeps only the change requests whose assessed impact changes the dimension asked for', () => {
    expect(ids({ dimension: 'schedule' })).toEqual(['cr2']);
    expect(ids({ dimension: 'quality' })).toEqual([]);
  });
});
