import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectedDocuments, projectionSpec } from '@ledger/testing';
import {
  riskRegisterProjection as projection,
  type RiskRegisterEntry,
} from './risk-register.projection';

function event(type: string, data: JsonObject, at: number, streamId = 'risk-r1'): RecordedEvent {
  return {
    id: `event-${at}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      effectiveAt: '2025-01-01T00:00:00.000Z',
      actor: { sub: 'carla', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId,
    revision: at - 1,
    position: at,
    recordedAt: `2025-01-${String(at).padStart(2, '0')}T00:00:00.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const r = (data: JsonObject) => ({ riskId: 'r1', projectId: 'p1', ...data });
const assessment = (probability: number, impact: number, emv: number, nextReviewOn: string) =>
  r({
    kind: 'threat',
    probability,
    probabilityPercent: probability * 20 - 10,
    impact,
    dimensionImpacts: null,
    score: probability * impact,
    costImpact: eur(1_000_000),
    scheduleDays: 30,
    expectedMonetaryValue: eur(emv),
    nextReviewOn,
    assessedBy: 'carla',
  });

const history = (): RecordedEvent[] => [
  event(
    'RiskRaised',
    r({
      kind: 'threat',
      title: 'Late radio units',
      cause: 'Single supplier',
      event: 'Units arrive late',
      effect: 'Integration slips',
      category: 'supply-chain',
      raisedBy: 'carla',
    }),
    1,
  ),
  event('RiskAssessed', assessment(4, 3, -700_000, '2025-02-01'), 2),
  event(
    'RiskOwnerAssigned',
    r({ ownerId: 'sam', previousOwnerId: null, assignedBy: 'carla', authority: 'pmo' }),
    3,
  ),
  event(
    'RiskResponsePlanned',
    r({
      strategy: 'mitigate',
      description: 'Second supplier',
      contingencyReserve: eur(200_000),
      ownerId: 'sam',
      plannedBy: 'carla',
      authority: 'pmo',
    }),
    4,
  ),
  event(
    'ResponseActionAdded',
    r({
      actionId: 'a1',
      description: 'Qualify supplier B',
      ownerId: 'sam',
      dueOn: '2025-02-15',
      status: 'open',
      addedBy: 'carla',
    }),
    5,
  ),
  event(
    'ResponseActionAdded',
    r({
      actionId: 'a.2',
      description: 'Frame order',
      ownerId: 'sam',
      dueOn: '2025-03-15',
      status: 'open',
      addedBy: 'carla',
    }),
    6,
  ),
  event(
    'ResponseActionUpdated',
    r({ actionId: 'a1', changes: { status: 'done' }, updatedBy: 'sam' }),
    7,
  ),
  event('ResidualRiskAssessed', assessment(2, 3, -300_000, '2025-03-01'), 8),
  event(
    'RiskEscalated',
    r({
      level: 'program',
      escalatedTo: 'Program board',
      reason: 'Above tolerance',
      escalatedBy: 'carla',
      authority: 'pmo',
    }),
    9,
  ),
  event(
    'ContingencyDrawn',
    r({
      amount: eur(50_000),
      reason: 'Freight',
      remainingReserve: eur(150_000),
      drawnBy: 'sam',
      authority: 'pmo',
    }),
    10,
  ),
  event(
    'ContingencyDrawn',
    r({
      amount: eur(30_000),
      reason: 'Freight',
      remainingReserve: eur(120_000),
      drawnBy: 'sam',
      authority: 'pmo',
    }),
    11,
  ),
];

const occurred = () =>
  event(
    'RiskOccurred',
    r({
      kind: 'threat',
      occurredOn: '2025-01-20',
      description: 'Five weeks late',
      actualCostImpact: eur(400_000),
      becameIssue: true,
      recordedBy: 'carla',
    }),
    12,
  );
const closed = () =>
  event(
    'RiskClosed',
    r({ reason: 'occurred-and-resolved', note: null, closedBy: 'carla', authority: 'pmo' }),
    13,
  );

describe('riskRegisterProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('keeps programs, projects and risks apart by id', () => {
    const program = event('ProgramCreated', { programId: 'prog-1', name: 'North' }, 1);
    const project = event(
      'ProjectCreated',
      { projectId: 'p1', programId: 'prog-1', contractId: 'k1', name: 'Metro' },
      2,
    );
    expect([program, project, ...history()].map((e) => projection.documentId(e))).toEqual([
      'program:prog-1',
      'project:p1',
      ...Array(11).fill('risk:r1'),
    ]);
    spec.after([program]).then({
      _id: 'program:prog-1',
      position: 1,
      type: 'program',
      programId: 'prog-1',
      name: 'North',
    });
    spec.after([project]).then({
      _id: 'project:p1',
      position: 2,
      type: 'project',
      projectId: 'p1',
      programId: 'prog-1',
      name: 'Metro',
    });
    expect(projection.documentId(event('RiskAssessed', { projectId: 'p1' }, 3))).toBeNull();
  });

  it('folds a risk: assessments, owner, response, actions, escalation, contingency drawn', () => {
    const inherent = {
      probability: 4,
      probabilityPercent: 70,
      impact: 3,
      score: 12,
      costImpact: eur(1_000_000),
      scheduleDays: 30,
      expectedMonetaryValue: eur(-700_000),
      assessedBy: 'carla',
      assessedAt: '2025-01-02T00:00:00.000Z',
    };
    spec.after(history()).then({
      _id: 'risk:r1',
      position: 11,
      type: 'risk',
      riskId: 'r1',
      projectId: 'p1',
      kind: 'threat',
      category: 'supply-chain',
      title: 'Late radio units',
      cause: 'Single supplier',
      event: 'Units arrive late',
      effect: 'Integration slips',
      raisedBy: 'carla',
      status: 'open',
      closeReason: null,
      ownerId: 'sam',
      response: {
        strategy: 'mitigate',
        description: 'Second supplier',
        contingencyReserve: eur(200_000),
      },
      contingencyDrawn: eur(80_000),
      inherent,
      residual: {
        ...inherent,
        probability: 2,
        probabilityPercent: 30,
        score: 6,
        expectedMonetaryValue: eur(-300_000),
        assessedAt: '2025-01-08T00:00:00.000Z',
      },
      nextReviewOn: '2025-03-01',
      escalation: {
        level: 'program',
        escalatedTo: 'Program board',
        reason: 'Above tolerance',
        escalatedAt: '2025-01-09T00:00:00.000Z',
      },
      actions: [
        {
          actionId: 'a1',
          description: 'Qualify supplier B',
          ownerId: 'sam',
          dueOn: '2025-02-15',
          status: 'done',
        },
        {
          actionId: 'a.2',
          description: 'Frame order',
          ownerId: 'sam',
          dueOn: '2025-03-15',
          status: 'open',
        },
      ],
      occurrence: null,
      raisedAt: '2025-01-01T00:00:00.000Z',
      lastEventAt: '2025-01-11T00:00:00.000Z',
    });
  });

  it('contingency drawn is money: null without a reserve, zero in its currency once one is planned', () => {
    const events = history();
    const planned = events.findIndex((next) => next.type === 'RiskResponsePlanned');
    spec
      .after(events.slice(0, planned))
      .thenDocument((document) => expect(document).toMatchObject({ contingencyDrawn: null }));
    spec
      .after(events.slice(0, planned + 1))
      .thenDocument((document) => expect(document).toMatchObject({ contingencyDrawn: eur(0) }));
  });

  it('records the occurrence, then the close; an occurrence after the close changes nothing', () => {
    spec.after([...history(), occurred(), closed()]).thenDocument((done) =>
      expect(done).toMatchObject({
        status: 'closed',
        closeReason: 'occurred-and-resolved',
        occurrence: {
          occurredOn: '2025-01-20',
          description: 'Five weeks late',
          actualCostImpact: eur(400_000),
          becameIssue: true,
        },
        lastEventAt: '2025-01-13T00:00:00.000Z',
      }),
    );
    spec
      .given([...history(), closed()])
      .when(occurred())
      .thenUnchanged();
  });

  it('the same event twice leaves the document unchanged (P5)', () => {
    spec.replays([...history(), occurred(), closed()]);
  });

  it('never creates a risk from anything but RiskRaised, nor throws on null (P5)', () => {
    for (const next of [...history().slice(1), occurred(), closed()]) {
      spec.given().when(next).thenUnchanged();
    }
  });

  it('ignores updates of unknown actions and a draw without a reserve', () => {
    const draw = history()[9]!;
    spec
      .given(history().slice(0, 1))
      .when(draw)
      .thenDocument((document) => expect(document).toMatchObject({ contingencyDrawn: null }));
    const unknown = event(
      'ResponseActionUpdated',
      r({ actionId: 'nope', changes: { status: 'done' } }),
      20,
    );
    const withActions = history().slice(0, 6);
    const earlier = projectedDocuments(projection, withActions).get('risk:r1') as RiskRegisterEntry;
    spec
      .given(withActions)
      .when(unknown)
      .thenDocument((document) =>
        expect((document as RiskRegisterEntry).actions).toEqual(earlier.actions),
      );
  });
});
