import { programErrors, ROLES } from '@ledger/domain';
import { defineReadRoute, type ReadContext } from '../../read-route';
import {
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  type ProjectSummary,
} from '../project-summary/project-summary.projection';
import {
  PORTFOLIO_PROGRAMS,
  portfolioProgramProjection,
  type PortfolioProgram,
} from './portfolio-program.projection';
import {
  PROGRAM_PROJECTS_ORDER,
  programPortfolioAnswerOf,
  programProjectsFilter,
} from './portfolio-program.query';

/**
 * GET a program's portfolio health, rolled up at query time from the `project_summaries` of
 * its projects. The program comes from `portfolio_programs`, so a program without projects has
 * an (empty) portfolio and an unknown program is 404. The claim is checked first: whether a
 * program outside it exists is not the caller's business.
 */
export const programPortfolioRoute = defineReadRoute({
  operationId: 'ProgramPortfolioController_get',
  tag: 'programs',
  path: 'api/programs/:programId/portfolio',
  roles: ROLES,
  summary: 'Program portfolio: health roll-up of its projects, worst first',
  description:
    '{ programId, name, status, projects, byHealth, byPhase, byStatus, totals (per currency: BAC original and current, PV, EV, AC, SPI, CPI), openChangeRequests, openRisks, openHighThreats, worstProjects, position }',
  answerType: 'ProgramPortfolioAnswer',
  query: {
    limit: {
      kind: 'integer',
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'How many active projects the worst-first list holds',
    },
  },
  programScope: 'programId',
  async answer({ params: { programId }, query }, reads) {
    // Two read models answer: serve each, and state the lower of the two positions.
    const programs = await reads.served(portfolioProgramProjection.name);
    const summaries = await reads.served(projectSummaryProjection.name);
    const { program, projects } = await programAndProjects(reads, programId);
    const position = Math.min(programs, summaries);
    reads.state(position);
    return programPortfolioAnswerOf(
      program,
      projects,
      { programId, limit: query.limit ?? 10 },
      position,
    );
  },
});

/**
 * A program as the read side knows it, by its own document (404 when unknown), and its
 * projects' summaries by name. Read after serving both read models.
 */
export async function programAndProjects(
  reads: ReadContext,
  programId: string,
): Promise<{ readonly program: PortfolioProgram; readonly projects: readonly ProjectSummary[] }> {
  const program = await reads.store.get<PortfolioProgram>(PORTFOLIO_PROGRAMS, programId);
  if (!program) throw programErrors.notFoundById(programId);
  const projects = await reads.store.find<ProjectSummary>(
    PROJECT_SUMMARIES,
    programProjectsFilter(programId),
    PROGRAM_PROJECTS_ORDER,
  );
  return { program, projects };
}

/** The read routes of the program portfolio. */
export const PORTFOLIO_PROGRAM_ROUTES = [programPortfolioRoute];
