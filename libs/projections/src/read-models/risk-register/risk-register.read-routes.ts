import { programErrors, projectErrors, RISK_KINDS, ROLES } from '@ledger/domain';
import { defineReadRoute, type ReadQueryField } from '../../read-route';
import {
  RISK_REGISTER,
  riskRegisterProgramId,
  riskRegisterProjection,
  type RiskRegisterDocument,
  type RiskRegisterEntry,
  type RiskRegisterProgram,
  type RiskRegisterProject,
  type RiskRegisterStatus,
} from './risk-register.projection';
import {
  riskExposureAnswerOf,
  riskExposureProjectsFilter,
  riskExposureRisksFilter,
  type RiskExposureQuery,
} from './risk-exposure.query';
import { RISK_SORTS } from './risk-exposure';
import {
  riskRegisterAnswerOf,
  riskRegisterFilter,
  riskRegisterProjectOf,
  type RiskRegisterQuery,
} from './risk-register.query';

export const RISK_REGISTER_STATUSES: readonly RiskRegisterStatus[] = ['open', 'occurred', 'closed'];

/** The day both risk answers judge overdue reviews and actions on. */
const AS_OF = {
  kind: 'calendar-date',
  example: '2026-06-01',
  description: 'The day overdue reviews and actions are judged on (YYYY-MM-DD; default today, UTC)',
} as const satisfies ReadQueryField;

/** GET a project's risk register and exposure; the filters and the sort apply to `items` only. */
export const riskRegisterRoute = defineReadRoute({
  operationId: 'RiskRegisterController_list',
  tag: 'risks',
  path: 'api/projects/:projectId/risks',
  roles: ROLES,
  summary: 'Risk register: scores, EMV, heat maps and exposure for one project',
  description: '{ projectId, programId, asOf, summary, items, total, position }',
  answerType: 'RiskRegisterAnswer',
  query: {
    asOf: AS_OF,
    status: { kind: 'one-of', enum: RISK_REGISTER_STATUSES },
    kind: { kind: 'one-of', enum: RISK_KINDS },
    sort: {
      kind: 'one-of',
      enum: RISK_SORTS,
      description: "'-' sorts descending; score = residual, else inherent; default -score",
    },
  },
  async answer({ params: { projectId }, query }, reads) {
    const position = await reads.served(riskRegisterProjection.name);
    const register: RiskRegisterQuery = {
      projectId,
      asOf: query.asOf ?? reads.today,
      status: query.status,
      kind: query.kind,
      sort: query.sort,
    };
    const documents = await reads.store.find<RiskRegisterDocument>(
      RISK_REGISTER,
      riskRegisterFilter(register),
    );
    const project = riskRegisterProjectOf(documents);
    if (!project) throw projectErrors.notFoundById(projectId);
    reads.assertProgram(project.programId);
    return riskRegisterAnswerOf(project, documents, register, position);
  },
});

/** GET a program's risk exposure: its projects' registers rolled up, and per project. */
export const riskExposureRoute = defineReadRoute({
  operationId: 'RiskExposureController_get',
  tag: 'programs',
  path: 'api/programs/:programId/risk-exposure',
  roles: ROLES,
  summary: 'Program risk exposure: the risk roll-up over its projects',
  description: '{ programId, name, asOf, summary, projects, position }',
  answerType: 'RiskExposureAnswer',
  query: { asOf: AS_OF },
  programScope: 'programId',
  async answer({ params: { programId }, query }, reads) {
    const position = await reads.served(riskRegisterProjection.name);
    const program = await reads.store.get<RiskRegisterProgram>(
      RISK_REGISTER,
      riskRegisterProgramId(programId),
    );
    if (!program) throw programErrors.notFoundById(programId);
    const exposure: RiskExposureQuery = { programId, asOf: query.asOf ?? reads.today };
    const projects = await reads.store.find<RiskRegisterProject>(
      RISK_REGISTER,
      riskExposureProjectsFilter(exposure),
    );
    const risks =
      projects.length === 0
        ? []
        : await reads.store.find<RiskRegisterEntry>(
            RISK_REGISTER,
            riskExposureRisksFilter(projects),
          );
    return riskExposureAnswerOf(program, projects, risks, exposure, position);
  },
});

/** The read routes of the risk register, in the order the api lists them. */
export const RISK_REGISTER_ROUTES = [riskRegisterRoute, riskExposureRoute];
