import { ROLES } from '@ledger/domain';
import { defineReadRoute } from '../../read-route';
import { projectDocumentsAnswer } from '../served-project';
import {
  COMPLAINT_LOG,
  COMPLAINT_LOG_STATUSES,
  complaintLogProjection,
} from './complaint-log.projection';
import {
  complaintLogAnswerOf,
  complaintLogFilter,
  type ComplaintLogQuery,
} from './complaint-log.query';

/**
 * GET the complaint log of a project (DOMAIN.md read model 6). Per project, because complaint
 * events carry the project and not the program, and the CPM handles complaints per project.
 */
export const complaintLogRoute = defineReadRoute({
  operationId: 'ComplaintLogController_list',
  tag: 'complaints',
  path: 'api/projects/:projectId/complaints',
  roles: ROLES,
  summary: 'Complaint log: severity, due dates, overdue, H&S flag and a summary',
  description:
    '{ projectId, programId, asOf, summary { total, open, overdue, hsRelatedOpen, byStatus, ' +
    'closedSatisfied, closedDissatisfied }, complaints: [document + overdue, daysOverdue, ' +
    'daysOpen], position }',
  answerType: 'ComplaintLogAnswer',
  query: {
    asOf: {
      kind: 'calendar-date',
      example: '2026-03-20',
      description:
        'The date overdue and days open are computed on (YYYY-MM-DD; default today, UTC)',
    },
    status: { kind: 'one-of', enum: COMPLAINT_LOG_STATUSES },
  },
  answer: ({ params: { projectId }, query }, reads) =>
    projectDocumentsAnswer(reads, projectId, query.asOf, {
      readModel: complaintLogProjection.name,
      collection: COMPLAINT_LOG,
      query: (project): ComplaintLogQuery => ({ ...project, status: query.status }),
      filter: complaintLogFilter,
      answerOf: complaintLogAnswerOf,
    }),
});

/** The read routes of the complaint log. */
export const COMPLAINT_LOG_ROUTES = [complaintLogRoute];
