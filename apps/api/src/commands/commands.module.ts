import { Global, Module } from '@nestjs/common';
import { ProgramScope } from '@ledger/runtime';
import { CommandDispatcher } from './command-dispatcher.service';
import { LedgerCommandHandler } from './ledger-command.handler';

/** The command side every feature module uses: the generic handler, dispatcher and scope checks. */
@Global()
@Module({
  providers: [LedgerCommandHandler, CommandDispatcher, ProgramScope],
  exports: [CommandDispatcher, ProgramScope],
})
export class CommandsModule {}
