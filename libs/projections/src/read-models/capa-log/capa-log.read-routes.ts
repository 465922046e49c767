import { CAPA_SOURCES, ROLES } from '@ledger/domain';
import { defineReadRoute } from '../../read-route';
import { servedProject } from '../served-project';
import { CAPA_LOG, CAPA_STAGES, capaLogProjection, type CapaLogEntry } from './capa-log.projection';
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
  async answer({ params: { projectId }, query }, reads) {
    const { project, position } = await servedProject(reads, projectId, capaLogProjection.name);
    const log: CapaLogQuery = {
      projectId,
      programId: project.programId,
      asOf: query.asOf ?? reads.today,
      stage: query.stage,
      source: query.source,
    };
    const entries = await reads.store.find<CapaLogEntry>(
      CAPA_LOG,
      capaLogFilter(log),
      CAPA_LOG_ORDER,
    );
    return capaLogAnswerOf(entries, log, position);
  },
});

/** The read routes of the CAPA log. */
export const CAPA_LOG_ROUTES = [capaLogRoute];
