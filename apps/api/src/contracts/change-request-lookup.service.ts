import { Injectable } from '@nestjs/common';
import { CommandExecutor } from '@ledger/command-path';
import {
  changeRequestErrors,
  projectStreamId,
  type AmendContract,
  projectAggregate,
} from '@ledger/domain';

/**
 * AmendContract needs the change request that authorises it (its decision, whether it has
 * contractual impact, and the customer signature recorded on it). Change requests live in their project's stream: this reads them there.
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
    const project = state;
    const changeRequest =
      project.status !== 'absent' && project.contractId === contractId
        ? project.changeRequests.get(ref.changeRequestId)
        : undefined;
    if (project.status === 'absent' || changeRequest === undefined) {
      throw changeRequestErrors.notFoundInContract(ref.projectId, ref.changeRequestId, contractId);
    }
    return {
      id: changeRequest.changeRequestId,
      projectId: project.projectId,
      decision: changeRequest.decision?.outcome ?? null,
      contractual: changeRequest.assessment?.contractual ?? false,
      customerSignatureRef: changeRequest.customerSignatureRef,
    };
  }
}
