import { acceptanceAggregate, acceptanceErrors } from '@ledger/domain';
import type { RouteScope } from '@ledger/runtime';

/**
 * Every acceptance route is addressed under its project: the project must be in the caller's
 * programs claim, and the acceptance must belong to that project (else 404 acceptance-not-found).
 */
export const ACCEPTANCE_ROUTE: RouteScope = {
  project: 'projectId',
  child: {
    param: 'acceptanceId',
    of: acceptanceAggregate,
    notInProject: acceptanceErrors.notInProject,
  },
};
