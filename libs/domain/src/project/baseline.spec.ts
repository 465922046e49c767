import { DomainError } from '../shared';
import {
  assertBaselineContent,
  reviseBaseline,
  type BaselineVersion,
  type CssqImpact,
} from './baseline';
import { noImpact, originalBaseline } from './project.spec-fixtures';

const v1: BaselineVersion = { ...originalBaseline, version: 1, changeRequestId: null };
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not-a-domain-error';
  }
  return undefined;
};

describe('reviseBaseline', () => {
  it('makes the next version linked to the change request, leaving the current one untouched', () => {
    const revision = reviseBaseline(v1, noImpact, 'cr1');
    expect(revision.baseline).toEqual({ ...originalBaseline, version: 2, changeRequestId: 'cr1' });
    expect([revision.scope, revision.schedule, revision.budget, revision.quality]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(v1.version).toBe(1);
  });
  it('removes scope items, then appends the added ones', () => {
    const impact: CssqImpact = {
      ...noImpact,
      scope: { impact: 'change', add: [{ id: 's3', title: 'Depot' }], remove: ['s1'] },
    };
    const revision = reviseBaseline(v1, impact, 'cr1');
    expect(revision.baseline.scope).toEqual([
      { id: 's2', title: 'Access sites' },
      { id: 's3', title: 'Depot' },
    ]);
    expect(revision.scope).toEqual({
      added: [{ id: 's3', title: 'Depot' }],
      removed: [{ id: 's1', title: 'Core sites' }],
    });
  });
  it('shifts milestone dates from the current ones, keeping their obligation link', () => {
    const impact: CssqImpact = {
      ...noImpact,
      schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm1', days: 2 }] },
    };
    const revision = reviseBaseline(v1, impact, 'cr1');
    expect(revision.baseline.milestones[0]).toEqual({
      id: 'm1',
      title: 'Core ready',
      dueOn: '2026-07-02',
      obligationId: 'ob1',
    });
    expect(revision.schedule).toEqual({
      milestoneShifts: [{ milestoneId: 'm1', days: 2, from: '2026-06-30', to: '2026-07-02' }],
    });
  });
  it('upserts quality criteria by id', () => {
    const impact: CssqImpact = {
      ...noImpact,
      quality: {
        impact: 'change',
        criteria: [
          { id: 'q2', criterion: 'Latency', target: '< 5 ms' },
          { id: 'q1', criterion: 'Link availability', target: '99.9 %' },
        ],
      },
    };
    expect(reviseBaseline(v1, impact, 'cr1').baseline.quality).toEqual([
      { id: 'q1', criterion: 'Link availability', target: '99.9 %' },
      { id: 'q2', criterion: 'Latency', target: '< 5 ms' },
    ]);
  });
  it('refuses an impact that does not fit the baseline', () => {
    const impact: CssqImpact = {
      ...noImpact,
      scope: { impact: 'change', add: [{ id: 's3', title: 'x' }], remove: ['s3'] },
    };
    expect(codeOf(() => reviseBaseline(v1, impact, 'cr1'))).toBe('duplicate-entries');
  });
});

describe('assertBaselineContent', () => {
  it('accepts the fixture baseline', () => {
    expect(codeOf(() => assertBaselineContent(originalBaseline))).toBeUndefined();
  });
  it('refuses a milestone id listed twice', () => {
    const milestones = [...originalBaseline.milestones, originalBaseline.milestones[0]!];
    expect(codeOf(() => assertBaselineContent({ ...originalBaseline, milestones }))).toBe(
      'duplicate-entries',
    );
  });
});
