import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectionSpec } from '@ledger/testing';
import { safetyRegisterProjection as projection } from './safety-register.projection';

function event(type: string, data: JsonObject, position: number): RecordedEvent {
  const incidentId = typeof data.incidentId === 'string' ? data.incidentId : null;
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data: { projectId: 'p1', ...data },
    metadata: {
      effectiveAt: `2026-03-${String(position).padStart(2, '0')}T12:00:00.000Z`,
      actor: { sub: 'carol', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: incidentId ? `incident-${incidentId}` : 'exposure-p1',
    revision: 0,
    position,
    recordedAt: `2026-03-${String(position).padStart(2, '0')}T12:00:01.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

const by = { authority: 'project-manager' };
const reported = (incidentId: string, position: number) =>
  event(
    'SafetyIncidentReported',
    {
      incidentId,
      siteId: 'site-7',
      occurredAt: '2026-03-01T14:20:00+01:00',
      description: 'Ladder slipped',
      personRefs: ['emp-1', 'emp-2'],
      reportedBy: 'carol',
      ...by,
    },
    position,
  );
const recorded = (entryId: string, periodId: string, hours: number, position: number) =>
  event(
    'ExposureHoursRecorded',
    { entryId, siteId: 'site-7', periodId, hours, recordedBy: 'carol', ...by },
    position,
  );

/** One LTI reclassified to restricted work with lost days, investigated and closed; hours. */
const history = (): RecordedEvent[] => [
  recorded('e1', '2026-02', 40_000, 1),
  reported('i1', 2),
  event(
    'SafetyIncidentClassified',
    {
      incidentId: 'i1',
      siteId: 'site-7',
      classification: 'lost-time-injury',
      recordable: true,
      lostTimeInjury: true,
      classifiedBy: 'carol',
      ...by,
    },
    3,
  ),
  event(
    'LostDaysRecorded',
    {
      incidentId: 'i1',
      siteId: 'site-7',
      lostDays: 3,
      previousLostDays: 0,
      reason: null,
      recordedBy: 'carol',
      ...by,
    },
    4,
  ),
  event(
    'SafetyIncidentReclassified',
    {
      incidentId: 'i1',
      siteId: 'site-7',
      previousClassification: 'lost-time-injury',
      classification: 'restricted-work',
      recordable: true,
      lostTimeInjury: false,
      reason: 'Restricted duties only',
      reclassifiedBy: 'carol',
      ...by,
    },
    5,
  ),
  event(
    'SafetyIncidentInvestigated',
    {
      incidentId: 'i1',
      siteId: 'site-7',
      findings: 'Not tied off',
      rootCauseRef: 'capa-1',
      investigatedBy: 'carol',
      ...by,
    },
    6,
  ),
  event(
    'SafetyIncidentClosed',
    { incidentId: 'i1', siteId: 'site-7', note: null, closedBy: 'carol', ...by },
    7,
  ),
  recorded('e2', '2026-03', 10_000, 8),
  event(
    'ExposureHoursCorrected',
    {
      entryId: 'e3',
      correctsEntryId: 'e1',
      siteId: 'site-7',
      periodId: '2026-02',
      previousHours: 40_000,
      hours: 30_000,
      reason: 'Double-counted shift',
      correctedBy: 'carol',
      ...by,
    },
    9,
  ),
];

describe('safetyRegisterProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('folds incidents and exposure hours of a project into one exact document', () => {
    const events = history();
    spec
      .given(events.slice(0, -1))
      .when(events.at(-1)!)
      .then({
        _id: 'p1',
        position: 9,
        projectId: 'p1',
        incidents: [
          {
            incidentId: 'i1',
            siteId: 'site-7',
            occurredAt: '2026-03-01T14:20:00+01:00',
            reportedAt: '2026-03-02T12:00:00.000Z',
            description: 'Ladder slipped',
            peopleInvolved: 2,
            status: 'closed',
            classification: 'restricted-work',
            originalClassification: 'lost-time-injury',
            reclassifications: [
              {
                from: 'lost-time-injury',
                to: 'restricted-work',
                reason: 'Restricted duties only',
                by: 'carol',
                at: '2026-03-05T12:00:00.000Z',
              },
            ],
            recordable: true,
            lostTimeInjury: false,
            lostDays: 3,
            investigatedAt: '2026-03-06T12:00:00.000Z',
            rootCauseRef: 'capa-1',
            closedAt: '2026-03-07T12:00:00.000Z',
          },
        ],
        exposure: [
          { entryId: 'e2', siteId: 'site-7', periodId: '2026-03', hours: 10_000 },
          { entryId: 'e3', siteId: 'site-7', periodId: '2026-02', hours: 30_000 },
        ],
        lastEventAt: '2026-03-09T12:00:00.000Z',
      });
  });

  it('keeps no person ids (people are counted, never named)', () => {
    const events = history();
    spec
      .given(events.slice(0, -1))
      .when(events.at(-1)!)
      .thenDocument((document) => expect(JSON.stringify(document)).not.toContain('emp-1'));
  });

  it('the same event twice leaves the document unchanged (P5)', () => {
    const events = history();
    spec.replays(events);
    // Delivered again after the whole history, too (a redelivery after a restart).
    for (const next of events) spec.given(events).when(next).thenUnchanged();
  });

  it('is created by a first incident or a first exposure entry only (P5)', () => {
    const [hours, incident, ...rest] = history();
    spec
      .given()
      .when(hours!)
      .thenDocument((document) =>
        expect(document).toMatchObject({ _id: 'p1', exposure: [{ entryId: 'e1' }] }),
      );
    spec
      .given()
      .when(incident!)
      .thenDocument((document) =>
        expect(document).toMatchObject({ _id: 'p1', incidents: [{ incidentId: 'i1' }] }),
      );
    for (const next of rest.filter((e) => e.type !== 'ExposureHoursRecorded')) {
      spec.given().when(next).thenUnchanged();
    }
  });

  it('ignores events of an incident it never saw reported', () => {
    const orphan = { ...history()[2]!, position: 20 };
    spec.given(history().slice(0, 1)).when(orphan).thenUnchanged();
  });
});
