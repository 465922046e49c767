import { HANDOVER_KINDS, ROLES } from '@ledger/domain';
import { defineReadRoute } from '../../read-route';
import { projectDocumentsAnswer } from '../served-project';
import {
  HANDOVER_READINESS,
  HANDOVER_READINESS_STATUSES,
  handoverReadinessProjection,
} from './handover-readiness.projection';
import {
  HANDOVER_READINESS_ORDER,
  handoverReadinessAnswerOf,
  handoverReadinessFilter,
  type HandoverReadinessQuery,
} from './handover-readiness.query';

/** GET the readiness of a project's handovers (DOMAIN.md read model 5). */
export const handoverReadinessRoute = defineReadRoute({
  operationId: 'HandoverReadinessController_list',
  tag: 'handovers',
  path: 'api/projects/:projectId/handovers',
  roles: ROLES,
  summary: 'Handover readiness: items, % mandatory accepted, blocking items, who holds it',
  description:
    '{ projectId, programId, asOf, handovers: [document + readiness { mandatoryItems, ' +
    'mandatoryAccepted, mandatoryAcceptedPct, blockingItems, ageDays, holder }], position }',
  answerType: 'HandoverReadinessAnswer',
  query: {
    asOf: {
      kind: 'calendar-date',
      example: '2026-03-16',
      description: 'The date ages are computed to (YYYY-MM-DD; default today, UTC)',
    },
    kind: { kind: 'one-of', enum: HANDOVER_KINDS, description: 'Only handovers of this kind' },
    status: { kind: 'one-of', enum: HANDOVER_READINESS_STATUSES },
  },
  answer: ({ params: { projectId }, query }, reads) =>
    projectDocumentsAnswer(reads, projectId, query.asOf, {
      readModel: handoverReadinessProjection.name,
      collection: HANDOVER_READINESS,
      query: (project): HandoverReadinessQuery => ({
        ...project,
        kind: query.kind,
        status: query.status,
      }),
      filter: handoverReadinessFilter,
      order: HANDOVER_READINESS_ORDER,
      answerOf: handoverReadinessAnswerOf,
    }),
});

/** The read routes of handover readiness. */
export const HANDOVER_READINESS_ROUTES = [handoverReadinessRoute];
