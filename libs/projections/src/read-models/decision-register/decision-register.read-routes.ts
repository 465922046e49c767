import { defineReadRoute, MAX_LIST_OFFSET } from '../../read-route';
import { DECISION_KINDS } from './decision-register.entry';
import { DECISION_REGISTER_EXAMPLE } from './decision-register.example';
import {
  DECISION_REGISTER,
  decisionRegisterProjection,
  type DecisionRegisterFile,
} from './decision-register.projection';
import {
  decisionRegisterAnswerOf,
  decisionRegisterFilter,
  type DecisionRegisterQuery,
} from './decision-register.query';

/**
 * GET the decision register (issue 10 §1): every decision with who, role, when, authority and
 * reason, and the segregation-of-duties record. Auditors, the PMO and admins; lists are
 * filtered to the token's programs, and a programId outside them is 403.
 */
export const decisionRegisterRoute = defineReadRoute({
  operationId: 'DecisionRegisterController_list',
  tag: 'audit',
  path: 'api/audit/decisions',
  roles: ['auditor', 'pmo', 'admin'],
  summary: 'Decision register: every decision, who took it on whose request, under what authority',
  description:
    '{ items: [{ decisionId, kind, outcome, stage, subject, programId, projectId, contractId, ' +
    'decidedBy, roles, authority, changeRequestId, customerSignatureRef, certificateId, reason, ' +
    'recordedAt, effectiveAt, position, eventType, segregation { requestedBy, decidedBy, ' +
    'distinct } }], total, segregationExceptions, position }, in log order',
  example: DECISION_REGISTER_EXAMPLE,
  answerType: 'DecisionRegisterAnswer',
  query: {
    programId: {
      kind: 'resource-id',
      example: 'pg-1',
      description: 'Only this program (403 when outside your claim)',
    },
    projectId: {
      kind: 'resource-id',
      example: 'p-1',
      description: 'Only the decisions on this project',
    },
    actor: {
      kind: 'subject',
      example: 'bob',
      description: 'Only the decisions taken by this subject (token sub)',
    },
    kind: { kind: 'one-of', enum: DECISION_KINDS, example: 'change-request-decision' },
    from: {
      kind: 'calendar-date',
      example: '2026-03-01',
      description: 'Decisions effective (business date) on or after this date',
    },
    to: {
      kind: 'calendar-date',
      example: '2026-03-31',
      description: 'Decisions effective (business date) on or before this date',
    },
    segregationExceptions: {
      kind: 'one-of',
      enum: ['true', 'false'],
      example: 'true',
      description: 'true: only the decisions whose requester and decider are the same person',
    },
    limit: { kind: 'integer', minimum: 1, maximum: 100, default: 50, example: 50 },
    offset: { kind: 'integer', minimum: 0, maximum: MAX_LIST_OFFSET, default: 0, example: 0 },
  },
  programScope: 'programId',
  async answer({ query, programs }, reads) {
    const position = await reads.served(decisionRegisterProjection.name);
    const register: DecisionRegisterQuery = {
      programs,
      programId: query.programId,
      projectId: query.projectId,
      actor: query.actor,
      kind: query.kind,
      from: query.from,
      to: query.to,
      segregationExceptions: query.segregationExceptions === 'true',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    };
    const files = await reads.store.find<DecisionRegisterFile>(
      DECISION_REGISTER,
      decisionRegisterFilter(register),
    );
    return decisionRegisterAnswerOf(files, register, position);
  },
});

/** The read routes of the decision register. */
export const DECISION_REGISTER_ROUTES = [decisionRegisterRoute];
