import { answerPosition } from '../answer-position';
import {
  exposureByPeriod,
  incidentsInPeriod,
  safetyFiguresOf,
  type SafetyFigures,
  type SafetyPeriod,
} from './safety-register.figures';
import type { SafetyRegister, SafetyRegisterIncident } from './safety-register.projection';

export interface ProjectSafetyAnswer {
  readonly projectId: string;
  readonly programId: string;
  /** Months included (`YYYY-MM`, both ends); null ends are open. */
  readonly period: SafetyPeriod;
  readonly figures: SafetyFigures;
  /** Incidents that occurred in the period, in order of occurrence. */
  readonly incidents: readonly SafetyRegisterIncident[];
  /** Current exposure hours per month in the period. */
  readonly exposure: readonly { readonly periodId: string; readonly hours: number }[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

export interface ProgramSafetyAnswer {
  readonly programId: string;
  readonly period: SafetyPeriod;
  /** Summed over the projects: rates from the summed counts and hours. */
  readonly figures: SafetyFigures;
  /** Each project of the program (by name), with its own figures. */
  readonly projects: readonly {
    readonly projectId: string;
    readonly name: string;
    readonly figures: SafetyFigures;
  }[];
  readonly position: number;
}

/** A project the api has found (its summary), as the safety answers name it. */
export interface SafetyProject {
  readonly projectId: string;
  readonly programId: string;
  readonly name: string;
}

/**
 * A project's answer over its register for `period`; no register (nothing recorded yet) is an
 * empty one. `served` is the position served.
 */
export function projectSafetyAnswerOf(
  project: SafetyProject,
  register: SafetyRegister | null,
  period: SafetyPeriod,
  served: number,
): ProjectSafetyAnswer {
  return {
    projectId: project.projectId,
    programId: project.programId,
    period,
    figures: safetyFiguresOf(register ? [register] : [], period),
    incidents: register ? incidentsInPeriod(register, period) : [],
    exposure: register ? exposureByPeriod(register, period) : [],
    position: answerPosition(served, register ? [register] : []),
  };
}

/**
 * A program's answer over its attached projects (in the order given) and their registers (a
 * project without one counts as empty) for `period`; `served` is the position served.
 */
export function programSafetyAnswerOf(
  programId: string,
  projects: readonly SafetyProject[],
  registers: readonly SafetyRegister[],
  period: SafetyPeriod,
  served: number,
): ProgramSafetyAnswer {
  const registerOf = new Map(registers.map((register) => [register.projectId, register]));
  return {
    programId,
    period,
    figures: safetyFiguresOf(registers, period),
    projects: projects.map((project) => {
      const register = registerOf.get(project.projectId);
      return {
        projectId: project.projectId,
        name: project.name,
        figures: safetyFiguresOf(register ? [register] : [], period),
      };
    }),
    position: answerPosition(served, registers),
  };
}
