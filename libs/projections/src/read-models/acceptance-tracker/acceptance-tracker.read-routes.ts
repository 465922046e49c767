import { ACCEPTANCE_OBJECT_KINDS, ROLES } from '@ledger/domain';
import { defineReadRoute } from '../../read-route';
import { projectDocumentsAnswer } from '../served-project';
import {
  ACCEPTANCE_TRACKER,
  ACCEPTANCE_TRACKER_STATUSES,
  acceptanceTrackerProjection,
} from './acceptance-tracker.projection';
import {
  ACCEPTANCE_TRACKER_ORDER,
  acceptanceTrackerAnswerOf,
  acceptanceTrackerFilter,
  type AcceptanceTrackerQuery,
} from './acceptance-tracker.query';

/** GET the acceptance tracker of a project (DOMAIN.md read model 6). */
export const acceptanceTrackerRoute = defineReadRoute({
  operationId: 'AcceptanceTrackerController_list',
  tag: 'acceptances',
  path: 'api/projects/:projectId/acceptances',
  roles: ROLES,
  summary: 'Acceptance tracker: tests, punch items, certificates and counts by status',
  description:
    '{ projectId, programId, asOf, summary { total, byStatus, openPunchItems { A, B }, ' +
    'blockedByPunchItems, finalAcceptanceDue }, acceptances: [document + warranty], position }',
  answerType: 'AcceptanceTrackerAnswer',
  query: {
    asOf: {
      kind: 'calendar-date',
      example: '2027-03-01',
      description: 'The date warranties are judged on (YYYY-MM-DD; default today, UTC)',
    },
    status: { kind: 'one-of', enum: ACCEPTANCE_TRACKER_STATUSES },
    objectKind: {
      kind: 'one-of',
      enum: ACCEPTANCE_OBJECT_KINDS,
      description: 'Only this kind of object',
    },
  },
  answer: ({ params: { projectId }, query }, reads) =>
    projectDocumentsAnswer(reads, projectId, query.asOf, {
      readModel: acceptanceTrackerProjection.name,
      collection: ACCEPTANCE_TRACKER,
      query: (project): AcceptanceTrackerQuery => ({
        ...project,
        status: query.status,
        objectKind: query.objectKind,
      }),
      filter: acceptanceTrackerFilter,
      order: ACCEPTANCE_TRACKER_ORDER,
      answerOf: acceptanceTrackerAnswerOf,
    }),
});

/** The read routes of the acceptance tracker. */
export const ACCEPTANCE_TRACKER_ROUTES = [acceptanceTrackerRoute];
