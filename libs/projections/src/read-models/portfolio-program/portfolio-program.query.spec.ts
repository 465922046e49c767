import { programPortfolio, type PortfolioProject } from './portfolio';
import type { PortfolioProgram } from './portfolio-program.projection';
import {
  PROGRAM_PROJECTS_ORDER,
  programPortfolioAnswerOf,
  programProjectsFilter,
} from './portfolio-program.query';

const program: PortfolioProgram = {
  _id: 'g1',
  position: 50,
  programId: 'g1',
  name: 'Fibre North',
  customer: { id: 'cust-1', name: 'Telco' },
  managerId: null,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
};

const project = (projectId: string, health: PortfolioProject['health']): PortfolioProject => ({
  projectId,
  name: `Project ${projectId}`,
  status: 'active',
  phase: 'execution',
  health,
  healthReasons: [],
  originalBaseline: null,
  currentBaseline: null,
  earnedValue: null,
  openChangeRequests: 0,
  openRisks: 0,
  openHighThreats: 0,
});

describe('program portfolio query', () => {
  it("asks the store for the program's attached projects, by name", () => {
    expect(programProjectsFilter('g1')).toEqual({
      programId: 'g1',
      attachedToProgram: { $ne: false },
    });
    expect(PROGRAM_PROJECTS_ORDER).toEqual({ sort: [['name', 'asc']] });
  });

  it('answers the roll-up with the position served, which the documents do not raise', () => {
    const projects = [project('p1', 'green'), project('p2', 'red'), project('p3', 'amber')];
    const answer = programPortfolioAnswerOf(program, projects, { programId: 'g1', limit: 2 }, 7);
    expect(answer).toEqual({ ...programPortfolio(program, projects, 2), position: 7 });
    expect(answer.worstProjects.map((row) => row.projectId)).toEqual(['p2', 'p3']);
  });
});
