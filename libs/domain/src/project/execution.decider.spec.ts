import { deciderSpec } from '@ledger/testing';
import { projectDecider, type ProjectCommand, type ProjectEvent } from './index';
import {
  approvedCr,
  baselineEstablished,
  baselineRevised,
  created,
  engineer,
  erp,
  executing,
  handoverRecorded,
  originalBaseline,
  periodOpened,
  pm,
  projectId,
} from './project.spec-fixtures';

const spec = deciderSpec(projectDecider);

const periodClosed: ProjectEvent = {
  type: 'ReportingPeriodClosed',
  data: { projectId, periodId: 'p1', closedBy: 'carla', authority: 'project-manager' },
};
const items = [
  { scopeItemId: 's1', percentComplete: 40 },
  { scopeItemId: 's2', percentComplete: 12.5 },
];
const report = (
  data: Partial<Extract<ProjectCommand, { type: 'ReportProgress' }>['data']> = {},
): ProjectCommand => ({
  type: 'ReportProgress',
  data: { reportId: 'r1', periodId: 'p1', items, ...data },
  meta: pm,
});
const reported: ProjectEvent = {
  type: 'ProgressReported',
  data: { projectId, reportId: 'r1', periodId: 'p1', items, reportedBy: 'carla' },
};
const cost = (erpDocumentId: string, amount: number, currency = 'EUR'): ProjectCommand => ({
  type: 'RecordActualCost',
  data: { erpDocumentId, amount: { amount, currency }, postedOn: '2026-03-20' },
  meta: erp,
});
const costRecorded = (erpDocumentId: string, amount: number): ProjectEvent => ({
  type: 'ActualCostRecorded',
  data: {
    projectId,
    erpDocumentId,
    amount: { amount, currency: 'EUR' },
    postedOn: '2026-03-20',
    recordedBy: 'erp',
  },
});

describe('Project decider: execution', () => {
  describe('OpenReportingPeriod', () => {
    const open = (periodId: string, startsOn: string, endsOn: string): ProjectCommand => ({
      type: 'OpenReportingPeriod',
      data: { periodId, startsOn, endsOn },
      meta: pm,
    });
    it('opens a reporting period', () => {
      spec
        .given([created])
        .when(open('p1', '2026-03-01', '2026-03-31'))
        .then([periodOpened()]);
    });
    it('records nothing when the same period is opened again', () => {
      spec
        .given([created, periodOpened()])
        .when(open('p1', '2026-03-01', '2026-03-31'))
        .then([]);
    });
    it('refuses the same period id with other dates', () => {
      spec
        .given([created, periodOpened()])
        .when(open('p1', '2026-03-01', '2026-03-30'))
        .thenFails('reporting-period-already-exists');
    });
    it('refuses a period that ends before it starts', () => {
      spec
        .given([created])
        .when(open('p1', '2026-03-31', '2026-03-01'))
        .thenFails('reporting-period-ends-before-start');
    });
    it('refuses a period overlapping another', () => {
      spec
        .given([created, periodOpened()])
        .when(open('p2', '2026-03-31', '2026-04-30'))
        .thenFails('reporting-periods-overlap');
    });
    it('refuses dates that are not calendar dates', () => {
      spec
        .given([created])
        .when(open('p1', '2026-03-01', '31/03/2026'))
        .thenFails('invalid-calendar-date');
    });
  });

  describe('CloseReportingPeriod', () => {
    const close = (meta = pm, periodId = 'p1'): ProjectCommand => ({
      type: 'CloseReportingPeriod',
      data: { periodId },
      meta,
    });
    it('closes a period, recording who and under which authority', () => {
      spec.given([created, periodOpened()]).when(close()).then([periodClosed]);
    });
    it('records nothing when the period is closed again', () => {
      spec.given([created, periodOpened(), periodClosed]).when(close()).then([]);
    });
    it('refuses a period that does not exist', () => {
      spec.given([created]).when(close(pm, 'p9')).thenFails('reporting-period-not-found');
    });
    it('refuses a caller without project decision authority', () => {
      spec
        .given([created, periodOpened()])
        .when(close(engineer))
        .thenFails('decision-authority-required');
    });
  });

  describe('ReportProgress', () => {
    const ready = [...executing, periodOpened()];
    it('records the cumulative percent complete per scope item for a period', () => {
      spec.given(ready).when(report()).then([reported]);
    });
    it('records nothing when the same report is sent again, even after the period closed', () => {
      spec
        .given([...ready, reported])
        .when(report())
        .then([]);
      spec
        .given([...ready, reported, periodClosed])
        .when(report())
        .then([]);
    });
    it('refuses the same report id with other content', () => {
      spec
        .given([...ready, reported])
        .when(report({ items: [{ scopeItemId: 's1', percentComplete: 50 }] }))
        .thenFails('progress-report-already-exists');
    });
    it('refuses progress before the Sell→Execute handover is approved', () => {
      spec
        .given([created, baselineEstablished, periodOpened()])
        .when(report())
        .thenFails('execution-not-authorised');
    });
    it('is not authorised by the Delivery→Care handover', () => {
      spec
        .given([created, baselineEstablished, handoverRecorded('delivery-to-care'), periodOpened()])
        .when(report())
        .thenFails('execution-not-authorised');
    });
    it('starts execution on a conditionally approved Sell→Execute handover', () => {
      spec
        .given([
          created,
          baselineEstablished,
          handoverRecorded('sell-to-execute', 'conditionally-approved'),
          periodOpened(),
        ])
        .when(report())
        .then([reported]);
    });
    it('refuses progress into a closed period', () => {
      spec
        .given([...ready, periodClosed])
        .when(report())
        .thenFails('reporting-period-closed');
    });
    it('refuses a period that does not exist', () => {
      spec.given(executing).when(report()).thenFails('reporting-period-not-found');
    });
    it('refuses a scope item that is not in the current baseline', () => {
      spec
        .given(ready)
        .when(report({ items: [{ scopeItemId: 's9', percentComplete: 5 }] }))
        .thenFails('unknown-scope-item');
    });
    it.each([-1, 100.1, Number.NaN])('refuses %p percent complete', (percentComplete) => {
      spec
        .given(ready)
        .when(report({ items: [{ scopeItemId: 's1', percentComplete }] }))
        .thenFails('percent-complete-out-of-range');
    });
    it('refuses a report without items, or with a scope item twice', () => {
      spec
        .given(ready)
        .when(report({ items: [] }))
        .thenFails('progress-items-required');
      spec
        .given(ready)
        .when(report({ items: [items[0]!, items[0]!] }))
        .thenFails('duplicate-entries');
    });
    it('refuses before the baseline is established', () => {
      spec
        .given([created, handoverRecorded('sell-to-execute'), periodOpened()])
        .when(report())
        .thenFails('baseline-not-established');
    });
  });

  describe('CorrectProgress', () => {
    const correct = (
      corrected = [{ scopeItemId: 's1', percentComplete: 35 }, items[1]!],
    ): ProjectCommand => ({
      type: 'CorrectProgress',
      data: { reportId: 'r1', items: corrected, reason: 'double-counted a site' },
      meta: pm,
    });
    const corrected: ProjectEvent = {
      type: 'ProgressCorrected',
      data: {
        projectId,
        correctedReportId: 'r1',
        periodId: 'p1',
        previousItems: items,
        items: [{ scopeItemId: 's1', percentComplete: 35 }, items[1]!],
        reason: 'double-counted a site',
        correctedBy: 'carla',
      },
    };
    const frozen = [...executing, periodOpened(), reported, periodClosed];
    it('corrects a report of a closed period with an explicit correction naming the report and the reason', () => {
      spec.given(frozen).when(correct()).then([corrected]);
    });
    it('records nothing when the same correction is sent again', () => {
      spec
        .given([...frozen, corrected])
        .when(correct())
        .then([]);
    });
    it('still corrects a scope item that a later change request removed', () => {
      const withoutS2 = { ...originalBaseline, scope: [originalBaseline.scope[0]!] };
      spec
        .given([...frozen, ...approvedCr().slice(0, 3), baselineRevised('cr1', 2, withoutS2)])
        .when(correct([{ scopeItemId: 's2', percentComplete: 10 }]))
        .thenEvents(([event]) => expect(event?.type).toBe('ProgressCorrected'));
    });
    it('refuses a report that does not exist', () => {
      spec
        .given([...executing, periodOpened()])
        .when(correct())
        .thenFails('progress-report-not-found');
    });
    it('refuses corrected items out of range', () => {
      spec
        .given(frozen)
        .when(correct([{ scopeItemId: 's1', percentComplete: 120 }]))
        .thenFails('percent-complete-out-of-range');
    });
  });

  describe('RecordActualCost', () => {
    it('records an actual cost from an ERP document', () => {
      spec
        .given(executing)
        .when(cost('inv1', 250_000))
        .then([costRecorded('inv1', 250_000)]);
    });
    it('records a credit note as a negative cost', () => {
      spec
        .given(executing)
        .when(cost('cn1', -5_000))
        .then([costRecorded('cn1', -5_000)]);
    });
    it('records nothing when the same ERP document comes again with the same amount', () => {
      spec
        .given([...executing, costRecorded('inv1', 250_000)])
        .when(cost('inv1', 250_000))
        .then([]);
    });
    it('refuses the same ERP document with another amount', () => {
      const error = spec
        .given([...executing, costRecorded('inv1', 250_000)])
        .when(cost('inv1', 260_000))
        .thenFails('erp-document-conflict');
      expect(error.kind).toBe('conflict');
      expect(error.details).toEqual({ erpDocumentId: 'inv1', differingFields: ['amount'] });
    });
    it('refuses the same ERP document with the same amount but another posting date', () => {
      const error = spec
        .given([...executing, costRecorded('inv1', 250_000)])
        .when({
          type: 'RecordActualCost',
          data: {
            erpDocumentId: 'inv1',
            amount: { amount: 250_000, currency: 'EUR' },
            postedOn: '2026-03-21',
          },
          meta: erp,
        })
        .thenFails('erp-document-conflict');
      expect(error.kind).toBe('conflict');
      expect(error.details).toEqual({ erpDocumentId: 'inv1', differingFields: ['postedOn'] });
    });
    it('names every field that differs from the first posting', () => {
      const error = spec
        .given([...executing, costRecorded('inv1', 250_000)])
        .when({
          type: 'RecordActualCost',
          data: {
            erpDocumentId: 'inv1',
            amount: { amount: 250_000, currency: 'USD' },
            postedOn: '2026-03-21',
          },
          meta: erp,
        })
        .thenFails('erp-document-conflict');
      expect(error.details).toEqual({
        erpDocumentId: 'inv1',
        differingFields: ['amount', 'postedOn'],
      });
    });
    it('refuses actual cost before the Sell→Execute handover is approved', () => {
      spec
        .given([created, baselineEstablished])
        .when(cost('inv1', 250_000))
        .thenFails('execution-not-authorised');
    });
    it('refuses a cost in another currency than the project’s', () => {
      spec
        .given(executing)
        .when(cost('inv1', 250_000, 'USD'))
        .thenFails('currency-mismatch');
    });
    it('refuses an amount that is not whole minor units', () => {
      spec.given(executing).when(cost('inv1', 10.5)).thenFails('invalid-money-amount');
    });
    it('refuses an amount beyond ±10^13 minor units (sums of read models must stay exact)', () => {
      spec
        .given(executing)
        .when(cost('inv1', 10 ** 13 + 1))
        .thenFails('invalid-money-amount');
      spec
        .given(executing)
        .when(cost('cn1', -(10 ** 13) - 1))
        .thenFails('invalid-money-amount');
      spec
        .given(executing)
        .when(cost('inv1', 10 ** 13))
        .then([costRecorded('inv1', 10 ** 13)]);
    });
    it('refuses a posting that would take the actual cost to date beyond ±10^13', () => {
      const full = [...executing, costRecorded('inv1', 10 ** 13 - 5)];
      const error = spec.given(full).when(cost('inv2', 6)).thenFails('invalid-money-amount');
      expect(error.details).toEqual({ field: 'actual cost to date', amount: 10 ** 13 + 1 });
      spec
        .given(full)
        .when(cost('inv2', 5))
        .then([costRecorded('inv2', 5)]);
      spec
        .given(full)
        .when(cost('cn1', -(10 ** 13)))
        .then([costRecorded('cn1', -(10 ** 13))]);
    });
    it('refuses a posting that would take the actual cost to any posting date beyond ±10^13', () => {
      // An invoice at the bound dated 20 March, its credit note dated 1 April: the total is 0, but
      // a second invoice dated 10 March would make AC as of 20–31 March 2 × 10^13, which a
      // program roll-up of such figures could no longer add up exactly.
      const dated = (erpDocumentId: string, amount: number, postedOn: string): ProjectCommand => ({
        type: 'RecordActualCost',
        data: { erpDocumentId, amount: { amount, currency: 'EUR' }, postedOn },
        meta: erp,
      });
      const credited = [
        ...executing,
        costRecorded('inv1', 10 ** 13),
        {
          type: 'ActualCostRecorded',
          data: {
            projectId,
            erpDocumentId: 'cn1',
            amount: { amount: -(10 ** 13), currency: 'EUR' },
            postedOn: '2026-04-01',
            recordedBy: 'erp',
          },
        } satisfies ProjectEvent,
      ];
      const error = spec
        .given(credited)
        .when(dated('inv2', 10 ** 13, '2026-03-10'))
        .thenFails('invalid-money-amount');
      expect(error.details).toEqual({ field: 'actual cost to date', amount: 2 * 10 ** 13 });
      // Dated after the credit note, the same invoice keeps every running total within the bound.
      spec
        .given(credited)
        .when(dated('inv2', 10 ** 13, '2026-04-02'))
        .then([
          {
            type: 'ActualCostRecorded',
            data: {
              projectId,
              erpDocumentId: 'inv2',
              amount: { amount: 10 ** 13, currency: 'EUR' },
              postedOn: '2026-04-02',
              recordedBy: 'erp',
            },
          },
        ]);
    });
    it('refuses a posting date that is not a calendar date', () => {
      spec
        .given(executing)
        .when({
          type: 'RecordActualCost',
          data: {
            erpDocumentId: 'inv1',
            amount: { amount: 1, currency: 'EUR' },
            postedOn: '2026-13-01',
          },
          meta: erp,
        })
        .thenFails('invalid-calendar-date');
    });
  });

  describe('SubmitForecast', () => {
    const forecast = (estimateToComplete?: {
      amount: number;
      currency: string;
    }): ProjectCommand => ({
      type: 'SubmitForecast',
      data: {
        milestones: [{ milestoneId: 'm1', forecastOn: '2026-07-14' }],
        ...(estimateToComplete ? { estimateToComplete } : {}),
      },
      meta: pm,
    });
    const submitted = (etc: number | null, ac: number | null): ProjectEvent => ({
      type: 'ForecastSubmitted',
      data: {
        projectId,
        milestones: [{ milestoneId: 'm1', forecastOn: '2026-07-14' }],
        estimateToComplete: etc === null ? null : { amount: etc, currency: 'EUR' },
        actualCostToDate: ac === null ? null : { amount: ac, currency: 'EUR' },
        estimateAtCompletion:
          etc === null || ac === null ? null : { amount: ac + etc, currency: 'EUR' },
        submittedBy: 'carla',
      },
    });
    const withCosts = [
      ...executing,
      costRecorded('inv1', 30_000_000),
      costRecorded('inv2', 5_000_000),
    ];
    it('computes the estimate at completion as actual cost to date + the estimate to complete', () => {
      spec
        .given(withCosts)
        .when(forecast({ amount: 80_000_000, currency: 'EUR' }))
        .then([submitted(80_000_000, 35_000_000)]);
    });
    it('takes no actual cost yet as zero', () => {
      spec
        .given(executing)
        .when(forecast({ amount: 90_000_000, currency: 'EUR' }))
        .then([submitted(90_000_000, 0)]);
    });
    it('forecasts milestone dates alone', () => {
      spec
        .given(executing)
        .when(forecast())
        .then([submitted(null, null)]);
    });
    it('records nothing when the same forecast is submitted again with the same actual cost', () => {
      spec
        .given([...withCosts, submitted(80_000_000, 35_000_000)])
        .when(forecast({ amount: 80_000_000, currency: 'EUR' }))
        .then([]);
    });
    it('refuses a milestone that is not in the current baseline', () => {
      spec
        .given(executing)
        .when({
          type: 'SubmitForecast',
          data: { milestones: [{ milestoneId: 'm9', forecastOn: '2026-07-14' }] },
          meta: pm,
        })
        .thenFails('unknown-milestone');
    });
    it('refuses an estimate in another currency, or negative', () => {
      spec
        .given(executing)
        .when(forecast({ amount: 1, currency: 'USD' }))
        .thenFails('currency-mismatch');
      spec
        .given(executing)
        .when(forecast({ amount: -1, currency: 'EUR' }))
        .thenFails('invalid-money-amount');
    });
    it('refuses before the baseline is established', () => {
      spec.given([created]).when(forecast()).thenFails('baseline-not-established');
    });
  });
});
