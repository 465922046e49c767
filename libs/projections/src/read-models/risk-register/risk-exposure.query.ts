import type { ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import { programRiskExposure, type ProgramRiskExposure } from './risk-exposure';
import type {
  RiskRegisterEntry,
  RiskRegisterProgram,
  RiskRegisterProject,
} from './risk-register.projection';

/** What a caller may ask of a program's risk exposure; the api has found the program. */
export interface RiskExposureQuery {
  readonly programId: string;
  /** The day overdue reviews and actions are judged on (YYYY-MM-DD). */
  readonly asOf: string;
}

export interface RiskExposureAnswer extends ProgramRiskExposure {
  readonly programId: string;
  readonly name: string;
  /** The day overdue reviews and actions are judged on. */
  readonly asOf: string;
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The program's projects (their register documents). */
export function riskExposureProjectsFilter(query: RiskExposureQuery): ReadFilter {
  return { type: 'project', programId: query.programId };
}

/** The risks of those projects (risk documents carry the project, not the program). */
export function riskExposureRisksFilter(projects: readonly RiskRegisterProject[]): ReadFilter {
  return { type: 'risk', projectId: { $in: projects.map((project) => project.projectId) } };
}

/** The answer over the program's document, its projects and their risks, `served` the position served. */
export function riskExposureAnswerOf(
  program: RiskRegisterProgram,
  projects: readonly RiskRegisterProject[],
  risks: readonly RiskRegisterEntry[],
  query: RiskExposureQuery,
  served: number,
): RiskExposureAnswer {
  return {
    programId: query.programId,
    name: program.name,
    asOf: query.asOf,
    ...programRiskExposure(projects, risks, query.asOf),
    position: answerPosition(served, [program, ...projects, ...risks]),
  };
}
