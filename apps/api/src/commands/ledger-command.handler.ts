import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandOutcome } from '@ledger/command-path';
import { LedgerCommand } from './ledger.command';

@CommandHandler(LedgerCommand)
export class LedgerCommandHandler implements ICommandHandler<LedgerCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(command: LedgerCommand): Promise<CommandOutcome> {
    return this.executor.execute(
      command.aggregate,
      command.streamId,
      command.build,
      command.context,
    );
  }
}
