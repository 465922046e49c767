import { Injectable } from '@nestjs/common';
import { CommandExecutor, projectAggregate } from '@ledger/command-path';
import {
  DomainError,
  projectStreamId,
  type AmendContract,
  type ProjectState,
} from '@ledger/domain';

/**
 * AmendContract needs the change request that authorises it (its status and whether it has
 * contractual impact). Change requests live in their project's stream: this reads them there.
 * The domain judges what it finds; a change request that is not in a project of this contract
 * is simply not found.
 */
@Injectable()
export class ChangeRequestLookup {
  constructor(private readonly executor: CommandExecutor) {}

  async authorising(
    contractId: string,
    ref: { readonly projectId: string; readonly changeRequestId: string },
  ): Promise<AmendContract['data']['changeRequest']> {
    const { state } = await this.executor.load(projectAggregate, projectStreamId(ref.projectId));
    const project = state as ProjectState;
    const changeRequest =
      project.status !== 'absent' && project.contractId === contractId
        ? project.changeRequests.get(ref.changeRequestId)
        : undefined;
    if (project.status === 'absent' || changeRequest === undefined) {
      throw new DomainError(
        'change-request-not-found',
        `no change request ${ref.changeRequestId} in project ${ref.projectId} of contract ${contractId}`,
        'not-found',
        { projectId: ref.projectId, changeRequestId: ref.changeRequestId },
      );
    }
    return {
      id: changeRequest.changeRequestId,
      projectId: project.projectId,
      status: changeRequest.status,
      contractual: changeRequest.assessment?.contractual ?? false,
    };
  }
}
