import type { ProjectEvent } from './index';
import { executing, periodOpened, projectId } from './project.spec-fixtures';
import { evolveProject, initialProjectState, type ProjectState } from './project.state';

const cost = (erpDocumentId: string, amount: number): ProjectEvent => ({
  type: 'ActualCostRecorded',
  data: {
    projectId,
    erpDocumentId,
    amount: { amount, currency: 'EUR' },
    postedOn: '2026-03-10',
    recordedBy: 'erp',
  },
});

const fold = (from: ProjectState, events: readonly ProjectEvent[]): ProjectState =>
  events.reduce(evolveProject, from);

/** What a reader of the state sees of its execution maps, in their iteration order. */
function executionOf(state: ProjectState): unknown {
  if (state.status === 'absent') throw new Error('the project should exist');
  return {
    actualCosts: [...state.actualCosts].map(([id, posting]) => [id, posting.amount.amount]),
    reportingPeriods: [...state.reportingPeriods.keys()],
    actualCostToDate: state.actualCostToDate?.amount ?? null,
  };
}

// The audit timeline diffs each state against the one before it, and the decider specs fold
// several branches from one fixture state: evolve must leave every earlier state as it was,
// though the project's maps are written in place for the newest one (issue 12).
describe('evolveProject keeps earlier states unchanged (execution maps)', () => {
  it('when later events are folded onto the newest state', () => {
    const start = fold(initialProjectState, [...executing, periodOpened(), cost('d1', 100)]);
    const startSeen = executionOf(start);
    const later = fold(start, [cost('d2', 50), periodOpened('p2', '2026-04-01', '2026-04-30')]);
    expect(executionOf(later)).toEqual({
      actualCosts: [
        ['d1', 100],
        ['d2', 50],
      ],
      reportingPeriods: ['p1', 'p2'],
      actualCostToDate: 150,
    });
    expect(executionOf(start)).toEqual(startSeen);
    expect(executionOf(start)).toEqual({
      actualCosts: [['d1', 100]],
      reportingPeriods: ['p1'],
      actualCostToDate: 100,
    });
  });

  it('when an older state is folded again (a branch): each branch sees only its own events', () => {
    const start = fold(initialProjectState, [...executing, cost('d1', 100)]);
    const left = fold(start, [cost('d2', 50)]);
    const right = fold(start, [cost('d3', 7)]);
    const leftAgain = fold(left, [cost('d4', 1)]);
    expect(executionOf(left)).toEqual({
      actualCosts: [
        ['d1', 100],
        ['d2', 50],
      ],
      reportingPeriods: [],
      actualCostToDate: 150,
    });
    expect(executionOf(right)).toEqual({
      actualCosts: [
        ['d1', 100],
        ['d3', 7],
      ],
      reportingPeriods: [],
      actualCostToDate: 107,
    });
    expect(executionOf(leftAgain)).toEqual({
      actualCosts: [
        ['d1', 100],
        ['d2', 50],
        ['d4', 1],
      ],
      reportingPeriods: [],
      actualCostToDate: 151,
    });
    expect(executionOf(start)).toEqual({
      actualCosts: [['d1', 100]],
      reportingPeriods: [],
      actualCostToDate: 100,
    });
  });
});
