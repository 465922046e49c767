import { projectErrors, ROLES } from '@ledger/domain';
import { defineReadRoute } from '../../read-route';
import {
  CSSQ_DIMENSIONS,
  CSSQ_HISTORY,
  cssqHistoryProjection,
  type CssqHistory,
} from './cssq-history.projection';
import { cssqHistoryAnswerOf } from './cssq-history.query';

/** GET a project's CSSQ change history: scoped by the history's program, 404 without one. */
export const cssqHistoryRoute = defineReadRoute({
  operationId: 'CssqHistoryController_get',
  tag: 'projects',
  path: 'api/projects/:projectId/cssq-history',
  roles: ROLES,
  summary:
    'CSSQ change history: every change request with impacts, decision and resulting baseline',
  description: '{ projectId, changeRequests, cumulative, position }',
  answerType: 'CssqHistoryAnswer',
  query: {
    dimension: {
      kind: 'one-of',
      enum: CSSQ_DIMENSIONS,
      description: 'Only change requests whose assessed impact changes this dimension',
    },
    from: {
      kind: 'calendar-date-or-offset-date-time',
      description:
        'Only change requests raised at or after (a date, or a date-time with an offset)',
    },
    to: {
      kind: 'calendar-date-or-offset-date-time',
      description:
        'Only change requests raised at or before (a date includes the day; a date-time needs an offset)',
    },
  },
  async answer({ params: { projectId }, query }, reads) {
    const position = await reads.served(cssqHistoryProjection.name);
    const history = await reads.store.get<CssqHistory>(CSSQ_HISTORY, projectId);
    if (!history) throw projectErrors.notFoundById(projectId);
    reads.assertProgram(history.programId);
    return cssqHistoryAnswerOf(
      history,
      { dimension: query.dimension, from: query.from, to: query.to },
      position,
    );
  },
});

/** The read routes of the CSSQ history. */
export const CSSQ_HISTORY_ROUTES = [cssqHistoryRoute];
