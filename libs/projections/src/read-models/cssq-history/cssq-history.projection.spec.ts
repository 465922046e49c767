import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectionSpec } from '@ledger/testing';
import { cssqHistoryProjection as projection } from './cssq-history.projection';

function event(type: string, data: JsonObject, at: number): RecordedEvent {
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

const spec = projectionSpec(projection);

const none = { impact: 'none' };
const history = (): RecordedEvent[] => [
  event('ProjectCreated', { programId: 'prog-1', contractId: 'k1', name: 'Rollout' }, 1),
  event(
    'ChangeRequestRaised',
    {
      changeRequestId: 'cr1',
      title: 'Depot',
      origin: 'customer',
      categories: ['cost', 'scope'],
      justification: 'why',
      requestedBy: 'alice',
      supersedes: null,
    },
    2,
  ),
  event(
    'ChangeRequestImpactAssessed',
    {
      changeRequestId: 'cr1',
      cost: { impact: 'change', budgetDelta: { amount: 500, currency: 'EUR' } },
      schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm1', days: 7 }] },
      scope: { impact: 'change', add: [{ id: 's3', title: 'Depot' }], remove: ['s2'] },
      quality: none,
      contractual: true,
      baselineVersion: 1,
      assessedBy: 'alice',
    },
    4,
  ),
  event(
    'ChangeRequestDecided',
    {
      changeRequestId: 'cr1',
      outcome: 'approved',
      reason: 'funded',
      decidedBy: 'bob',
      authority: 'project-manager',
    },
    6,
  ),
  event(
    'ScopeChanged',
    { changeRequestId: 'cr1', added: [{ id: 's3', title: 'Depot' }], removed: [{ id: 's2' }] },
    7,
  ),
  event(
    'ScheduleChanged',
    {
      changeRequestId: 'cr1',
      milestoneShifts: [
        { milestoneId: 'm1', days: 7, from: '2026-06-30', to: '2026-07-07' },
        { milestoneId: 'm2', days: 3, from: '2026-07-30', to: '2026-08-02' },
      ],
    },
    8,
  ),
  event(
    'BudgetChanged',
    {
      changeRequestId: 'cr1',
      delta: { amount: 500, currency: 'EUR' },
      previousBudget: { amount: 1000, currency: 'EUR' },
      newBudget: { amount: 1500, currency: 'EUR' },
    },
    9,
  ),
  event('BaselineRevised', { changeRequestId: 'cr1', version: 2, baseline: {} }, 10),
  event(
    'CustomerApprovalRecorded',
    { changeRequestId: 'cr1', customerSignatureRef: 'sig-1', recordedBy: 'alice' },
    11,
  ),
  event('ChangeRequestImplemented', { changeRequestId: 'cr1', implementedBy: 'alice' }, 12),
  event('ChangeRequestClosed', { changeRequestId: 'cr1', closedBy: 'alice' }, 13),
];

describe('cssqHistoryProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('folds a change request from raise to close, with the cumulative deltas', () => {
    const events = history();
    spec
      .given(events.slice(0, -1))
      .when(events.at(-1)!)
      .thenDocument((document) => {
        expect(document).toMatchObject({
          _id: 'p1',
          projectId: 'p1',
          programId: 'prog-1',
          position: 13,
          cumulative: {
            budgetDelta: { amount: 500, currency: 'EUR' },
            scopeItemsAdded: 1,
            scopeItemsRemoved: 1,
            milestoneShiftDays: 10,
          },
        });
        expect(document?.changeRequests).toEqual([
          expect.objectContaining({
            changeRequestId: 'cr1',
            title: 'Depot',
            origin: 'customer',
            categories: ['cost', 'scope'],
            requestedBy: 'alice',
            raisedAt: '2026-02-02T00:00:00.000Z',
            impacts: expect.objectContaining({
              cost: { impact: 'change', budgetDelta: { amount: 500, currency: 'EUR' } },
              quality: none,
              contractual: true,
            }),
            outcome: 'approved',
            decidedBy: 'bob',
            authority: 'project-manager',
            reason: 'funded',
            decidedAt: '2026-02-06T00:00:00.000Z',
            leadTimeDays: 4,
            customerSignatureRef: 'sig-1',
            resultingBaselineVersion: 2,
            implementedAt: '2026-02-12T00:00:00.000Z',
            closedAt: '2026-02-13T00:00:00.000Z',
            withdrawnAt: null,
          }),
        ]);
      });
  });

  it('the same event twice leaves the document unchanged, at every step of the history', () => {
    const events = history();
    spec.replays(events);
    // Delivered again after the whole history, too (a redelivery after a restart).
    for (const next of events) spec.given(events).when(next).thenUnchanged();
  });

  it('never creates the document from anything but ProjectCreated (P5)', () => {
    for (const next of history().slice(1)) spec.given().when(next).thenUnchanged();
  });

  it('records a withdrawal', () => {
    spec
      .given(history().slice(0, 2))
      .when(
        event(
          'ChangeRequestWithdrawn',
          { changeRequestId: 'cr1', reason: 'moot', withdrawnBy: 'a' },
          3,
        ),
      )
      .thenDocument((document) =>
        expect(document?.changeRequests[0]).toMatchObject({
          withdrawnAt: '2026-02-03T00:00:00.000Z',
          withdrawalReason: 'moot',
          outcome: null,
        }),
      );
  });

  it('ignores events of unknown change requests', () => {
    spec
      .given(history().slice(0, 2))
      .when(event('ChangeRequestClosed', { changeRequestId: 'nope', closedBy: 'a' }, 5))
      .thenUnchanged();
  });
});
