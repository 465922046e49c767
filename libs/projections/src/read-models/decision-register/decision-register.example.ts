import type { DecisionRegisterAnswer } from './decision-register.query';

/** The documented example of the register's answer (OpenAPI). */
export const DECISION_REGISTER_EXAMPLE: DecisionRegisterAnswer = {
  items: [
    {
      decisionId: '5b0e7d3c-2f41-4a8e-9c16-7d2b3a4e5f60',
      kind: 'change-request-decision',
      outcome: 'approved',
      stage: null,
      subject: { type: 'change-request', id: 'cr-17' },
      programId: 'pg-1',
      projectId: 'p-1',
      contractId: 'c-1',
      decidedBy: 'bob',
      roles: ['project-manager'],
      authority: 'project-manager',
      changeRequestId: 'cr-17',
      customerSignatureRef: null,
      certificateId: null,
      reason: 'Customer funds the depot',
      recordedAt: '2026-03-05T09:00:01.204Z',
      effectiveAt: '2026-03-05T09:00:00.000Z',
      logPosition: 42,
      eventType: 'ChangeRequestDecided',
      segregation: { requestedBy: 'alice', decidedBy: 'bob', distinct: true },
    },
  ],
  total: 1,
  segregationExceptions: 0,
  position: 57,
};
