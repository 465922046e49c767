import type { DecisionEntry } from './decision-register.entry';
import type { DecisionRegisterFile } from './decision-register.projection';
import {
  decisionRegisterAnswerOf,
  decisionRegisterFilter,
  decisionRegisterPageOf,
  type DecisionRegisterQuery,
} from './decision-register.query';

const entry = (
  position: number,
  decidedBy: string,
  kind: DecisionEntry['kind'],
  distinct: boolean | null,
): DecisionEntry => ({
  decisionId: `event-${position}`,
  kind,
  outcome: 'approved',
  stage: null,
  subject: { type: 'change-request', id: `cr${position}` },
  programId: 'g1',
  projectId: 'p1',
  contractId: 'k1',
  decidedBy,
  roles: ['pmo'],
  authority: 'pmo',
  changeRequestId: null,
  customerSignatureRef: null,
  certificateId: null,
  reason: null,
  recordedAt: `2026-05-${String(position).padStart(2, '0')}T08:00:01.000Z`,
  effectiveAt: `2026-05-${String(position).padStart(2, '0')}T08:00:00.000Z`,
  logPosition: position,
  eventType: 'ChangeRequestDecided',
  segregation: { requestedBy: distinct === null ? null : 'rita', decidedBy, distinct },
});

const file = (id: string, decisions: DecisionEntry[]): DecisionRegisterFile => ({
  _id: id,
  position: 99,
  scope: 'project',
  programId: 'g1',
  projectId: 'p1',
  contractId: 'k1',
  requests: [],
  decisions,
});

const files = [
  file('project:p1', [
    entry(5, 'dan', 'ld-waiver', true),
    entry(2, 'rita', 'customer-approval', false),
  ]),
  file('project:p2', [
    entry(3, 'dan', 'change-request-decision', true),
    entry(9, 'dan', 'final-acceptance-waiver', null),
  ]),
];
const all: DecisionRegisterQuery = { programs: '*', limit: 50, offset: 0 };
const positions = (query: Partial<DecisionRegisterQuery>) =>
  decisionRegisterPageOf(files, { ...all, ...query }).items.map((item) => item.logPosition);

describe('decision register query', () => {
  it('lists every decision of the files in log order, counting exceptions', () => {
    const page = decisionRegisterPageOf(files, all);
    expect(page.items.map((item) => item.logPosition)).toEqual([2, 3, 5, 9]);
    expect(page.total).toBe(4);
    expect(page.segregationExceptions).toBe(1);
  });

  it('filters by decider, kind, inclusive business dates and exceptions', () => {
    expect(positions({ actor: 'dan' })).toEqual([3, 5, 9]);
    expect(positions({ kind: 'ld-waiver' })).toEqual([5]);
    expect(positions({ from: '2026-05-03', to: '2026-05-05' })).toEqual([3, 5]);
    expect(positions({ segregationExceptions: true })).toEqual([2]);
  });

  it('pages after filtering, and totals before paging', () => {
    const page = decisionRegisterPageOf(files, { ...all, limit: 2, offset: 1 });
    expect(page.items.map((item) => item.logPosition)).toEqual([3, 5]);
    expect(page.total).toBe(4);
  });

  it('answers the page at the newest file or the position served, whichever is later', () => {
    expect(decisionRegisterAnswerOf(files, all, 50)).toEqual({
      ...decisionRegisterPageOf(files, all),
      position: 99,
    });
    expect(decisionRegisterAnswerOf(files, all, 120).position).toBe(120);
  });

  it('asks the store for the claimed programs, or the one program and project asked for', () => {
    expect(decisionRegisterFilter(all)).toEqual({});
    expect(decisionRegisterFilter({ ...all, programs: ['g1', 'g2'] })).toEqual({
      programId: { $in: ['g1', 'g2'] },
    });
    expect(
      decisionRegisterFilter({ ...all, programs: ['g1'], programId: 'g1', projectId: 'p1' }),
    ).toEqual({ programId: 'g1', projectId: 'p1' });
  });
});
