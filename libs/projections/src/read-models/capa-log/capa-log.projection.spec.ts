import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectedDocuments, projectionSpec } from '@ledger/testing';
import { capaFiguresOf, capaLogSummaryOf } from './capa-log.figures';
import { capaLogProjection as projection, type CapaLogEntry } from './capa-log.projection';

function event(type: string, data: JsonObject, position: number, capaId = 'k1'): RecordedEvent {
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data: { capaId, projectId: 'p1', ...data },
    metadata: {
      effectiveAt: `2026-04-${String(position).padStart(2, '0')}T08:00:00.000Z`,
      actor: { sub: 'carla', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: `capa-${capaId}`,
    revision: position - 1,
    position,
    recordedAt: `2026-04-${String(position).padStart(2, '0')}T08:00:01.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

/** The document `id` after `events`, folded as the engine folds them (for the figures). */
const capaAfter = (events: readonly RecordedEvent[], id = 'k1'): CapaLogEntry | null =>
  projectedDocuments(projection, events).get(id) ?? null;

const by = { authority: 'project-manager' };
const opened = (capaId = 'k1', source = 'complaint') =>
  event(
    'CorrectiveActionOpened',
    { source, sourceRef: 'c1', problemStatement: 'Gates left open', openedBy: 'carla', ...by },
    1,
    capaId,
  );
const criteria = [
  { criterionId: 'no-repeat', description: 'No repeat within 90 days' },
  { criterionId: 'audit', description: 'Spot audit passes' },
];
const check = (number: number, met: boolean, position: number) =>
  event(
    'EffectivenessCheckRecorded',
    {
      checkNumber: number,
      results: [
        { criterionId: 'no-repeat', met, observation: null },
        { criterionId: 'audit', met: true, observation: 'ok' },
      ],
      effective: met,
      checkedBy: 'carla',
      ...by,
    },
    position,
  );
const action = (actionId: string, dueOn: string, position: number) =>
  event(
    'CorrectiveActionAdded',
    { actionId, description: `do ${actionId}`, ownerId: 'olaf', dueOn, addedBy: 'carla', ...by },
    position,
  );
const completed = (actionId: string, position: number) =>
  event(
    'CorrectiveActionCompleted',
    { actionId, evidence: null, completedBy: 'olaf', ...by },
    position,
  );

/** Contained, analysed, two actions done, criteria, an ineffective check. */
const toFailedCheck = (): RecordedEvent[] => [
  opened(),
  event('ContainmentRecorded', { actionTaken: 'Guard posted', recordedBy: 'carla', ...by }, 2),
  event(
    'RootCauseRecorded',
    {
      method: '5-whys',
      statement: 'No lock',
      revisesPrevious: false,
      recordedBy: 'carla',
      ...by,
    },
    3,
  ),
  action('fit-locks', '2026-04-10', 4),
  action('brief-crews', '2026-04-12', 5),
  event(
    'EffectivenessCriteriaDefined',
    { criteria, replacesPrevious: false, definedBy: 'carla', ...by },
    6,
  ),
  completed('fit-locks', 7),
  completed('brief-crews', 8),
  check(1, false, 9),
];

describe('capaLogProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('moves through the stages as the CAPA progresses', () => {
    const events = toFailedCheck();
    const stageAfter = (count: number, stage: string) =>
      spec
        .given(events.slice(0, count - 1))
        .when(events[count - 1]!)
        .thenDocument((document) => expect(document?.stage).toBe(stage));
    stageAfter(1, 'containment');
    stageAfter(2, 'root-cause');
    stageAfter(3, 'actions');
    stageAfter(7, 'actions');
    stageAfter(8, 'effectiveness-check');
    // Ineffective: back to actions until a new action is added and completed.
    stageAfter(9, 'actions');
  });

  it('folds a CAPA with an ineffective then effective check and the close into one exact document', () => {
    spec
      .given([
        ...toFailedCheck(),
        event(
          'RootCauseRecorded',
          {
            method: 'fishbone',
            statement: 'Locks but no keys policy',
            revisesPrevious: true,
            recordedBy: 'carla',
            ...by,
          },
          10,
        ),
        action('key-policy', '2026-04-20', 11),
        completed('key-policy', 12),
        check(2, true, 13),
      ])
      .when(event('CorrectiveActionClosed', { note: 'Verified', closedBy: 'carla', ...by }, 14))
      .then({
        _id: 'k1',
        position: 14,
        capaId: 'k1',
        projectId: 'p1',
        source: 'complaint',
        sourceRef: 'c1',
        problemStatement: 'Gates left open',
        openedBy: 'carla',
        openedAt: '2026-04-01T08:00:00.000Z',
        stage: 'closed',
        containment: { actionTaken: 'Guard posted', recordedAt: '2026-04-02T08:00:00.000Z' },
        rootCause: {
          method: 'fishbone',
          statement: 'Locks but no keys policy',
          recordedAt: '2026-04-10T08:00:00.000Z',
          revisions: 1,
        },
        actions: [
          {
            actionId: 'fit-locks',
            description: 'do fit-locks',
            ownerId: 'olaf',
            dueOn: '2026-04-10',
            completedAt: '2026-04-07T08:00:00.000Z',
          },
          {
            actionId: 'brief-crews',
            description: 'do brief-crews',
            ownerId: 'olaf',
            dueOn: '2026-04-12',
            completedAt: '2026-04-08T08:00:00.000Z',
          },
          {
            actionId: 'key-policy',
            description: 'do key-policy',
            ownerId: 'olaf',
            dueOn: '2026-04-20',
            completedAt: '2026-04-12T08:00:00.000Z',
          },
        ],
        actionsSinceLastCheck: 0,
        criteria,
        checks: [
          {
            checkNumber: 1,
            effective: false,
            results: [
              { criterionId: 'no-repeat', met: false, observation: null },
              { criterionId: 'audit', met: true, observation: 'ok' },
            ],
            checkedBy: 'carla',
            checkedAt: '2026-04-09T08:00:00.000Z',
          },
          {
            checkNumber: 2,
            effective: true,
            results: [
              { criterionId: 'no-repeat', met: true, observation: null },
              { criterionId: 'audit', met: true, observation: 'ok' },
            ],
            checkedBy: 'carla',
            checkedAt: '2026-04-13T08:00:00.000Z',
          },
        ],
        effective: true,
        closedAt: '2026-04-14T08:00:00.000Z',
        closeNote: 'Verified',
        lastEventAt: '2026-04-14T08:00:00.000Z',
      });
  });

  it('the same event twice leaves the document unchanged (P5)', () => {
    const events = toFailedCheck();
    spec.replays(events);
    // Delivered again after the whole history, too (a redelivery after a restart).
    for (const next of events) spec.given(events).when(next).thenUnchanged();
  });

  it('never creates the document from anything but CorrectiveActionOpened (P5)', () => {
    for (const next of toFailedCheck().slice(1)) spec.given().when(next).thenUnchanged();
  });
});

describe('capa log figures', () => {
  it('counts overdue open actions and days open on asOf', () => {
    const inActions = capaAfter(toFailedCheck().slice(0, 7))!;
    // brief-crews (due 04-12) is the only open action.
    expect(capaFiguresOf(inActions, '2026-04-12')).toEqual({
      overdueActions: 0,
      openActions: 1,
      daysOpen: 11,
    });
    expect(capaFiguresOf(inActions, '2026-04-13')).toEqual({
      overdueActions: 1,
      openActions: 1,
      daysOpen: 12,
    });
  });

  it('summarises by stage and source (zeros included) and by effectiveness', () => {
    const failed = capaAfter(toFailedCheck())!;
    const fresh = capaAfter([opened('k2', 'audit')], 'k2')!;
    expect(capaLogSummaryOf([failed, fresh], '2026-04-30')).toEqual({
      total: 2,
      open: 2,
      byStage: {
        containment: 1,
        'root-cause': 0,
        actions: 1,
        'effectiveness-check': 0,
        closed: 0,
      },
      bySource: { complaint: 1, incident: 0, audit: 1, lesson: 0 },
      effective: 0,
      notEffective: 1,
      notChecked: 1,
      overdueActions: 0,
    });
  });
});
