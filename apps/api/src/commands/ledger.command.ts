import { Command } from '@nestjs/cqrs';
import { type AnyAggregateDefinition } from '@ledger/domain';
import type { CommandContext, CommandFactory, CommandOutcome } from '@ledger/command-path';

/**
 * The one CQRS command of the API: "decide this on that stream". Controllers build the domain
 * command; the generic handler runs the decide/append loop for any aggregate (STYLE 6).
 */
export class LedgerCommand<TCommand = unknown> extends Command<CommandOutcome> {
  constructor(
    readonly aggregate: AnyAggregateDefinition,
    readonly streamId: string,
    readonly build: CommandFactory<TCommand>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
