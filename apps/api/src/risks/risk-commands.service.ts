import { Injectable } from '@nestjs/common';
import { type CommandContext } from '@ledger/command-path';
import {
  riskStreamId,
  type CommandMeta,
  type Money,
  type RiskCommand,
  riskAggregate,
  riskErrors,
} from '@ledger/domain';
import { type Principal, ProgramScope } from '@ledger/runtime';
import { CommandDispatcher } from '../commands/command-dispatcher.service';
import type { CommandAcceptedDto } from '../http/command-accepted.dto';
import type { MoneyDto } from '../http/money.dto';

/**
 * The risk register of a project (DOMAIN.md: the CPM owns risks). Every route writes, so it is
 * open to the project manager, the PMO and admin; auditors, integrations, sales and care read
 * the register through queries instead.
 */
export const RISK_WRITERS = ['project-manager', 'pmo', 'admin'] as const;

/** What every route on an existing risk does: scope checks, then the command on its stream. */
@Injectable()
export class RiskCommands {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
  ) {}

  async send(
    target: { readonly projectId: string; readonly riskId: string },
    principal: Principal,
    context: CommandContext,
    effectiveAt: string | undefined,
    build: (meta: CommandMeta) => RiskCommand,
    id?: string,
  ): Promise<CommandAcceptedDto> {
    const { projectId, riskId } = target;
    await this.scope.assertProject(principal, projectId);
    const streamId = riskStreamId(riskId);
    await this.scope.assertBelongsToProject(streamId, projectId, riskErrors.notInProject);
    return this.commands.dispatch<RiskCommand>(riskAggregate, streamId, build, context, {
      ...(id !== undefined ? { id } : {}),
      effectiveAt,
    });
  }
}

/** A validated MoneyDto as the plain value a command carries. */
export const toMoney = ({ amount, currency }: MoneyDto): Money => ({ amount, currency });
