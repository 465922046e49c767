import {
  earnedValueSummary,
  plannedValueAt,
  progressAt,
  statusDateOf,
  type EarnedValueInputs,
  type EarnedValueSummary,
  type EvmCost,
  type EvmPeriod,
  type EvmReport,
} from './earned-value';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const january: EvmPeriod = {
  periodId: '2026-01',
  startsOn: '2026-01-01',
  endsOn: '2026-01-31',
  status: 'open',
};
const february: EvmPeriod = {
  periodId: '2026-02',
  startsOn: '2026-02-01',
  endsOn: '2026-02-28',
  status: 'open',
};
const report = (reportId: string, periodId: string, s1: number, s2: number): EvmReport => ({
  reportId,
  periodId,
  items: [
    { scopeItemId: 's1', percentComplete: s1 },
    { scopeItemId: 's2', percentComplete: s2 },
  ],
});
const cost = (erpDocumentId: string, amount: number, postedOn: string): EvmCost => ({
  erpDocumentId,
  amount: eur(amount),
  postedOn,
});

/** BAC 1,000,000.00 EUR, two scope items, milestones 30 days apart from a 2026-01-01 start. */
const base: EarnedValueInputs = {
  baseline: {
    budget: eur(100_000_000),
    scopeItemIds: ['s1', 's2'],
    milestoneDueDates: ['2026-03-02', '2026-01-31'],
  },
  planStart: '2026-01-01',
  periods: [january],
  reports: [report('r1', '2026-01', 60, 20)],
  costs: [cost('INV-1', 50_000_000, '2026-01-20')],
};

const noIndicators = {
  pv: null,
  ev: null,
  ac: null,
  sv: null,
  cv: null,
  spi: null,
  cpi: null,
  eac: null,
  eacAtBudgetRate: null,
  etc: null,
  vac: null,
  tcpi: null,
  percentComplete: null,
};

describe('earnedValueSummary', () => {
  it.each<[string, Partial<EarnedValueInputs>, Partial<EarnedValueSummary>]>([
    [
      'behind schedule and over budget at the end of January',
      {},
      {
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
    ],
    [
      'AC = 0: CPI, EAC, ETC and VAC are null, never 1 or infinity',
      { costs: [] },
      {
        ac: eur(0),
        cv: eur(40_000_000),
        spi: 0.8,
        cpi: null,
        eac: null,
        etc: null,
        vac: null,
        eacAtBudgetRate: eur(60_000_000),
        tcpi: 0.6,
      },
    ],
    [
      'PV = 0 (status date on the plan start): SPI is null, SV = EV',
      {
        planStart: '2026-01-31',
        baseline: { ...base.baseline, milestoneDueDates: ['2026-03-02', '2026-04-01'] },
      },
      { pv: eur(0), sv: eur(40_000_000), spi: null, cpi: 0.8 },
    ],
    [
      'BAC = AC: TCPI is null (no budget left to divide by)',
      { costs: [cost('INV-1', 100_000_000, '2026-01-31')] },
      { ac: eur(100_000_000), cpi: 0.4, eac: eur(250_000_000), vac: eur(-150_000_000), tcpi: null },
    ],
    [
      'nothing earned yet (EV = 0, AC > 0): CPI 0 and no EAC by CPI',
      { reports: [report('r1', '2026-01', 0, 0)] },
      { ev: eur(0), spi: 0, cpi: 0, eac: null, etc: null, vac: null, tcpi: 2 },
    ],
    [
      'no milestone: PV, SV and SPI are null; cost indicators still computed',
      { baseline: { ...base.baseline, milestoneDueDates: [] } },
      { pv: null, sv: null, spi: null, ev: eur(40_000_000), cpi: 0.8, eac: eur(125_000_000) },
    ],
    [
      'no reporting period measured yet: every figure is null, recorded cost still shown',
      { reports: [] },
      { statusDate: null, ...noIndicators, actualCostRecorded: eur(50_000_000) },
    ],
    [
      'a closed period without a report is a measurement (progress 0 %)',
      { reports: [], periods: [{ ...january, status: 'closed' }] },
      { statusDate: '2026-01-31', pv: eur(50_000_000), ev: eur(0), spi: 0 },
    ],
    [
      'cost posted after the status date is left out of AC, not out of the recorded total',
      { costs: [cost('INV-1', 50_000_000, '2026-01-20'), cost('INV-2', 7_000, '2026-02-03')] },
      { ac: eur(50_000_000), actualCostRecorded: eur(50_007_000) },
    ],
    [
      'the latest period wins per scope item; an open period without a report is not measured',
      {
        periods: [
          january,
          february,
          { ...february, periodId: '2026-03', startsOn: '2026-03-01', endsOn: '2026-03-31' },
        ],
        reports: [
          report('r2', '2026-02', 90, 40),
          report('r1', '2026-01', 60, 20),
          {
            reportId: 'r3',
            periodId: '2026-02',
            items: [{ scopeItemId: 's2', percentComplete: 50 }],
          },
        ],
      },
      // Status date 2026-02-28: m1 planned (1/2) + 28 of 30 days of m2's window.
      { statusDate: '2026-02-28', pv: eur(96_666_667), ev: eur(70_000_000), percentComplete: 70 },
    ],
    [
      'every milestone due: PV = BAC',
      {
        planStart: '2025-12-01',
        baseline: { ...base.baseline, milestoneDueDates: ['2026-01-15'] },
      },
      { pv: eur(100_000_000), spi: 0.4 },
    ],
  ])('%s', (_case, change, expected) => {
    expect(earnedValueSummary({ ...base, ...change })).toMatchObject(expected);
  });

  it('answers only integers for money and finite numbers or null for ratios', () => {
    const summary = earnedValueSummary({
      ...base,
      baseline: { ...base.baseline, budget: eur(99_999_999) },
      costs: [cost('INV-1', 33_333_333, '2026-01-02')],
    });
    for (const value of [summary.pv, summary.ev, summary.ac, summary.eac, summary.vac]) {
      expect(Number.isSafeInteger(value!.amount)).toBe(true);
    }
    // EV 39,999,999.6 → 40,000,000 (half away from zero); EAC = BAC × AC / EV, rounded.
    expect(summary.ev).toEqual(eur(40_000_000));
    expect(summary.eac).toEqual(eur(83_333_332));
  });
});

describe('plannedValueAt', () => {
  const bac = eur(100_000_000);
  const dates = ['2026-01-31', '2026-03-02'];
  it.each([
    ['before the plan start', '2025-12-01', 0],
    ['on the plan start', '2026-01-01', 0],
    ['half way to the first milestone', '2026-01-16', 25_000_000],
    ['on the first milestone', '2026-01-31', 50_000_000],
    ['half way to the second', '2026-02-15', 75_000_000],
    ['on the last milestone', '2026-03-02', 100_000_000],
    ['after the last milestone', '2027-01-01', 100_000_000],
  ])('%s (%s) → %d', (_case, at, amount) => {
    expect(plannedValueAt(bac, '2026-01-01', dates, at)).toEqual(eur(amount));
  });

  it('rounds half away from zero to integer minor units', () => {
    // 1 cent over 2 milestones: half planned at the first one → 0.5 → 1.
    expect(plannedValueAt(eur(1), '2026-01-01', dates, '2026-01-31')).toEqual(eur(1));
    // 100 over 3 milestones, the first one due: 33.33… → 33.
    expect(
      plannedValueAt(
        eur(100),
        '2026-01-01',
        ['2026-01-10', '2026-01-20', '2026-01-30'],
        '2026-01-10',
      ),
    ).toEqual(eur(33));
  });

  it('a milestone due before the plan start is planned from the start', () => {
    expect(plannedValueAt(bac, '2026-02-01', ['2026-01-15', '2026-03-03'], '2026-01-20')).toEqual(
      eur(50_000_000),
    );
    expect(plannedValueAt(bac, '2026-02-01', ['2026-03-03', '2026-01-15'], '2026-01-10')).toEqual(
      eur(0),
    );
  });

  it('is null without milestones', () => {
    expect(plannedValueAt(bac, '2026-01-01', [], '2026-02-01')).toBeNull();
  });
});

describe('statusDateOf and progressAt', () => {
  it('measures at the end of the latest period reported or closed', () => {
    expect(statusDateOf([january, february], [])).toBeNull();
    expect(statusDateOf([january, february], [report('r', '2026-01', 1, 1)])).toBe('2026-01-31');
    expect(statusDateOf([january, { ...february, status: 'closed' }], [])).toBe('2026-02-28');
  });

  it('takes each item from its latest report up to the date', () => {
    const reports = [report('r2', '2026-02', 80, 30), report('r1', '2026-01', 50, 10)];
    expect(progressAt([january, february], reports, '2026-01-31')).toEqual(
      new Map([
        ['s1', 50],
        ['s2', 10],
      ]),
    );
    expect(progressAt([january, february], reports, '2026-02-28').get('s1')).toBe(80);
  });
});
