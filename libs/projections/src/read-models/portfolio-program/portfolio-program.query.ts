import type { FindOptions, ReadFilter } from '@ledger/read-store';
import type { PortfolioProgram } from './portfolio-program.projection';
import { programPortfolio, type PortfolioProject, type ProgramPortfolio } from './portfolio';

/** What a caller may ask of a program's portfolio; the api has found the program. */
export interface ProgramPortfolioQuery {
  readonly programId: string;
  /** How many of the worst projects to list. */
  readonly limit: number;
}

export interface ProgramPortfolioAnswer extends ProgramPortfolio {
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/**
 * The project summaries of the projects attached to a program. A project detached from the
 * program no longer counts in its roll-ups (the portfolio, the safety register's program figures).
 */
export function programProjectsFilter(programId: string): ReadFilter {
  return { programId, attachedToProgram: { $ne: false } };
}

/** By name. */
export const PROGRAM_PROJECTS_ORDER: FindOptions = { sort: [['name', 'asc']] };

/**
 * The answer over the program's document and its projects' summaries (found by
 * `programProjectsFilter`). Two read models answer, so `position` is the lower of the two
 * positions served, stated as it is: the documents cannot raise it.
 */
export function programPortfolioAnswerOf(
  program: PortfolioProgram,
  projects: readonly PortfolioProject[],
  query: ProgramPortfolioQuery,
  position: number,
): ProgramPortfolioAnswer {
  return { ...programPortfolio(program, projects, query.limit), position };
}
