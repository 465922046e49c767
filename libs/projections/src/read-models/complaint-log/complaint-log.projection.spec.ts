import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectedDocuments, projectionSpec } from '@ledger/testing';
import {
  compareComplaints,
  complaintFiguresOf,
  complaintLogSummaryOf,
} from './complaint-log.figures';
import {
  complaintLogProjection as projection,
  type ComplaintLogEntry,
} from './complaint-log.projection';

function event(
  type: string,
  data: JsonObject,
  position: number,
  complaintId = 'c1',
): RecordedEvent {
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data: { complaintId, projectId: 'p1', ...data },
    metadata: {
      effectiveAt: `2026-03-${String(position).padStart(2, '0')}T08:00:00.000Z`,
      actor: { sub: 'carla', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: `complaint-${complaintId}`,
    revision: position - 1,
    position,
    recordedAt: `2026-03-${String(position).padStart(2, '0')}T08:00:01.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

/** The document `id` after `events`, folded as the engine folds them (for the figures). */
const complaintAfter = (events: readonly RecordedEvent[], id = 'c1'): ComplaintLogEntry | null =>
  projectedDocuments(projection, events).get(id) ?? null;

const by = { authority: 'project-manager' };
const received = (complaintId = 'c1', hsRelated = false) =>
  event(
    'ComplaintReceived',
    {
      receivedOn: '2026-03-01',
      channel: 'email',
      summary: 'Crew left the gate open',
      customerContactRef: 'crm-42',
      hsRelated,
      receivedBy: 'carla',
      ...by,
    },
    1,
    complaintId,
  );

/** Received 03-01, acknowledged, assessed high due 03-10, investigated, responded, closed. */
const lifecycle = (): RecordedEvent[] => [
  received(),
  event('ComplaintAcknowledged', { acknowledgedBy: 'carla', ...by }, 2),
  event(
    'ComplaintAssessed',
    {
      severity: 'high',
      priority: 'high',
      hsRelated: false,
      assessedOn: '2026-03-03',
      dueOn: '2026-03-10',
      assessedBy: 'carla',
      ...by,
    },
    3,
  ),
  event('ComplaintInvestigated', { findings: 'Lock missing', investigatedBy: 'carla', ...by }, 5),
  event(
    'ComplaintResponded',
    { response: 'Lock fitted', respondedOn: '2026-03-08', respondedBy: 'carla', ...by },
    8,
  ),
  event('ComplaintClosed', { customerSatisfied: true, note: null, closedBy: 'carla', ...by }, 12),
];

describe('complaintLogProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('folds a complaint from receipt to close into one exact document', () => {
    const events = lifecycle();
    spec.given(events.slice(0, -1)).when(events.at(-1)!).then({
      _id: 'c1',
      position: 12,
      complaintId: 'c1',
      projectId: 'p1',
      receivedOn: '2026-03-01',
      channel: 'email',
      summary: 'Crew left the gate open',
      customerContactRef: 'crm-42',
      hsRelated: false,
      receivedBy: 'carla',
      status: 'closed',
      acknowledgedAt: '2026-03-02T08:00:00.000Z',
      severity: 'high',
      priority: 'high',
      assessedOn: '2026-03-03',
      dueOn: '2026-03-10',
      investigatedAt: '2026-03-05T08:00:00.000Z',
      respondedOn: '2026-03-08',
      closedOn: '2026-03-12',
      customerSatisfied: true,
      closeNote: null,
      reopenCount: 0,
      lastReopenReason: null,
      capaIds: [],
      lastEventAt: '2026-03-12T08:00:00.000Z',
    });
  });

  it('reopens (clearing the close) and links corrective actions once each', () => {
    const link = (position: number) =>
      event(
        'ComplaintLinkedToCorrectiveAction',
        { capaId: 'capa-1', linkedBy: 'carla', ...by },
        position,
      );
    const reopened = [
      ...lifecycle(),
      event('ComplaintReopened', { reason: 'Gate open again', reopenedBy: 'carla', ...by }, 14),
    ];
    spec
      .given(reopened)
      .when(link(15))
      .thenDocument((document) =>
        expect(document).toMatchObject({
          status: 'reopened',
          closedOn: null,
          customerSatisfied: null,
          reopenCount: 1,
          lastReopenReason: 'Gate open again',
          capaIds: ['capa-1'],
        }),
      );
    // A second link of the same CAPA (a new event) adds nothing.
    spec
      .given([...reopened, link(15)])
      .when(link(16))
      .thenUnchanged();
  });

  it('the same event twice leaves the document unchanged (P5)', () => {
    const events = lifecycle();
    spec.replays(events);
    // Delivered again after the whole history, too (a redelivery after a restart).
    for (const next of events) spec.given(events).when(next).thenUnchanged();
  });

  it('never creates the document from anything but ComplaintReceived (P5)', () => {
    for (const next of lifecycle().slice(1)) spec.given().when(next).thenUnchanged();
  });
});

describe('complaint log figures', () => {
  const assessedOnly = () => complaintAfter(lifecycle().slice(0, 3))!;
  const closed = () => complaintAfter(lifecycle())!;
  const hs = () => complaintAfter([received('c2', true)], 'c2')!;

  it('is overdue only after the due date while not closed; counts days open and overdue', () => {
    expect(complaintFiguresOf(assessedOnly(), '2026-03-10')).toEqual({
      overdue: false,
      daysOverdue: 0,
      daysOpen: 9,
    });
    expect(complaintFiguresOf(assessedOnly(), '2026-03-14')).toEqual({
      overdue: true,
      daysOverdue: 4,
      daysOpen: 13,
    });
    // Closed on 03-12: not overdue whatever asOf, days open stop at the close.
    expect(complaintFiguresOf(closed(), '2026-04-30')).toEqual({
      overdue: false,
      daysOverdue: 0,
      daysOpen: 11,
    });
    // Not assessed: no due date, never overdue; asOf before receipt is 0 days.
    expect(complaintFiguresOf(hs(), '2026-02-01')).toEqual({
      overdue: false,
      daysOverdue: 0,
      daysOpen: 0,
    });
  });

  it('summarises open, overdue, H&S open, statuses and satisfaction', () => {
    expect(complaintLogSummaryOf([assessedOnly(), closed(), hs()], '2026-03-20')).toEqual({
      total: 3,
      open: 2,
      overdue: 1,
      hsRelatedOpen: 1,
      byStatus: {
        received: 1,
        acknowledged: 0,
        assessed: 1,
        investigated: 0,
        responded: 0,
        closed: 1,
        reopened: 0,
      },
      closedSatisfied: 1,
      closedDissatisfied: 0,
    });
  });

  it('orders open before closed, H&S first, then by due date', () => {
    const sorted = [closed(), assessedOnly(), hs()].sort(compareComplaints);
    expect(sorted.map((entry) => [entry.complaintId, entry.status])).toEqual([
      ['c2', 'received'],
      ['c1', 'assessed'],
      ['c1', 'closed'],
    ]);
  });
});
