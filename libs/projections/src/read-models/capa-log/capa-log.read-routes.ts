import { CAPA_SOURCES, ROLES } from '@ledger/domain';
import { defineReadRoute } from '../../read-route';
import { projectDocumentsAnswer } from '../served-project';
import { CAPA_LOG, CAPA_STAGES, capaLogProjection } from './capa-log.projection';
import {
  CAPA_LOG_ORDER,
  capaLogAnswerOf,
  capaLogFilter,
  type CapaLogQuery,
} from './capa-log.query';

/**
 * GET the corrective-action (CAPA) log of a project (DOMAIN.md read model 6), under the same
 * path as the CAPA commands (`corrective-actions`). Per project: CAPA events carry the project
 * only.
 */
export const capaLogRoute = defineReadRoute({
  operationId: 'CapaLogController_list',
  tag: 'corrective-actions',
  path: 'api/projects/:projectId/corrective-actions',
  roles: ROLES,
  summary: 'CAPA log: stages, actions, effectiveness and a summary',
  description:
    '{ projectId, programId, asOf, summary { total, open, byStage, bySource, effective, ' +
    'notEffective, notChecked, overdueActions }, correctiveActions: [document + ' +
    'overdueActions, openActions, daysOpen], position }',
  answerType: 'CapaLogAnswer',
  query: {
    asOf: {
      kind: 'calendar-date',
      example: '2026-04-30',
      description: 'The date overdue actions and days open are computed on (default today, UTC)',
    },
    stage: { kind: 'one-of', enum: CAPA_STAGES },
    source: { kind: 'one-of', enum: CAPA_SOURCES },
  },
  answer: ({ params: { projectId }, query }, reads) =>
    projectDocumentsAnswer(reads, projectId, query.asOf, {
      readModel: capaLogProjection.name,
      collection: CAPA_LOG,
      query: (project): CapaLogQuery => ({
        ...project,
        stage: query.stage,
        source: query.source,
      }),
      filter: capaLogFilter,
      order: CAPA_LOG_ORDER,
      answerOf: capaLogAnswerOf,
    }),
});

/** The read routes of the CAPA log. */
export const CAPA_LOG_ROUTES = [capaLogRoute];
