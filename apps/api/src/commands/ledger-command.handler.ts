import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AnyDomainEvent } from '@ledger/domain';
import { aggregateHandle, CommandExecutor, type CommandOutcome } from '@ledger/command-path';
import { LedgerCommand } from './ledger.command';

@CommandHandler(LedgerCommand)
export class LedgerCommandHandler implements ICommandHandler<
  LedgerCommand<unknown, unknown, AnyDomainEvent>
> {
  constructor(private readonly executor: CommandExecutor) {}

  execute<TCommand, TState, TEvent extends AnyDomainEvent>(
    command: LedgerCommand<TCommand, TState, TEvent>,
  ): Promise<CommandOutcome> {
    return aggregateHandle(this.executor, command.definition).handle(
      command.id,
      command.build,
      command.context,
    );
  }
}
