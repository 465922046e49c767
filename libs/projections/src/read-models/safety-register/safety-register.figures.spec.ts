import { exposureByPeriod, incidentsInPeriod, safetyFiguresOf } from './safety-register.figures';
import type { SafetyRegister, SafetyRegisterIncident } from './safety-register.projection';

function incident(
  incidentId: string,
  occurredAt: string,
  classification: string | null,
  extra: Partial<SafetyRegisterIncident> = {},
): SafetyRegisterIncident {
  return {
    incidentId,
    siteId: 'site-1',
    occurredAt,
    reportedAt: occurredAt,
    description: 'what happened',
    peopleInvolved: 1,
    status: classification === null ? 'reported' : 'classified',
    classification,
    originalClassification: classification,
    reclassifications: [],
    recordable: false,
    lostTimeInjury: false,
    lostDays: 0,
    investigatedAt: null,
    rootCauseRef: null,
    closedAt: null,
    ...extra,
  };
}

const register = (
  projectId: string,
  incidents: SafetyRegisterIncident[],
  exposure: [string, number][],
): SafetyRegister => ({
  _id: projectId,
  position: 1,
  projectId,
  incidents,
  exposure: exposure.map(([periodId, hours], index) => ({
    entryId: `${projectId}-e${index}`,
    siteId: 'site-1',
    periodId,
    hours,
  })),
  lastEventAt: '2026-04-01T00:00:00.000Z',
});

/** North: 2 recordables (one LTI with 5 lost days, one reclassified) and 400,000 hours. */
const north = register(
  'north',
  [
    incident('n1', '2026-01-10T08:00:00Z', 'lost-time-injury', { lostDays: 5 }),
    incident('n2', '2026-02-03T08:00:00Z', 'medical-treatment', {
      originalClassification: 'first-aid',
      reclassifications: [
        { from: 'first-aid', to: 'medical-treatment', reason: 'r', by: 'carol', at: 'x' },
      ],
      status: 'investigated',
    }),
    incident('n3', '2026-02-20T08:00:00Z', 'near-miss', { status: 'closed' }),
    incident('n4', '2026-03-01T08:00:00Z', null),
  ],
  [
    ['2026-01', 150_000],
    ['2026-02', 150_000],
    ['2026-03', 100_000],
  ],
);

/** South: a fatality (recordable and an LTI) and 600,000 hours. */
const south = register(
  'south',
  [incident('s1', '2026-02-14T08:00:00+02:00', 'fatality')],
  [['2026-02', 600_000]],
);

describe('safetyFiguresOf', () => {
  it('computes exact TRIR and LTIFR with their bases for one project', () => {
    expect(safetyFiguresOf([north])).toEqual({
      exposureHours: 400_000,
      incidents: 4,
      byClass: {
        fatality: 0,
        'lost-time-injury': 1,
        'restricted-work': 0,
        'medical-treatment': 1,
        'first-aid': 0,
        'near-miss': 1,
        unclassified: 1,
      },
      recordables: 2,
      lostTimeInjuries: 1,
      lostDays: 5,
      reclassified: 1,
      openIncidents: 3,
      openInvestigations: 2,
      // 2 × 200,000 / 400,000 and 1 × 1,000,000 / 400,000.
      trir: { value: 1, count: 2, hours: 400_000, baseHours: 200_000 },
      ltifr: { value: 2.5, count: 1, hours: 400_000, baseHours: 1_000_000 },
    });
  });

  it('rolls a program up from summed counts and hours, never by averaging rates', () => {
    const figures = safetyFiguresOf([north, south]);
    // 3 recordables × 200,000 / 1,000,000 = 0.6; 2 LTIs × 1,000,000 / 1,000,000 = 2.
    expect(figures.trir).toEqual({ value: 0.6, count: 3, hours: 1_000_000, baseHours: 200_000 });
    expect(figures.ltifr).toEqual({
      value: 2,
      count: 2,
      hours: 1_000_000,
      baseHours: 1_000_000,
    });
    expect(figures.byClass.fatality).toBe(1);
  });

  it('rounds rates to two decimals', () => {
    const odd = register(
      'odd',
      [incident('o1', '2026-01-05T00:00:00Z', 'restricted-work')],
      [['2026-01', 300_000]],
    );
    // 200,000 / 300,000 = 0.6666…; 0 LTIs.
    expect(safetyFiguresOf([odd]).trir.value).toBe(0.67);
    expect(safetyFiguresOf([odd]).ltifr.value).toBe(0);
  });

  it('answers null rates (never 0 or Infinity) when no hours were worked', () => {
    const noHours = register('none', [incident('x1', '2026-01-05T00:00:00Z', 'fatality')], []);
    const figures = safetyFiguresOf([noHours]);
    expect(figures.trir).toEqual({ value: null, count: 1, hours: 0, baseHours: 200_000 });
    expect(figures.ltifr).toEqual({ value: null, count: 1, hours: 0, baseHours: 1_000_000 });
    expect(safetyFiguresOf([]).trir.value).toBeNull();
  });

  it('limits incidents (by month of occurrence) and hours (by period) to from/to', () => {
    const february = { from: '2026-02', to: '2026-02' };
    const figures = safetyFiguresOf([north, south], february);
    expect(figures).toMatchObject({
      exposureHours: 750_000,
      incidents: 3,
      recordables: 2,
      lostTimeInjuries: 1,
      lostDays: 0,
    });
    // 2 × 200,000 / 750,000 = 0.5333…; 1 × 1,000,000 / 750,000 = 1.3333…
    expect(figures.trir.value).toBe(0.53);
    expect(figures.ltifr.value).toBe(1.33);
    expect(safetyFiguresOf([north], { from: '2026-03', to: null }).exposureHours).toBe(100_000);
    expect(safetyFiguresOf([north], { from: null, to: '2026-01' }).incidents).toBe(1);
  });
});

describe('incidentsInPeriod and exposureByPeriod', () => {
  it('lists incidents in order of occurrence and hours per period ascending', () => {
    expect(
      incidentsInPeriod(north, { from: '2026-02', to: null }).map((i) => i.incidentId),
    ).toEqual(['n2', 'n3', 'n4']);
    expect(exposureByPeriod(north, { from: null, to: null })).toEqual([
      { periodId: '2026-01', hours: 150_000 },
      { periodId: '2026-02', hours: 150_000 },
      { periodId: '2026-03', hours: 100_000 },
    ]);
  });
});
