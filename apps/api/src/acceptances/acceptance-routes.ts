import { acceptanceStreamId, acceptanceErrors } from '@ledger/domain';
import type { Principal, ProgramScope } from '@ledger/runtime';

/**
 * Every acceptance route is addressed under its project: the project must be in the caller's
 * programs claim, and the acceptance must belong to that project (else 404 acceptance-not-found).
 */
export async function assertAcceptanceInProject(
  scope: ProgramScope,
  principal: Principal,
  projectId: string,
  acceptanceId: string,
): Promise<void> {
  await scope.assertProject(principal, projectId);
  await scope.assertBelongsToProject(
    acceptanceStreamId(acceptanceId),
    projectId,
    acceptanceErrors.notInProject,
  );
}
