import { Command } from '@nestjs/cqrs';
import type { AggregateDefinition, AnyDomainEvent } from '@ledger/domain';
import type { CommandContext, CommandFactory, CommandOutcome } from '@ledger/command-path';

/**
 * The one CQRS command of the API: "decide this on the aggregate with that id". Controllers
 * build the domain command; the generic handler runs the decide/append loop for any aggregate
 * (STYLE 6), typed by the aggregate's own definition.
 */
export class LedgerCommand<
  TCommand,
  TState,
  TEvent extends AnyDomainEvent,
> extends Command<CommandOutcome> {
  constructor(
    readonly definition: AggregateDefinition<TCommand, TState, TEvent>,
    readonly id: string,
    readonly build: CommandFactory<TCommand>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
