import { exposureByPeriod, incidentsInPeriod, safetyFiguresOf } from './safety-register.figures';
import type { SafetyRegister, SafetyRegisterIncident } from './safety-register.projection';
import { programSafetyAnswerOf, projectSafetyAnswerOf } from './safety-register.query';

const incident = (incidentId: string, occurredAt: string): SafetyRegisterIncident => ({
  incidentId,
  siteId: 'site-1',
  occurredAt,
  reportedAt: occurredAt,
  description: 'what happened',
  peopleInvolved: 1,
  status: 'classified',
  classification: 'first-aid',
  originalClassification: 'first-aid',
  reclassifications: [],
  recordable: true,
  lostTimeInjury: false,
  lostDays: 0,
  investigatedAt: null,
  rootCauseRef: null,
  closedAt: null,
});

const register = (projectId: string, position: number, hours: number): SafetyRegister => ({
  _id: projectId,
  position,
  projectId,
  incidents: [
    incident(`${projectId}-jan`, '2026-01-10T08:00:00+01:00'),
    incident(`${projectId}-mar`, '2026-03-10T08:00:00+01:00'),
  ],
  exposure: [
    { entryId: `${projectId}-e1`, siteId: 'site-1', periodId: '2026-01', hours },
    { entryId: `${projectId}-e2`, siteId: 'site-1', periodId: '2026-03', hours },
  ],
  lastEventAt: '2026-03-10T08:00:00.000Z',
});

const january = { from: '2026-01', to: '2026-02' };
const p1 = { projectId: 'p1', programId: 'g1', name: 'Alpha' };
const p2 = { projectId: 'p2', programId: 'g1', name: 'Beta' };

describe('safety register query', () => {
  it("answers a project's incidents, exposure and figures in the period", () => {
    const r1 = register('p1', 6, 1000);
    expect(projectSafetyAnswerOf(p1, r1, january, 4)).toEqual({
      projectId: 'p1',
      programId: 'g1',
      period: january,
      figures: safetyFiguresOf([r1], january),
      incidents: incidentsInPeriod(r1, january),
      exposure: exposureByPeriod(r1, january),
      position: 6,
    });
    expect(projectSafetyAnswerOf(p1, r1, january, 4).incidents).toHaveLength(1);
  });

  it('answers a project without a register as an empty one, at the position served', () => {
    expect(projectSafetyAnswerOf(p1, null, january, 4)).toEqual({
      projectId: 'p1',
      programId: 'g1',
      period: january,
      figures: safetyFiguresOf([], january),
      incidents: [],
      exposure: [],
      position: 4,
    });
  });

  it("sums a program's registers and lists each project in the order given, empty when it has none", () => {
    const r1 = register('p1', 6, 1000);
    expect(programSafetyAnswerOf('g1', [p2, p1], [r1], january, 9)).toEqual({
      programId: 'g1',
      period: january,
      figures: safetyFiguresOf([r1], january),
      projects: [
        { projectId: 'p2', name: 'Beta', figures: safetyFiguresOf([], january) },
        { projectId: 'p1', name: 'Alpha', figures: safetyFiguresOf([r1], january) },
      ],
      position: 9,
    });
  });
});
