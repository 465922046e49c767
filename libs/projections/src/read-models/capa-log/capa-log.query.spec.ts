import { capaFiguresOf, capaLogSummaryOf } from './capa-log.figures';
import type { CapaLogEntry } from './capa-log.projection';
import { capaLogAnswerOf, capaLogFilter, type CapaLogQuery } from './capa-log.query';

const entry = (capaId: string, position: number, dueOn: string): CapaLogEntry => ({
  _id: capaId,
  position,
  capaId,
  projectId: 'p1',
  source: 'complaint',
  sourceRef: 'c1',
  problemStatement: 'late response',
  openedBy: 'quinn',
  openedAt: '2026-02-01T10:00:00.000Z',
  stage: 'actions',
  containment: null,
  rootCause: null,
  actions: [{ actionId: 'x1', description: 'train', ownerId: 'u1', dueOn, completedAt: null }],
  actionsSinceLastCheck: 1,
  criteria: null,
  checks: [],
  effective: null,
  closedAt: null,
  closeNote: null,
  lastEventAt: '2026-02-02T10:00:00.000Z',
});

const query: CapaLogQuery = { projectId: 'p1', programId: 'g1', asOf: '2026-03-01' };

describe('CAPA log query', () => {
  it('asks the store for the project, narrowed by stage and source when given', () => {
    expect(capaLogFilter(query)).toEqual({ projectId: 'p1' });
    expect(capaLogFilter({ ...query, stage: 'actions', source: 'audit' })).toEqual({
      projectId: 'p1',
      stage: 'actions',
      source: 'audit',
    });
  });

  it('answers the corrective actions in the order found, without store fields, with their figures on asOf', () => {
    const entries = [entry('k2', 4, '2026-02-15'), entry('k1', 6, '2026-04-01')];
    const { _id, position, ...first } = entries[0]!;
    const answer = capaLogAnswerOf(entries, query, 2);
    expect(answer).toEqual({
      projectId: 'p1',
      programId: 'g1',
      asOf: '2026-03-01',
      summary: capaLogSummaryOf(entries, '2026-03-01'),
      correctiveActions: [
        { ...first, ...capaFiguresOf(entries[0]!, '2026-03-01') },
        expect.objectContaining({ capaId: 'k1' }),
      ],
      position: 6,
    });
    expect(answer.correctiveActions.map((action) => action.overdueActions)).toEqual([1, 0]);
    expect([_id, position]).toEqual(['k2', 4]);
  });

  it('states the position served when no document is newer', () => {
    expect(capaLogAnswerOf([], query, 9).position).toBe(9);
  });

  it('answers its fields in the documented order (the JSON body is compared byte for byte)', () => {
    expect(Object.keys(capaLogAnswerOf([], query, 9))).toEqual([
      'projectId',
      'programId',
      'asOf',
      'summary',
      'correctiveActions',
      'position',
    ]);
  });
});
