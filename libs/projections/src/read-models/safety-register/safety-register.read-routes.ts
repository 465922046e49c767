import { ROLES } from '@ledger/domain';
import {
  defineReadRoute,
  type ReadQueryField,
  type ReadQueryInput,
  type ReadQueryProblem,
} from '../../read-route';
import { portfolioProgramProjection } from '../portfolio-program/portfolio-program.projection';
import { programAndProjects } from '../portfolio-program/portfolio-program.read-routes';
import { projectSummaryProjection } from '../project-summary/project-summary.projection';
import { servedProject } from '../served-project';
import type { SafetyPeriod } from './safety-register.figures';
import {
  SAFETY_REGISTER,
  safetyRegisterProjection,
  type SafetyRegister,
} from './safety-register.projection';
import { programSafetyAnswerOf, projectSafetyAnswerOf } from './safety-register.query';

/** A period of whole calendar months, both ends included (exposure hours are per month). */
const PERIOD = {
  from: { kind: 'month', example: '2026-01', description: 'First month included (YYYY-MM)' },
  to: { kind: 'month', example: '2026-06', description: 'Last month included (YYYY-MM)' },
} as const satisfies Readonly<Record<string, ReadQueryField>>;

type PeriodQuery = ReadQueryInput<typeof PERIOD>;

const periodOf = (query: PeriodQuery): SafetyPeriod => ({
  from: query.from ?? null,
  to: query.to ?? null,
});

/** `from` after `to` is a bad query (400 naming `to`). */
function periodProblems(query: PeriodQuery): readonly ReadQueryProblem[] {
  const { from, to } = periodOf(query);
  return from !== null && to !== null && from > to
    ? [{ field: 'to', rule: 'periodOrder', message: 'to must not be before from' }]
    : [];
}

/** GET the H&S register of a project, with TRIR and LTIFR (DOMAIN.md read model 6). */
export const projectSafetyRoute = defineReadRoute({
  operationId: 'SafetyRegisterController_project',
  tag: 'safety',
  path: 'api/projects/:projectId/safety',
  roles: ROLES,
  summary: 'H&S register of a project with TRIR and LTIFR',
  description:
    '{ projectId, programId, period { from, to }, figures { exposureHours, incidents, byClass, ' +
    'recordables, lostTimeInjuries, lostDays, reclassified, openIncidents, ' +
    'openInvestigations, trir { value, count, hours, baseHours }, ltifr {…} }, incidents, ' +
    'exposure, position }',
  answerType: 'ProjectSafetyAnswer',
  query: PERIOD,
  queryProblems: periodProblems,
  async answer({ params: { projectId }, query }, reads) {
    const { project, position } = await servedProject(
      reads,
      projectId,
      safetyRegisterProjection.name,
    );
    const register = await reads.store.get<SafetyRegister>(SAFETY_REGISTER, projectId);
    return projectSafetyAnswerOf(project, register, periodOf(query), position);
  },
});

/**
 * GET the H&S register of a program. A program is known to the read side by its own document
 * (as the portfolio and the risk exposure know it), not by its projects: a program with none
 * yet has an empty register.
 */
export const programSafetyRoute = defineReadRoute({
  operationId: 'SafetyRegisterController_program',
  tag: 'safety',
  path: 'api/programs/:programId/safety',
  roles: ROLES,
  summary: 'H&S register of a program with TRIR and LTIFR',
  description:
    '{ programId, period, figures (summed), projects: [{ projectId, name, figures }], position }',
  answerType: 'ProgramSafetyAnswer',
  query: PERIOD,
  queryProblems: periodProblems,
  programScope: 'programId',
  async answer({ params: { programId }, query }, reads) {
    await reads.served(portfolioProgramProjection.name);
    await reads.served(projectSummaryProjection.name);
    const position = await reads.served(safetyRegisterProjection.name);
    const { projects } = await programAndProjects(reads, programId);
    const registers = await reads.store.getMany<SafetyRegister>(
      SAFETY_REGISTER,
      projects.map((project) => project.projectId),
    );
    return programSafetyAnswerOf(programId, projects, registers, periodOf(query), position);
  },
});

/** The read routes of the H&S register, in the order the api lists them. */
export const SAFETY_REGISTER_ROUTES = [projectSafetyRoute, programSafetyRoute];
