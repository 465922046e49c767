import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectedDocuments, projectionSpec } from '@ledger/testing';
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

const spec = projectionSpec(projection);

/** The project's summary after `events`, folded as the engine folds them. */
const summaryAfter = (events: readonly RecordedEvent[]): ProjectSummary | null =>
  projectedDocuments(projection, events).get('p1') ?? null;

const created = () =>
  event('ProjectCreated', { programId: 'prog-1', contractId: 'k1', name: 'Site rollout' }, 1);

describe('projectSummaryProjection', () => {
  it('creates the summary in set-up from ProjectCreated', () => {
    spec.after([created()]).thenDocument((summary) =>
      expect(summary).toMatchObject({
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
      }),
    );
  });

  it('keys documents by data.projectId and ignores events without one', () => {
    expect(projection.documentId(created())).toBe('p1');
    expect(projection.documentId({ ...created(), data: {} })).toBeNull();
  });

  it('returns null for an event that cannot create the document', () => {
    spec
      .given()
      .when(event('ProjectClosed', { reason: 'x' }, 5))
      .then(null);
  });

  it('tracks phase, baselines, open change requests and lastEventAt', () => {
    const summaryEvents = [
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
    ];
    spec.after(summaryEvents).thenDocument((summary) =>
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
      }),
    );
  });

  it('moves to closing after Delivery→Care and to closed on ProjectClosed', () => {
    const closingEvents = [
      created(),
      event('HandoverOutcomeRecorded', { kind: 'delivery-to-care', outcome: 'approved' }, 2),
    ];
    spec
      .after(closingEvents)
      .thenDocument((closing) =>
        expect(closing).toMatchObject({ phase: 'closing', status: 'active' }),
      );
    // A late Sell→Execute never takes the phase back.
    const lateEvents = [
      ...closingEvents,
      event('HandoverOutcomeRecorded', { kind: 'sell-to-execute', outcome: 'approved' }, 3),
    ];
    spec.after(lateEvents).thenDocument((late) => expect(late?.phase).toBe('closing'));
    spec
      .given(lateEvents)
      .when(event('ProjectClosed', { reason: 'done' }, 4))
      .thenDocument((closed) =>
        expect(closed).toMatchObject({ status: 'closed', phase: 'closed' }),
      );
  });

  it('the same event twice leaves the document unchanged', () => {
    const events = [
      created(),
      event('BaselineEstablished', { version: 1, baseline }, 2),
      event('ChangeRequestRaised', { changeRequestId: 'cr1' }, 3),
      event('BaselineRevised', { changeRequestId: 'cr1', version: 2, baseline }, 4),
      event('ChangeRequestWithdrawn', { changeRequestId: 'cr1' }, 5),
      event('HandoverOutcomeRecorded', { kind: 'sell-to-execute', outcome: 'approved' }, 6),
      event(
        'ReportingPeriodOpened',
        { periodId: 'p', startsOn: '2026-01-01', endsOn: '2026-01-31' },
        7,
      ),
      event(
        'ProgressReported',
        { reportId: 'r1', periodId: 'p', items: [{ scopeItemId: 's1', percentComplete: 40 }] },
        8,
      ),
      event(
        'ActualCostRecorded',
        { erpDocumentId: 'INV-1', amount: { amount: 10, currency: 'EUR' }, postedOn: '2026-01-02' },
        9,
      ),
      event('ReportingPeriodClosed', { periodId: 'p' }, 10),
      event(
        'ProgressCorrected',
        {
          correctedReportId: 'r1',
          periodId: 'p',
          previousItems: [{ scopeItemId: 's1', percentComplete: 40 }],
          items: [{ scopeItemId: 's1', percentComplete: 30 }],
        },
        11,
      ),
      { ...event('RiskRaised', { riskId: 'k1', kind: 'threat' }, 12), streamId: 'risk-k1' },
      { ...event('RiskAssessed', { riskId: 'k1', score: 20 }, 13), streamId: 'risk-k1' },
      { ...event('RiskClosed', { riskId: 'k1' }, 14), streamId: 'risk-k1' },
      event('ProjectDetachedFromProgram', { programId: 'prog-1' }, 15),
    ];
    spec.replays(events);
    spec.given([created()]).when(created()).thenUnchanged();
  });

  it('starts with no health, no earned value and no risks', () => {
    expect(summaryAfter([created()])).toMatchObject({
      attachedToProgram: true,
      openRisks: 0,
      openHighThreats: 0,
      earnedValue: null,
      reportingPeriods: [],
      latestForecast: null,
      health: 'unknown',
      healthRank: 3,
      healthReasons: [],
      healthAsOf: '2026-02-01',
    });
  });

  describe('earned value and health', () => {
    /** BAC 1,000,000.00 EUR from 2026-01-01; milestones 2026-01-31 and 2026-03-02. */
    const evmBaseline = {
      ...baseline,
      milestones: [
        { id: 'm1', title: 'Core ready', dueOn: '2026-01-31', obligationId: null },
        { id: 'm2', title: 'Access ready', dueOn: '2026-03-02', obligationId: null },
      ],
    };
    const january = { periodId: '2026-01', startsOn: '2026-01-01', endsOn: '2026-01-31' };
    const items = (s1: number, s2: number) => [
      { scopeItemId: 's1', percentComplete: s1 },
      { scopeItemId: 's2', percentComplete: s2 },
    ];
    const cost = (erpDocumentId: string, amount: number, postedOn: string) => ({
      erpDocumentId,
      amount: { amount, currency: 'EUR' },
      postedOn,
    });
    const executing = () => [
      created(),
      event('BaselineEstablished', { version: 1, baseline: evmBaseline }, 2),
      event('HandoverOutcomeRecorded', { kind: 'sell-to-execute', outcome: 'approved' }, 3),
      event('ReportingPeriodOpened', january, 4),
      event('ProgressReported', { reportId: 'r1', periodId: '2026-01', items: items(60, 20) }, 5),
      event('ActualCostRecorded', cost('INV-1', 30_000_000, '2026-01-10'), 6),
      event('ActualCostRecorded', cost('INV-2', 20_000_000, '2026-01-20'), 7),
    ];
    const eur = (amount: number) => ({ amount, currency: 'EUR' });

    it('derives PV, EV, AC and every indicator at the status date', () => {
      expect(summaryAfter(executing())).toMatchObject({
        earnedValue: {
          statusDate: '2026-01-31',
          bac: eur(100_000_000),
          pv: eur(50_000_000),
          ev: eur(40_000_000),
          ac: eur(50_000_000),
          sv: eur(-10_000_000),
          cv: eur(-10_000_000),
          spi: 0.8,
          cpi: 0.8,
          eac: eur(125_000_000),
          eacAtBudgetRate: eur(110_000_000),
          etc: eur(75_000_000),
          vac: eur(-25_000_000),
          tcpi: 1.2,
          percentComplete: 40,
          actualCostRecorded: eur(50_000_000),
        },
        health: 'red',
        healthRank: 0,
        // "Today" is the last event's recordedAt date (2026-02-07): m1 (2026-01-31) is past due.
        healthReasons: ['spi-below-0.9', 'cpi-below-0.9', 'milestone-past-due:m1'],
        healthAsOf: '2026-02-07',
      });
    });

    it('before a measured period, the figures are null (never 1 or infinity)', () => {
      const summaryEvents = executing().slice(0, 4);
      const summary = summaryAfter(summaryEvents);
      expect(summary?.earnedValue).toMatchObject({
        statusDate: null,
        pv: null,
        ev: null,
        ac: null,
        spi: null,
        cpi: null,
        tcpi: null,
      });
      expect(summary?.health).toBe('red'); // only because m1 is past due
      expect(summary?.healthReasons).toEqual(['milestone-past-due:m1']);
    });

    it('counts an ERP document once, even when a later event repeats its id', () => {
      const summaryEvents = [
        ...executing(),
        event('ActualCostRecorded', cost('INV-2', 20_000_000, '2026-01-20'), 8),
      ];
      const summary = summaryAfter(summaryEvents);
      expect(summary?.earnedValue?.ac).toEqual(eur(50_000_000));
      expect(summary?.inputs.costs.map((c) => c.erpDocumentId)).toEqual(['INV-1', 'INV-2']);
      expect(summary?.lastEventAt).toBe('2026-02-08T00:00:00.000Z');
    });

    it('a closed period freezes what it reported; later corrections and costs are adjustments', () => {
      const closedEvents = [
        ...executing(),
        event('ReportingPeriodClosed', { periodId: '2026-01', closedBy: 'alice' }, 8),
      ];
      const closed = summaryAfter(closedEvents);
      const reported = { pv: eur(50_000_000), ev: eur(40_000_000), ac: eur(50_000_000) };
      expect(closed?.reportingPeriods).toEqual([
        {
          ...january,
          status: 'closed',
          closedAt: '2026-02-08T00:00:00.000Z',
          reported,
          adjustments: { ev: null, ac: null, corrections: 0, lateCosts: 0 },
        },
      ]);
      const laterEvents = [
        ...closedEvents,
        event(
          'ProgressCorrected',
          {
            correctedReportId: 'r1',
            periodId: '2026-01',
            previousItems: items(60, 20),
            items: items(50, 20),
            reason: 'double counted',
          },
          9,
        ),
        event('ActualCostRecorded', cost('INV-3', 5_000_000, '2026-01-31'), 10),
        // Posted after the period: not an adjustment of it (nor in AC at 2026-01-31).
        event('ActualCostRecorded', cost('INV-4', 1_000, '2026-02-02'), 11),
      ];
      const later = summaryAfter(laterEvents);
      expect(later?.reportingPeriods[0]).toMatchObject({
        reported,
        adjustments: { ev: eur(-5_000_000), ac: eur(5_000_000), corrections: 1, lateCosts: 1 },
      });
      // The headline figures are restated.
      expect(later?.earnedValue).toMatchObject({
        ev: eur(35_000_000),
        ac: eur(55_000_000),
        actualCostRecorded: eur(55_001_000),
      });
    });

    it('uses the current baseline (BAC, scope, milestones) after a revision', () => {
      const revisedEvents = [
        ...executing(),
        event(
          'BaselineRevised',
          {
            changeRequestId: 'cr1',
            version: 2,
            baseline: {
              ...evmBaseline,
              budget: eur(200_000_000),
              scope: [...baseline.scope, { id: 's3', title: 'Extra' }],
              milestones: [{ id: 'm1', title: 'Core ready', dueOn: '2026-03-02' }],
            },
          },
          8,
        ),
      ];
      const revised = summaryAfter(revisedEvents);
      // PV: 30 of 60 days of the single milestone's window; EV: (60 + 20 + 0) / 300 of BAC.
      expect(revised?.earnedValue).toMatchObject({
        bac: eur(200_000_000),
        pv: eur(100_000_000),
        ev: eur(53_333_333),
        ac: eur(50_000_000),
      });
      expect(revised?.healthReasons).toEqual(['spi-below-0.9']);
    });

    it('is green on plan, amber with a late forecast; past-due dates stop at Delivery→Care', () => {
      const onPlanEvents = [
        ...executing().slice(0, 4),
        event('ProgressReported', { reportId: 'r1', periodId: '2026-01', items: items(100, 0) }, 5),
        event('ActualCostRecorded', cost('INV-1', 50_000_000, '2026-01-10'), 6),
        event('HandoverOutcomeRecorded', { kind: 'delivery-to-care', outcome: 'approved' }, 7),
      ];
      const onPlan = summaryAfter(onPlanEvents);
      expect(onPlan).toMatchObject({
        earnedValue: { spi: 1, cpi: 1, percentComplete: 50 },
        health: 'green',
        healthReasons: [],
      });
      const lateEvents = [
        ...onPlanEvents,
        event(
          'ForecastSubmitted',
          {
            milestones: [{ milestoneId: 'm2', forecastOn: '2026-03-20' }],
            estimateToComplete: eur(60_000_000),
            actualCostToDate: eur(50_000_000),
            estimateAtCompletion: eur(110_000_000),
          },
          8,
        ),
      ];
      const late = summaryAfter(lateEvents);
      expect(late).toMatchObject({
        latestForecast: {
          submittedAt: '2026-02-08T00:00:00.000Z',
          estimateAtCompletion: eur(110_000_000),
          milestones: [{ milestoneId: 'm2', forecastOn: '2026-03-20' }],
        },
        health: 'amber',
        healthRank: 1,
        healthReasons: ['milestone-forecast-late:m2'],
      });
    });
  });

  describe('risks', () => {
    const risk = (type: string, data: JsonObject, at: number) => ({
      ...event(type, { riskId: 'r1', ...data }, at),
      streamId: 'risk-r1',
    });
    const raised = (riskId: string, kind: string, at: number) =>
      risk('RiskRaised', { riskId, kind, title: 'Late fibre', category: 'supply-chain' }, at);

    it('counts open risks and open high threats; a closed risk is no longer open', () => {
      const assessedEvents = [
        created(),
        event('BaselineEstablished', { version: 1, baseline }, 2),
        raised('r1', 'threat', 3),
        raised('r2', 'opportunity', 4),
        risk('RiskAssessed', { riskId: 'r1', score: 16 }, 5),
        risk('RiskAssessed', { riskId: 'r2', score: 25 }, 6),
      ];
      const assessed = summaryAfter(assessedEvents);
      expect(assessed).toMatchObject({
        openRisks: 2,
        openHighThreats: 1,
        health: 'amber',
        healthReasons: ['open-high-threats:1'],
      });
      const mitigatedEvents = [
        ...assessedEvents,
        risk('ResidualRiskAssessed', { riskId: 'r1', score: 6 }, 7),
      ];
      const mitigated = summaryAfter(mitigatedEvents);
      expect(mitigated).toMatchObject({ openRisks: 2, openHighThreats: 0, health: 'green' });
      const closedEvents = [
        ...mitigatedEvents,
        risk('RiskClosed', { riskId: 'r2', reason: 'expired' }, 8),
      ];
      const closed = summaryAfter(closedEvents);
      expect(closed).toMatchObject({ openRisks: 1, openHighThreats: 0 });
      expect(closed?.inputs.risks).toEqual([{ riskId: 'r1', kind: 'threat', score: 6 }]);
    });

    it('a risk event before its project is known creates nothing', () => {
      expect(projection.documentId(raised('r1', 'threat', 2))).toBe('p1');
      spec
        .given()
        .when(raised('r1', 'threat', 2))
        .then(null);
    });
  });

  it('leaves the portfolio when detached from the program and comes back when attached', () => {
    const detachedEvents = [
      created(),
      event('ProjectDetachedFromProgram', { programId: 'prog-1', reason: 'sold' }, 2),
    ];
    spec
      .after(detachedEvents)
      .thenDocument((detached) => expect(detached?.attachedToProgram).toBe(false));
    spec
      .given(detachedEvents)
      .when(event('ProjectAttachedToProgram', { programId: 'prog-1' }, 3))
      .thenDocument((attached) => expect(attached?.attachedToProgram).toBe(true));
  });

  it('never lets "today" go back when an older recordedAt arrives', () => {
    const summaryEvents = [created(), event('StakeholderRegistered', {}, 9)];
    const older = {
      ...event('StakeholderRegistered', {}, 10),
      recordedAt: '2026-02-03T00:00:00.000Z',
    };
    spec
      .given(summaryEvents)
      .when(older)
      .thenDocument((summary) => expect(summary?.healthAsOf).toBe('2026-02-09'));
  });

  it('does not mutate the document it is given', () => {
    // projectionSpec checks that the document handed to the projection stays as it was.
    spec
      .given([created()])
      .when(event('ChangeRequestRaised', { changeRequestId: 'cr9' }, 2))
      .thenDocument((summary) => expect(summary?.openChangeRequests).toBe(1));
  });
});
