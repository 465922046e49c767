import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import {
  projectSummaryProjection as projection,
  type ProjectSummary,
} from './project-summary.projection';

let position = 0;
function event(type: string, data: JsonObject, at = position + 1): RecordedEvent {
  position = at;
  return {
    id: `event-${at}`,
    type,
    schemaVersion: 1,
    data: { projectId: 'p1', ...data },
    metadata: {
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'alice', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: 'project-p1',
    revision: at - 1,
    position: at,
    recordedAt: `2026-02-${String(at).padStart(2, '0')}T00:00:00.000Z`,
    prevHash: '',
    hash: '',
  };
}

const baseline = {
  budget: { amount: 100_000_000, currency: 'EUR' },
  scope: [
    { id: 's1', title: 'Core' },
    { id: 's2', title: 'Access' },
  ],
  milestones: [{ id: 'm1', title: 'Ready', dueOn: '2026-06-30', obligationId: null }],
  quality: [],
};

/** Folds like the engine does (it stamps `position`). */
function fold(events: readonly RecordedEvent[], start: ProjectSummary | null = null) {
  return events.reduce<ProjectSummary | null>((document, next) => {
    const applied = projection.apply(document, next);
    return applied && applied !== document ? { ...applied, position: next.position } : applied;
  }, start);
}

const created = () =>
  event('ProjectCreated', { programId: 'prog-1', contractId: 'k1', name: 'Site rollout' }, 1);

describe('projectSummaryProjection', () => {
  it('creates the summary in set-up from ProjectCreated', () => {
    expect(fold([created()])).toMatchObject({
      _id: 'p1',
      projectId: 'p1',
      programId: 'prog-1',
      contractId: 'k1',
      name: 'Site rollout',
      status: 'active',
      phase: 'set-up',
      originalBaseline: null,
      currentBaseline: null,
      openChangeRequests: 0,
      lastEventAt: '2026-02-01T00:00:00.000Z',
    });
  });

  it('keys documents by data.projectId and ignores events without one', () => {
    expect(projection.documentId(created())).toBe('p1');
    expect(projection.documentId({ ...created(), data: {} })).toBeNull();
  });

  it('returns null for an event that cannot create the document', () => {
    const missing: ProjectSummary | null = null;
    expect(projection.apply(missing, event('ProjectClosed', { reason: 'x' }, 5))).toBeNull();
  });

  it('tracks phase, baselines, open change requests and lastEventAt', () => {
    const summary = fold([
      created(),
      event('BaselineEstablished', { version: 1, baseline }, 2),
      event('HandoverOutcomeRecorded', { kind: 'sell-to-execute', outcome: 'approved' }, 3),
      event('ChangeRequestRaised', { changeRequestId: 'cr1' }, 4),
      event('ChangeRequestRaised', { changeRequestId: 'cr2' }, 5),
      event('ChangeRequestDecided', { changeRequestId: 'cr2', outcome: 'rejected' }, 6),
      event('ChangeRequestDecided', { changeRequestId: 'cr1', outcome: 'approved' }, 7),
      event(
        'BaselineRevised',
        {
          changeRequestId: 'cr1',
          version: 2,
          baseline: {
            ...baseline,
            budget: { amount: 120_000_000, currency: 'EUR' },
            scope: [...baseline.scope, { id: 's3', title: 'Extra' }],
          },
        },
        8,
      ),
    ]);
    expect(summary).toMatchObject({
      phase: 'execution',
      originalBaseline: {
        version: 1,
        budget: { amount: 100_000_000, currency: 'EUR' },
        scopeCount: 2,
        milestones: [{ id: 'm1', title: 'Ready', dueOn: '2026-06-30' }],
      },
      currentBaseline: { version: 2, budget: { amount: 120_000_000 }, scopeCount: 3 },
      openChangeRequestIds: ['cr1'],
      openChangeRequests: 1,
      lastEventAt: '2026-02-08T00:00:00.000Z',
      position: 8,
    });
  });

  it('moves to closing after Delivery→Care and to closed on ProjectClosed', () => {
    const closing = fold([
      created(),
      event('HandoverOutcomeRecorded', { kind: 'delivery-to-care', outcome: 'approved' }, 2),
    ]);
    expect(closing).toMatchObject({ phase: 'closing', status: 'active' });
    // A late Sell→Execute never takes the phase back.
    const late = fold(
      [event('HandoverOutcomeRecorded', { kind: 'sell-to-execute', outcome: 'approved' }, 3)],
      closing,
    );
    expect(late?.phase).toBe('closing');
    expect(fold([event('ProjectClosed', { reason: 'done' }, 4)], late)).toMatchObject({
      status: 'closed',
      phase: 'closed',
    });
  });

  it('the same event twice leaves the document unchanged', () => {
    const events = [
      created(),
      event('BaselineEstablished', { version: 1, baseline }, 2),
      event('ChangeRequestRaised', { changeRequestId: 'cr1' }, 3),
      event('BaselineRevised', { changeRequestId: 'cr1', version: 2, baseline }, 4),
      event('ChangeRequestWithdrawn', { changeRequestId: 'cr1' }, 5),
      event('HandoverOutcomeRecorded', { kind: 'sell-to-execute', outcome: 'approved' }, 6),
    ];
    for (let i = 0; i < events.length; i++) {
      const once = fold(events.slice(0, i + 1));
      const twice = fold([events[i]!], once);
      expect(twice).toEqual(once);
    }
    expect(projection.apply(fold([created()]), created())).toEqual(fold([created()]));
  });

  it('does not mutate the document it is given', () => {
    const before = fold([created()])!;
    const frozen = JSON.parse(JSON.stringify(before)) as ProjectSummary;
    projection.apply(before, event('ChangeRequestRaised', { changeRequestId: 'cr9' }, 2));
    expect(before).toEqual(frozen);
  });
});
