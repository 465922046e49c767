import type { CommandFactory } from '@ledger/command-path';
import type { ProjectCommand } from '@ledger/domain';

/**
 * The three commands that make a project able to take actual costs (created, baselined, its
 * sell-to-execute handover approved), for the benches that grow a project's stream with costs.
 */
export const costReadyProjectCommands = (
  projectId: string,
  handoverId: string,
): CommandFactory<ProjectCommand>[] => [
  (meta) => ({
    type: 'CreateProject',
    data: {
      projectId,
      programId: 'pg1',
      contractId: 'ct1',
      name: 'Metro fibre',
      programIsOpen: true,
      contractIsRegistered: true,
    },
    meta,
  }),
  (meta) => ({
    type: 'EstablishBaseline',
    data: {
      budget: { amount: 100_000_000, currency: 'EUR' },
      scope: [{ id: 's1', title: 'Core sites' }],
      milestones: [{ id: 'm1', title: 'Core ready', dueOn: '2027-06-30' }],
      quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
      contractObligationIds: [],
    },
    meta,
  }),
  (meta) => ({
    type: 'RecordHandoverOutcome',
    data: { handoverId, kind: 'sell-to-execute', outcome: 'approved' },
    meta,
  }),
];
