import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectedDocuments, projectionSpec } from '@ledger/testing';
import { acceptanceTrackerSummaryOf, acceptanceWarrantyOf } from './acceptance-tracker.figures';
import {
  acceptanceTrackerProjection as projection,
  type AcceptanceTrackerEntry,
} from './acceptance-tracker.projection';

const site = { kind: 'site', ref: 'SITE-42', title: 'Macro site 42' };

function event(
  type: string,
  data: JsonObject,
  position: number,
  acceptanceId = 'a1',
): RecordedEvent {
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data: { acceptanceId, projectId: 'p1', ...data },
    metadata: {
      effectiveAt: `2026-02-${String(position).padStart(2, '0')}T10:00:00.000Z`,
      actor: { sub: 'carla', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: `acceptance-${acceptanceId}`,
    revision: position - 1,
    position,
    recordedAt: `2026-02-${String(position).padStart(2, '0')}T10:00:01.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

/** The document `id` after `events`, folded as the engine folds them (for the figures). */
const acceptanceAfter = (
  events: readonly RecordedEvent[],
  id = 'a1',
): AcceptanceTrackerEntry | null => projectedDocuments(projection, events).get(id) ?? null;

const by = { authority: 'project-manager' };
const opened = (acceptanceId = 'a1', position = 1) =>
  event(
    'AcceptanceOpened',
    {
      object: site,
      contractId: 'k1',
      obligationId: 'o1',
      obligationFulfilledBy: 'pac',
      warrantyMonths: 12,
      openedBy: 'carla',
      ...by,
    },
    position,
    acceptanceId,
  );
const punch = (itemId: string, severity: string, position: number, acceptanceId = 'a1') =>
  event(
    'PunchItemRaised',
    { itemId, severity, description: `${itemId} issue`, raisedBy: 'carla', ...by },
    position,
    acceptanceId,
  );
const cleared = (itemId: string, severity: string, position: number) =>
  event(
    'PunchItemCleared',
    {
      itemId,
      severity,
      evidence: { ref: 'photo', note: null },
      clearedBy: 'carla',
      ...by,
    },
    position,
  );

/** Tested, rejected once, re-tested, A and B items, A cleared, PAC with the B item reserved. */
const toPac = (): RecordedEvent[] => [
  opened(),
  event(
    'AcceptanceTestScheduled',
    { testId: 'sat-1', scheduledOn: '2026-02-03', scheduledBy: 'carla', ...by },
    2,
  ),
  event(
    'AcceptanceTestResultRecorded',
    { testId: 'sat-1', result: 'passed', notes: '', recordedBy: 'carla', ...by },
    3,
  ),
  punch('pi-a', 'A', 4),
  punch('pi-b', 'B', 5),
  punch('pi-b2', 'B', 6),
  event(
    'AcceptanceRejected',
    { stage: 'provisional', reason: 'Open A item', rejectedBy: 'carla', ...by },
    7,
  ),
  cleared('pi-a', 'A', 8),
  cleared('pi-b2', 'B', 9),
  event(
    'AcceptanceTestScheduled',
    { testId: 'sat-2', scheduledOn: '2026-02-10', scheduledBy: 'carla', ...by },
    10,
  ),
  event(
    'AcceptanceTestResultRecorded',
    { testId: 'sat-2', result: 'passed', notes: '', recordedBy: 'carla', ...by },
    11,
  ),
  event(
    'ProvisionalAcceptanceCertificateIssued',
    {
      object: site,
      certificateId: 'pac-1',
      issuedOn: '2026-02-12',
      openPunchItems: [{ itemId: 'pi-b', severity: 'B', description: 'pi-b issue' }],
      warrantyMonths: 12,
      warrantyStartsOn: '2026-02-12',
      warrantyEndsOn: '2027-02-12',
      issuedBy: 'carla',
      contractId: 'k1',
      obligationId: 'o1',
      fulfilsObligation: true,
      ...by,
    },
    12,
  ),
];

const fac = (position: number) =>
  event(
    'FinalAcceptanceCertificateIssued',
    {
      object: site,
      certificateId: 'fac-1',
      issuedOn: '2027-02-15',
      provisionalCertificateId: 'pac-1',
      warrantyEndsOn: '2027-02-12',
      issuedBy: 'carla',
      contractId: 'k1',
      obligationId: 'o1',
      fulfilsObligation: false,
      ...by,
    },
    position,
  );

describe('acceptanceTrackerProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('folds tests, punch items, a rejection and the PAC into one exact document', () => {
    spec.after(toPac()).then({
      _id: 'a1',
      position: 12,
      acceptanceId: 'a1',
      projectId: 'p1',
      object: site,
      obligation: { contractId: 'k1', obligationId: 'o1', fulfilledBy: 'pac' },
      warrantyMonths: 12,
      status: 'provisionally-accepted',
      openedBy: 'carla',
      openedAt: '2026-02-01T10:00:00.000Z',
      tests: [
        {
          testId: 'sat-1',
          scheduledOn: '2026-02-03',
          result: 'passed',
          resultRecordedAt: '2026-02-03T10:00:00.000Z',
        },
        {
          testId: 'sat-2',
          scheduledOn: '2026-02-10',
          result: 'passed',
          resultRecordedAt: '2026-02-11T10:00:00.000Z',
        },
      ],
      latestResult: 'passed',
      punchItems: [
        {
          itemId: 'pi-a',
          severity: 'A',
          description: 'pi-a issue',
          raisedAt: '2026-02-04T10:00:00.000Z',
          clearedAt: '2026-02-08T10:00:00.000Z',
        },
        {
          itemId: 'pi-b',
          severity: 'B',
          description: 'pi-b issue',
          raisedAt: '2026-02-05T10:00:00.000Z',
          clearedAt: null,
        },
        {
          itemId: 'pi-b2',
          severity: 'B',
          description: 'pi-b2 issue',
          raisedAt: '2026-02-06T10:00:00.000Z',
          clearedAt: '2026-02-09T10:00:00.000Z',
        },
      ],
      openPunchItems: { A: 0, B: 1 },
      pac: {
        certificateId: 'pac-1',
        issuedOn: '2026-02-12',
        fulfilsObligation: true,
        warrantyStartsOn: '2026-02-12',
        warrantyEndsOn: '2027-02-12',
        reservations: 1,
      },
      fac: null,
      rejections: [
        {
          stage: 'provisional',
          reason: 'Open A item',
          rejectedBy: 'carla',
          rejectedAt: '2026-02-07T10:00:00.000Z',
        },
      ],
      lastEventAt: '2026-02-12T10:00:00.000Z',
    });
  });

  it('counts open A and B items as they are raised and cleared', () => {
    const events = toPac();
    spec
      .after(events.slice(0, 6))
      .thenDocument((document) => expect(document?.openPunchItems).toEqual({ A: 1, B: 2 }));
    spec
      .after(events.slice(0, 8))
      .thenDocument((document) => expect(document?.openPunchItems).toEqual({ A: 0, B: 2 }));
    // The refused PAC forgets the passed result (a new passed test is needed).
    spec
      .after(events.slice(0, 7))
      .thenDocument((document) => expect(document?.latestResult).toBeNull());
  });

  it('issues the FAC', () => {
    spec.after([...toPac(), cleared('pi-b', 'B', 13), fac(14)]).thenDocument((document) =>
      expect(document).toMatchObject({
        status: 'finally-accepted',
        openPunchItems: { A: 0, B: 0 },
        fac: { certificateId: 'fac-1', issuedOn: '2027-02-15', fulfilsObligation: false },
      }),
    );
  });

  it('keeps an acceptance without an obligation as null', () => {
    spec
      .after([
        event(
          'AcceptanceOpened',
          {
            object: site,
            contractId: null,
            obligationId: null,
            obligationFulfilledBy: null,
            warrantyMonths: 0,
            openedBy: 'carla',
            ...by,
          },
          1,
        ),
      ])
      .thenDocument((document) =>
        expect(document).toMatchObject({ obligation: null, warrantyMonths: 0 }),
      );
  });

  it('the same event twice leaves the document unchanged (P5)', () => {
    const events = toPac();
    spec.replays(events);
    // Delivered again after the whole history, too (a redelivery after a restart).
    for (const next of events) spec.given(events).when(next).thenUnchanged();
  });

  it('never creates the document from anything but AcceptanceOpened (P5)', () => {
    for (const next of [...toPac().slice(1), fac(14)]) {
      spec.given().when(next).thenUnchanged();
    }
  });
});

describe('acceptance tracker figures', () => {
  const pacd = () => acceptanceAfter(toPac())!;
  const open = () => acceptanceAfter([opened('a2', 1), punch('pi-x', 'A', 2, 'a2')], 'a2')!;

  it('tells whether the warranty elapsed and the FAC is due, on asOf', () => {
    expect(acceptanceWarrantyOf(pacd(), '2027-02-11')).toEqual({
      warrantyElapsed: false,
      finalAcceptanceDue: false,
    });
    expect(acceptanceWarrantyOf(pacd(), '2027-02-12')).toEqual({
      warrantyElapsed: true,
      finalAcceptanceDue: true,
    });
    expect(acceptanceWarrantyOf(open(), '2030-01-01')).toEqual({
      warrantyElapsed: null,
      finalAcceptanceDue: false,
    });
  });

  it('counts by status (zeros included), open punch items and blocked acceptances', () => {
    expect(acceptanceTrackerSummaryOf([pacd(), open()], '2027-03-01')).toEqual({
      total: 2,
      byStatus: { open: 1, 'provisionally-accepted': 1, 'finally-accepted': 0 },
      openPunchItems: { A: 1, B: 1 },
      blockedByPunchItems: 1,
      finalAcceptanceDue: 1,
    });
    expect(acceptanceTrackerSummaryOf([], '2027-03-01')).toEqual({
      total: 0,
      byStatus: { open: 0, 'provisionally-accepted': 0, 'finally-accepted': 0 },
      openPunchItems: { A: 0, B: 0 },
      blockedByPunchItems: 0,
      finalAcceptanceDue: 0,
    });
  });
});
