import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectedDocuments, projectionSpec } from '@ledger/testing';
import { handoverReadinessOf } from './handover-readiness.figures';
import {
  handoverReadinessProjection as projection,
  type HandoverReadiness,
} from './handover-readiness.projection';

const ref = { handoverId: 'h1', projectId: 'p1', kind: 'sell-to-execute' };

/** The event at `position`, effective on 2026-03-<day> 09:00 UTC. */
function event(type: string, data: JsonObject, position: number, day = position): RecordedEvent {
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data: { ...ref, ...data },
    metadata: {
      effectiveAt: `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`,
      actor: { sub: 'sam', roles: ['sales'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: 'handover-h1',
    revision: position - 1,
    position,
    recordedAt: `2026-04-01T00:00:${String(position).padStart(2, '0')}.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

/** The document `id` after `events`, folded as the engine folds them (for the figures). */
const handoverAfter = (events: readonly RecordedEvent[], id = 'h1'): HandoverReadiness | null =>
  projectedDocuments(projection, events).get(id) ?? null;

const items = [
  { id: 'contract', title: 'Signed contract', mandatory: true },
  { id: 'sow', title: 'Statement of work', mandatory: true },
  { id: 'boq', title: 'Bill of quantities', mandatory: true },
  { id: 'map', title: 'Stakeholder map', mandatory: false },
];

const initiated = () =>
  event(
    'HandoverInitiated',
    { items, initiatedBy: 'sam', authority: 'sales', accountable: 'sam' },
    2,
  );
const submitted = (itemId: string, position: number) =>
  event(
    'HandoverItemSubmitted',
    { itemId, evidence: { ref: `dms://${itemId}`, note: null }, submittedBy: 'sam' },
    position,
  );
const accepted = (itemId: string, position: number) =>
  event(
    'HandoverItemAccepted',
    { itemId, acceptedBy: 'carla', authority: 'project-manager', note: 'ok' },
    position,
  );

/** Contract accepted, SoW rejected, BoQ submitted (not reviewed), map untouched. */
const inReview = (): RecordedEvent[] => [
  initiated(),
  submitted('contract', 3),
  accepted('contract', 4),
  submitted('sow', 5),
  event(
    'HandoverItemRejected',
    {
      itemId: 'sow',
      reason: 'Scope mismatch',
      rejectedBy: 'carla',
      authority: 'project-manager',
    },
    6,
  ),
  submitted('boq', 7),
];

const summary = { totalItems: 4, itemsAccepted: [], optionalItemsNotAccepted: [] };

describe('handoverReadinessProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('folds the checklist under review into exact item states', () => {
    spec.after(inReview()).then({
      _id: 'h1',
      position: 7,
      handoverId: 'h1',
      projectId: 'p1',
      kind: 'sell-to-execute',
      status: 'initiated',
      items: [
        {
          id: 'contract',
          title: 'Signed contract',
          mandatory: true,
          state: 'accepted',
          evidence: { ref: 'dms://contract', note: null },
          submittedBy: 'sam',
          submittedAt: '2026-03-03T09:00:00.000Z',
          reviewedBy: 'carla',
          reviewedAt: '2026-03-04T09:00:00.000Z',
          reviewNote: 'ok',
          rejectionReason: null,
          condition: null,
        },
        {
          id: 'sow',
          title: 'Statement of work',
          mandatory: true,
          state: 'rejected',
          evidence: { ref: 'dms://sow', note: null },
          submittedBy: 'sam',
          submittedAt: '2026-03-05T09:00:00.000Z',
          reviewedBy: 'carla',
          reviewedAt: '2026-03-06T09:00:00.000Z',
          reviewNote: null,
          rejectionReason: 'Scope mismatch',
          condition: null,
        },
        {
          id: 'boq',
          title: 'Bill of quantities',
          mandatory: true,
          state: 'submitted',
          evidence: { ref: 'dms://boq', note: null },
          submittedBy: 'sam',
          submittedAt: '2026-03-07T09:00:00.000Z',
          reviewedBy: null,
          reviewedAt: null,
          reviewNote: null,
          rejectionReason: null,
          condition: null,
        },
        {
          id: 'map',
          title: 'Stakeholder map',
          mandatory: false,
          state: 'open',
          evidence: null,
          submittedBy: null,
          submittedAt: null,
          reviewedBy: null,
          reviewedAt: null,
          reviewNote: null,
          rejectionReason: null,
          condition: null,
        },
      ],
      initiatedBy: 'sam',
      initiatedAt: '2026-03-02T09:00:00.000Z',
      senderAuthority: 'sales',
      accountable: 'sam',
      approvedBy: null,
      approvedAt: null,
      receiverAuthority: null,
      approvalNote: null,
      rejectedBy: null,
      rejectedAt: null,
      rejectionReason: null,
      lastEventAt: '2026-03-07T09:00:00.000Z',
    });
  });

  it('records a conditional approval: conditions on the open items, accountability moves', () => {
    spec
      .after([
        ...inReview(),
        event(
          'HandoverConditionallyApproved',
          {
            approvedBy: 'carla',
            authority: 'project-manager',
            summary,
            conditions: [
              { itemId: 'sow', mandatory: true, ownerId: 'sam', dueOn: '2026-03-20' },
              { itemId: 'boq', mandatory: true, ownerId: 'sam', dueOn: '2026-03-25' },
              { itemId: 'map', mandatory: false, ownerId: 'sam', dueOn: '2026-03-31' },
            ],
            accountable: 'carla',
            previousAccountable: 'sam',
          },
          8,
          12,
        ),
      ])
      .thenDocument((document) => {
        expect(document).toMatchObject({
          status: 'conditionally-approved',
          accountable: 'carla',
          approvedBy: 'carla',
          approvedAt: '2026-03-12T09:00:00.000Z',
          receiverAuthority: 'project-manager',
        });
        expect(document?.items.map((item) => [item.id, item.condition])).toEqual([
          ['contract', null],
          ['sow', { ownerId: 'sam', dueOn: '2026-03-20' }],
          ['boq', { ownerId: 'sam', dueOn: '2026-03-25' }],
          ['map', { ownerId: 'sam', dueOn: '2026-03-31' }],
        ]);
      });
  });

  it('records an approval and a rejection', () => {
    spec
      .given([initiated()])
      .when(
        event(
          'HandoverApproved',
          {
            approvedBy: 'carla',
            authority: 'project-manager',
            summary,
            accountable: 'carla',
            previousAccountable: 'sam',
            note: 'Welcome aboard',
          },
          3,
        ),
      )
      .thenDocument((approved) =>
        expect(approved).toMatchObject({
          status: 'approved',
          accountable: 'carla',
          approvedAt: '2026-03-03T09:00:00.000Z',
          approvalNote: 'Welcome aboard',
        }),
      );
    spec
      .given([initiated()])
      .when(
        event(
          'HandoverRejected',
          { reason: 'Incomplete', rejectedBy: 'carla', authority: 'project-manager' },
          3,
        ),
      )
      .thenDocument((rejected) =>
        expect(rejected).toMatchObject({
          status: 'rejected',
          accountable: 'sam',
          rejectedBy: 'carla',
          rejectedAt: '2026-03-03T09:00:00.000Z',
          rejectionReason: 'Incomplete',
          receiverAuthority: 'project-manager',
        }),
      );
  });

  it('the same event twice leaves the document unchanged (P5)', () => {
    const events = inReview();
    spec.replays(events);
    // Delivered again after the whole history, too (a redelivery after a restart).
    for (const next of events) spec.given(events).when(next).thenUnchanged();
  });

  it('never creates the document from anything but HandoverInitiated (P5)', () => {
    for (const next of inReview().slice(1)) spec.given().when(next).thenUnchanged();
  });

  it('ignores an item the checklist does not have', () => {
    spec.given(inReview()).when(accepted('nope', 9)).thenUnchanged();
  });
});

describe('handoverReadinessOf', () => {
  it('computes % mandatory accepted, blocking items, age to asOf and the sender as holder', () => {
    const document = handoverAfter(inReview())!;
    expect(handoverReadinessOf(document, '2026-03-16')).toEqual({
      mandatoryItems: 3,
      mandatoryAccepted: 1,
      mandatoryAcceptedPct: 33.3,
      blockingItems: [
        { id: 'sow', title: 'Statement of work', state: 'rejected', condition: null },
        { id: 'boq', title: 'Bill of quantities', state: 'submitted', condition: null },
      ],
      ageDays: 14,
      holder: { side: 'sender', personId: 'sam', role: 'sales' },
    });
  });

  it('stops the age at the approval and names the receiver as holder', () => {
    const document = handoverAfter([
      initiated(),
      submitted('contract', 3),
      accepted('contract', 4),
      submitted('sow', 5),
      accepted('sow', 6),
      submitted('boq', 7),
      accepted('boq', 8),
      event(
        'HandoverApproved',
        {
          approvedBy: 'carla',
          authority: 'project-manager',
          summary,
          accountable: 'carla',
          previousAccountable: 'sam',
          note: null,
        },
        9,
        11,
      ),
    ])!;
    expect(handoverReadinessOf(document, '2026-12-31')).toEqual({
      mandatoryItems: 3,
      mandatoryAccepted: 3,
      mandatoryAcceptedPct: 100,
      blockingItems: [],
      ageDays: 9,
      holder: { side: 'receiver', personId: 'carla', role: 'project-manager' },
    });
  });

  it('answers null % when there is no mandatory item, and never a negative age', () => {
    const optionalOnly = handoverAfter([
      event(
        'HandoverInitiated',
        {
          items: [{ id: 'map', title: 'Stakeholder map', mandatory: false }],
          initiatedBy: 'sam',
          authority: 'sales',
          accountable: 'sam',
        },
        2,
      ),
    ])!;
    expect(handoverReadinessOf(optionalOnly, '2026-03-01')).toMatchObject({
      mandatoryItems: 0,
      mandatoryAccepted: 0,
      mandatoryAcceptedPct: null,
      blockingItems: [],
      ageDays: 0,
    });
  });
});
