import { programRiskExposure, riskExposure, riskRegisterItem } from './risk-exposure';
import {
  riskExposureAnswerOf,
  riskExposureProjectsFilter,
  riskExposureRisksFilter,
  type RiskExposureQuery,
} from './risk-exposure.query';
import type {
  RiskRegisterDocument,
  RiskRegisterEntry,
  RiskRegisterProgram,
  RiskRegisterProject,
  RiskRegisterStatus,
} from './risk-register.projection';
import {
  riskRegisterAnswerOf,
  riskRegisterFilter,
  riskRegisterProjectOf,
  type RiskRegisterQuery,
} from './risk-register.query';

const risk = (
  riskId: string,
  position: number,
  kind: string,
  status: RiskRegisterStatus,
  score: number,
): RiskRegisterEntry => ({
  _id: `risk:${riskId}`,
  position,
  type: 'risk',
  riskId,
  projectId: 'p1',
  kind,
  category: 'technical',
  title: riskId,
  cause: 'c',
  event: 'e',
  effect: 'f',
  raisedBy: 'carla',
  status,
  closeReason: null,
  ownerId: null,
  response: null,
  contingencyDrawn: null,
  inherent: {
    probability: 1,
    probabilityPercent: 10,
    impact: score,
    score,
    costImpact: { amount: 1000, currency: 'EUR' },
    scheduleDays: null,
    expectedMonetaryValue: { amount: -100, currency: 'EUR' },
    assessedBy: 'carla',
    assessedAt: '2026-01-05T00:00:00.000Z',
  },
  residual: null,
  nextReviewOn: null,
  escalation: null,
  actions: [],
  occurrence: null,
  raisedAt: '2026-01-01T00:00:00.000Z',
  lastEventAt: '2026-01-05T00:00:00.000Z',
});

const projectOf = (projectId: string, position: number): RiskRegisterProject => ({
  _id: `project:${projectId}`,
  position,
  type: 'project',
  projectId,
  programId: 'g1',
  name: `Project ${projectId}`,
});
const project = projectOf('p1', 2);

const low = risk('r-low', 4, 'threat', 'open', 2);
const high = risk('r-high', 3, 'threat', 'open', 5);
const chance = risk('r-chance', 9, 'opportunity', 'open', 3);
const gone = risk('r-gone', 6, 'threat', 'closed', 4);
const documents: RiskRegisterDocument[] = [low, project, high, chance, gone];
const query: RiskRegisterQuery = { projectId: 'p1', asOf: '2026-02-01' };
const ids = (asked: Partial<RiskRegisterQuery>) =>
  riskRegisterAnswerOf(project, documents, { ...query, ...asked }, 0).items.map(
    (item) => item.riskId,
  );

describe('risk register query', () => {
  it("asks the store for the project's documents, and finds the project's own among them", () => {
    expect(riskRegisterFilter(query)).toEqual({ projectId: 'p1' });
    expect(riskRegisterProjectOf(documents)).toBe(project);
    expect(riskRegisterProjectOf([low, high])).toBeUndefined();
  });

  it('answers the items, highest score first, with the whole register in the summary', () => {
    const risks = [low, high, chance, gone];
    expect(riskRegisterAnswerOf(project, documents, query, 5)).toEqual({
      projectId: 'p1',
      programId: 'g1',
      asOf: '2026-02-01',
      summary: riskExposure(risks, '2026-02-01'),
      items: [high, gone, chance, low].map((entry) => riskRegisterItem(entry, '2026-02-01')),
      total: 4,
      position: 9,
    });
  });

  it('filters the items by status and kind, and sorts them as asked; the summary stays whole', () => {
    expect(ids({ status: 'closed' })).toEqual(['r-gone']);
    expect(ids({ kind: 'opportunity' })).toEqual(['r-chance']);
    expect(ids({ status: 'open', kind: 'threat', sort: 'score' })).toEqual(['r-low', 'r-high']);
    const filtered = riskRegisterAnswerOf(project, documents, { ...query, status: 'closed' }, 0);
    expect(filtered.total).toBe(1);
    expect(filtered.summary).toEqual(riskExposure([low, high, chance, gone], '2026-02-01'));
  });
});

const program: RiskRegisterProgram = {
  _id: 'program:g1',
  position: 1,
  type: 'program',
  programId: 'g1',
  name: 'Fibre',
};
const exposure: RiskExposureQuery = { programId: 'g1', asOf: '2026-02-01' };

describe('risk exposure query', () => {
  it("asks the store for the program's projects, then for those projects' risks", () => {
    expect(riskExposureProjectsFilter(exposure)).toEqual({ type: 'project', programId: 'g1' });
    expect(riskExposureRisksFilter([project, projectOf('p2', 3)])).toEqual({
      type: 'risk',
      projectId: { $in: ['p1', 'p2'] },
    });
  });

  it('answers the roll-up under the program, at the newest of its documents', () => {
    const projects = [project, projectOf('p2', 3)];
    expect(riskExposureAnswerOf(program, projects, [low, high], exposure, 3)).toEqual({
      programId: 'g1',
      name: 'Fibre',
      asOf: '2026-02-01',
      ...programRiskExposure(projects, [low, high], '2026-02-01'),
      position: 4,
    });
    expect(riskExposureAnswerOf(program, [], [], exposure, 5).position).toBe(5);
  });
});
