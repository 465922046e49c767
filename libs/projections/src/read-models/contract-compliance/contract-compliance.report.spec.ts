import type {
  ComplianceObligation,
  ContractComplianceDocument,
  ContractMilestoneLinks,
} from './contract-compliance.projection';
import { contractComplianceReport, obligationStatus } from './contract-compliance.report';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const LD = (ratePerWeekPct: number, capPct: number, graceDays: number) => ({
  kind: 'liquidated-damages',
  ratePerWeekPct,
  capPct,
  graceDays,
});
const noLd = {
  accruedAsOf: null,
  accrued: 0,
  waived: 0,
  daysLate: 0,
  weeksLate: 0,
  capReached: false,
};

function obligation(
  obligationId: string,
  dueOn: string,
  more: Partial<ComplianceObligation> = {},
): ComplianceObligation {
  return {
    obligationId,
    kind: 'milestone',
    title: `Obligation ${obligationId}`,
    evidenceRule: null,
    dueOn,
    measurementWindow: null,
    deadline: dueOn,
    originalDeadline: dueOn,
    remedy: null,
    registeredAt: '2025-01-20T00:00:00.000Z',
    fulfilment: null,
    missed: null,
    liquidatedDamages: noLd,
    ...more,
  };
}

function contract(obligations: ComplianceObligation[]): ContractComplianceDocument {
  return {
    _id: 'contract:k1',
    position: 40,
    type: 'contract',
    contractId: 'k1',
    programId: 'prog-1',
    customerId: 'cust-1',
    title: 'RAN North',
    value: eur(100_000_000),
    originalValue: eur(100_000_000),
    signedOn: '2025-01-15',
    keyProject: null,
    amendments: [],
    obligations,
    registeredAt: '2025-01-15T00:00:00.000Z',
    lastEventAt: '2025-05-01T00:00:00.000Z',
  };
}

function links(
  projectId: string,
  milestones: [string, string, string][],
  forecasts: [string, string][] = [],
  contractId = 'k1',
): ContractMilestoneLinks {
  return {
    _id: `project:${projectId}`,
    position: 30,
    type: 'project',
    projectId,
    programId: 'prog-1',
    contractId,
    baselineVersion: 1,
    milestones: milestones.map(([milestoneId, dueOn, obligationId]) => ({
      milestoneId,
      title: `Milestone ${milestoneId}`,
      dueOn,
      obligationId,
    })),
    forecasts: forecasts.map(([milestoneId, forecastOn]) => ({ milestoneId, forecastOn })),
    forecastPosition: forecasts.length > 0 ? 29 : null,
    lastEventAt: '2025-05-01T00:00:00.000Z',
  };
}

const ASOF = '2025-06-01';

/** Seven obligations, one per rule, as of 2025-06-01 (contract value 1,000,000.00 EUR). */
const obligations = [
  // Fulfilled 24 days late: 17 after 7 grace days = 3 started weeks × 0.5 % = 1,500,000.
  obligation('fulfilled', '2025-03-01', {
    remedy: LD(0.5, 10, 7),
    fulfilment: {
      fulfilledOn: '2025-03-25',
      evidence: { kind: 'document', ref: 'DOC-1' },
      onTime: false,
      recordedBy: 'carla',
    },
    missed: { deadline: '2025-03-01', missedAsOf: '2025-03-05', reason: 'late', recordedBy: 'c' },
    liquidatedDamages: {
      accruedAsOf: '2025-03-20',
      accrued: 1_000_000,
      waived: 250_000,
      daysLate: 12,
      weeksLate: 2,
      capReached: false,
    },
  }),
  // Missed (recorded), forecast 2025-06-15: 75 days = 11 weeks × 1 % = 11 % > cap 5 %.
  obligation('missed', '2025-04-01', {
    remedy: LD(1, 5, 0),
    missed: {
      deadline: '2025-04-01',
      missedAsOf: '2025-04-02',
      reason: 'Supplier',
      recordedBy: 'carla',
    },
  }),
  // Overdue, nothing recorded, no remedy, no milestone.
  obligation('overdue', '2025-05-20'),
  // Forecast 2025-08-10 (latest of two milestones) > due 2025-07-31: 10 days = 2 weeks × 0.5 %.
  obligation('slipping', '2025-07-31', { remedy: LD(0.5, 10, 0) }),
  // Due in exactly 14 days: at risk; in 15 days: due.
  obligation('soon', '2025-06-15'),
  obligation('later', '2025-06-16', { remedy: LD(0.5, 10, 0) }),
  obligation('sla', '2025-09-30', {
    kind: 'sla',
    dueOn: null,
    measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
    remedy: { kind: 'service-credit', ratePerWeekPct: 0.25, capPct: 5, graceDays: 0 },
  }),
];
const projectLinks = [
  links('p1', [['m1', '2025-05-25', 'missed']], [['m1', '2025-06-15']]),
  links('p1b', [
    ['m2', '2025-07-25', 'slipping'],
    ['m3', '2025-06-10', 'later'],
  ]),
  links('p2', [['m9', '2025-08-10', 'slipping']]),
  // Another contract's project naming the same obligation id is not joined.
  links('px', [['mx', '2026-12-31', 'soon']], [], 'k2'),
];

describe('contractComplianceReport', () => {
  const report = contractComplianceReport(contract(obligations), projectLinks, ASOF);
  const byId = (id: string) => report.obligations.find((o) => o.obligationId === id)!;

  it('counts and groups the obligations by status (missed, at-risk, due, fulfilled)', () => {
    expect(report.counts).toEqual({ due: 2, atRisk: 2, fulfilled: 1, missed: 2, total: 7 });
    expect(report.obligations.map((o) => [o.obligationId, o.status])).toEqual([
      ['missed', 'missed'],
      ['overdue', 'missed'],
      ['soon', 'at-risk'],
      ['slipping', 'at-risk'],
      ['later', 'due'],
      ['sla', 'due'],
      ['fulfilled', 'fulfilled'],
    ]);
  });

  it('shows planned vs forecast vs actual dates and the evidence', () => {
    expect(byId('fulfilled')).toMatchObject({
      plannedOn: '2025-03-01',
      forecastOn: null,
      forecastSlipDays: null,
      actualOn: '2025-03-25',
      daysLate: 24,
      onTime: false,
      evidence: { kind: 'document', ref: 'DOC-1' },
      missed: { missedAsOf: '2025-03-05', reason: 'late' },
    });
    expect(byId('missed')).toMatchObject({
      plannedOn: '2025-04-01',
      forecastOn: '2025-06-15',
      forecastSlipDays: 75,
      daysToDeadline: -61,
      actualOn: null,
      daysLate: null,
      evidence: null,
      milestones: [
        {
          projectId: 'p1',
          milestoneId: 'm1',
          title: 'Milestone m1',
          baselineDueOn: '2025-05-25',
          forecastOn: '2025-06-15',
        },
      ],
    });
    expect(byId('slipping')).toMatchObject({ forecastOn: '2025-08-10', forecastSlipDays: 10 });
    expect(byId('slipping').milestones.map((m) => m.projectId)).toEqual(['p1b', 'p2']);
    expect(byId('later')).toMatchObject({ forecastOn: '2025-06-10', forecastSlipDays: -6 });
    expect(byId('soon')).toMatchObject({ forecastOn: null, milestones: [], daysToDeadline: 14 });
    expect(byId('overdue')).toMatchObject({ missed: null, liquidatedDamages: null });
    expect(byId('sla')).toMatchObject({
      plannedOn: '2025-09-30',
      measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
      liquidatedDamages: null,
    });
  });

  it('computes LD accrued, forecast, cap and headroom per obligation', () => {
    expect(byId('fulfilled').liquidatedDamages).toEqual({
      accrued: eur(1_000_000),
      waived: eur(250_000),
      net: eur(750_000),
      forecast: eur(1_500_000),
      cap: eur(10_000_000),
      headroom: eur(9_000_000),
      capReached: false,
      accruedAsOf: '2025-03-20',
    });
    expect(byId('missed').liquidatedDamages).toMatchObject({
      accrued: eur(0),
      forecast: eur(5_000_000),
      cap: eur(5_000_000),
      headroom: eur(5_000_000),
    });
    expect(byId('slipping').liquidatedDamages).toMatchObject({
      forecast: eur(1_000_000),
      cap: eur(10_000_000),
    });
    // Forecast on time: nothing accrues.
    expect(byId('later').liquidatedDamages).toMatchObject({
      forecast: eur(0),
      headroom: eur(10_000_000),
    });
  });

  it('sums the contract LD totals over LD obligations only', () => {
    expect(report.liquidatedDamages).toEqual({
      accrued: eur(1_000_000),
      waived: eur(250_000),
      net: eur(750_000),
      forecast: eur(7_500_000),
      cap: eur(35_000_000),
      headroom: eur(34_000_000),
    });
    expect(report).toMatchObject({
      contractId: 'k1',
      programId: 'prog-1',
      customerId: 'cust-1',
      value: eur(100_000_000),
      asOf: ASOF,
    });
  });

  it('an unmet obligation without a later forecast is late at least until asOf', () => {
    const late = contractComplianceReport(
      contract([obligation('o', '2025-05-01', { remedy: LD(0.5, 10, 0) })]),
      [],
      ASOF,
    );
    // 31 days late as of 2025-06-01 = 5 started weeks × 0.5 % = 2,500,000.
    expect(late.obligations[0]).toMatchObject({ status: 'missed', forecastOn: null });
    expect(late.liquidatedDamages).toMatchObject({
      forecast: eur(2_500_000),
      headroom: eur(10_000_000),
    });
  });

  it('headroom is never negative and the forecast never below what was accrued', () => {
    const over = contractComplianceReport(
      contract([
        obligation('o', '2025-05-25', {
          remedy: LD(0.5, 1, 0),
          liquidatedDamages: { ...noLd, accruedAsOf: '2025-05-30', accrued: 1_200_000 },
        }),
      ]),
      [],
      ASOF,
    );
    expect(over.liquidatedDamages).toMatchObject({
      accrued: eur(1_200_000),
      cap: eur(1_000_000),
      headroom: eur(0),
      forecast: eur(1_200_000),
    });
  });

  it('a contract without obligations answers zeros, not nulls or NaN', () => {
    const empty = contractComplianceReport(contract([]), [], ASOF);
    expect(empty.counts).toEqual({ due: 0, atRisk: 0, fulfilled: 0, missed: 0, total: 0 });
    expect(empty.obligations).toEqual([]);
    expect(empty.liquidatedDamages).toEqual({
      accrued: eur(0),
      waived: eur(0),
      net: eur(0),
      forecast: eur(0),
      cap: eur(0),
      headroom: eur(0),
    });
  });

  it('obligationStatus: fulfilled wins over missed; the 14-day window is inclusive', () => {
    const o = obligation('o', '2025-06-15');
    expect(obligationStatus(o, null, '2025-06-01')).toBe('at-risk');
    expect(obligationStatus(o, null, '2025-05-31')).toBe('due');
    expect(obligationStatus(o, '2025-06-16', '2025-05-01')).toBe('at-risk');
    expect(obligationStatus(o, '2025-06-15', '2025-05-01')).toBe('due');
    expect(obligationStatus(o, null, '2025-06-15')).toBe('at-risk');
    expect(obligationStatus(o, null, '2025-06-16')).toBe('missed');
    const both = obligation('o', '2025-06-15', {
      missed: { deadline: '2025-06-15', missedAsOf: '2025-06-16', reason: 'r', recordedBy: 'c' },
      fulfilment: {
        fulfilledOn: '2025-06-20',
        evidence: { kind: 'document', ref: 'd' },
        onTime: false,
        recordedBy: 'c',
      },
    });
    expect(obligationStatus(both, null, '2025-07-01')).toBe('fulfilled');
  });
});
