import { assessHealth, HEALTH_RANK, type HealthInputs } from './project-health';

const healthy: HealthInputs = {
  baselined: true,
  deliveryFinished: false,
  spi: 1,
  cpi: 1,
  asOf: '2026-03-01',
  milestones: [
    { id: 'm1', dueOn: '2026-03-01' },
    { id: 'm2', dueOn: '2026-06-30' },
  ],
  forecasts: [],
  progressComplete: false,
  openChangeRequests: 0,
  openHighThreats: 0,
};

describe('assessHealth (the PMO rule in project-health.ts)', () => {
  it.each<[string, Partial<HealthInputs>, string, string[]]>([
    ['no baseline yet', { baselined: false, spi: 0.1 }, 'unknown', []],
    ['on plan (a milestone due today is not past due)', {}, 'green', []],
    ['SPI and CPI undefined (null) are not judged', { spi: null, cpi: null }, 'green', []],
    ['SPI exactly 0.95 is green', { spi: 0.95 }, 'green', []],
    ['SPI just below 0.95 is amber', { spi: 0.9499 }, 'amber', ['spi-below-0.95']],
    ['SPI exactly 0.9 is amber', { spi: 0.9 }, 'amber', ['spi-below-0.95']],
    ['SPI below 0.9 is red', { spi: 0.8999 }, 'red', ['spi-below-0.9']],
    ['CPI below 0.9 is red', { cpi: 0.5 }, 'red', ['cpi-below-0.9']],
    ['CPI 0.93 is amber', { cpi: 0.93 }, 'amber', ['cpi-below-0.95']],
    [
      'a milestone past due while work is open is red',
      { asOf: '2026-03-02' },
      'red',
      ['milestone-past-due:m1'],
    ],
    [
      'past due dates no longer count once progress is 100 %',
      { asOf: '2026-07-01', progressComplete: true },
      'green',
      [],
    ],
    [
      'past due dates no longer count after Delivery→Care',
      { asOf: '2026-07-01', deliveryFinished: true },
      'green',
      [],
    ],
    ['no "today" known: nothing is past due', { asOf: null }, 'green', []],
    ['two open change requests are fine', { openChangeRequests: 2 }, 'green', []],
    [
      'three open change requests are amber',
      { openChangeRequests: 3 },
      'amber',
      ['open-change-requests:3'],
    ],
    ['an open high threat is amber', { openHighThreats: 1 }, 'amber', ['open-high-threats:1']],
    [
      'a forecast after the due date is amber; on or before is fine',
      {
        forecasts: [
          { milestoneId: 'm1', forecastOn: '2026-03-01' },
          { milestoneId: 'm2', forecastOn: '2026-07-15' },
          { milestoneId: 'gone', forecastOn: '2027-01-01' },
        ],
      },
      'amber',
      ['milestone-forecast-late:m2'],
    ],
    [
      'red reasons come first, amber ones are kept',
      { spi: 0.7, cpi: 0.94, openChangeRequests: 4, asOf: '2026-07-01' },
      'red',
      [
        'spi-below-0.9',
        'milestone-past-due:m1',
        'milestone-past-due:m2',
        'cpi-below-0.95',
        'open-change-requests:4',
      ],
    ],
  ])('%s', (_case, change, health, reasons) => {
    expect(assessHealth({ ...healthy, ...change })).toEqual({ health, reasons });
  });

  it('ranks worst first', () => {
    const order = (['green', 'unknown', 'red', 'amber'] as const)
      .slice()
      .sort((a, b) => HEALTH_RANK[a] - HEALTH_RANK[b]);
    expect(order).toEqual(['red', 'amber', 'green', 'unknown']);
  });
});
