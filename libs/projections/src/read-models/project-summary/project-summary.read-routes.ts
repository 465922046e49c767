import { projectErrors, ROLES } from '@ledger/domain';
import { answerPosition } from '../answer-position';
import { defineReadRoute, MAX_LIST_OFFSET } from '../../read-route';
import { HEALTHS } from './project-health';
import {
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  projectSummaryView,
  type ProjectSummary,
} from './project-summary.projection';
import { PROJECT_SORTS, projectSummaryPageBytes } from './project-summary.query';

/**
 * GET the project list. Any authenticated role may read; a caller only ever sees the programs
 * in its token's claim: the list is filtered to the claim, and asking for a program outside it
 * is 403.
 */
export const projectListRoute = defineReadRoute({
  operationId: 'ProjectSummariesController_list',
  tag: 'projects',
  path: 'api/projects',
  roles: ROLES,
  summary: 'List project summaries (phase, RAG health, earned value), filtered and sorted',
  description:
    '{ items, total, position }; filter by program, status and RAG health, sort by name, lastEventAt or health',
  answerType: 'ProjectSummaryPage',
  query: {
    programId: {
      kind: 'resource-id',
      description: 'Only this program (403 when outside your claim)',
    },
    status: { kind: 'one-of', enum: ['active', 'closed'] },
    health: {
      kind: 'one-of',
      enum: HEALTHS,
      description: 'Only projects of this RAG health (unknown: no baseline yet)',
    },
    sort: {
      kind: 'one-of',
      enum: PROJECT_SORTS,
      description: "'-' sorts descending; health sorts worst first; default name",
    },
    limit: { kind: 'integer', minimum: 1, maximum: 100, default: 20 },
    offset: { kind: 'integer', minimum: 0, maximum: MAX_LIST_OFFSET, default: 0 },
  },
  programScope: 'programId',
  async answer({ query, programs }, reads) {
    const position = await reads.served(projectSummaryProjection.name);
    // The ProjectSummaryPage as JSON made from the stored documents: the bytes JSON.stringify
    // would send, without parsing and serialising every summary again, reused between writes.
    const jsonText = await projectSummaryPageBytes(
      reads.store,
      {
        programs,
        ...(query.programId !== undefined ? { programId: query.programId } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.health !== undefined ? { health: query.health } : {}),
        sort: query.sort ?? 'name',
        limit: query.limit ?? 20,
        offset: query.offset ?? 0,
      },
      position,
    );
    return { jsonText };
  },
});

/** GET one project's summary; scoped by its program, 404 when the project is unknown. */
export const projectSummaryRoute = defineReadRoute({
  operationId: 'ProjectSummariesController_get',
  tag: 'projects',
  path: 'api/projects/:projectId',
  roles: ROLES,
  summary: 'Project summary: phase, RAG health, baseline vs current CSSQ, earned value',
  description:
    'The project summary: phase, status, RAG health and its reasons, original vs current baseline, open change requests and risks, earned value (PV, EV, AC, SV, CV, SPI, CPI, EAC, ETC, VAC, TCPI; null when undefined), reporting periods as reported with later adjustments; `position` is the log position the answer reflects',
  answerType: 'ProjectSummaryAnswer',
  query: {},
  async answer({ params: { projectId } }, reads) {
    const position = await reads.served(projectSummaryProjection.name);
    const summary = await reads.store.get<ProjectSummary>(PROJECT_SUMMARIES, projectId);
    if (!summary) throw projectErrors.notFoundById(projectId);
    reads.assertProgram(summary.programId);
    // The document's own position (its last event) is at or below the position served.
    return { ...projectSummaryView(summary), position: answerPosition(position, [summary]) };
  },
});

/** The read routes of the project summaries, in the order the api lists them. */
export const PROJECT_SUMMARY_ROUTES = [projectListRoute, projectSummaryRoute];
