import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AggregateDefinition, AnyDomainEvent } from '@ledger/domain';
import {
  CommandExecutor,
  runReactions,
  type CommandContext,
  type CommandFactory,
} from '@ledger/command-path';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { LedgerCommand } from './ledger.command';
import { REACTIONS } from '@ledger/command-path';

export interface DispatchOptions {
  /** Id of the thing a creating command made, echoed in the response. */
  readonly id?: string;
  /** Business time from the request body, if it carried one. */
  readonly effectiveAt?: string;
}

/**
 * One aggregate's command endpoint: decide `build` on the aggregate with that id (its definition
 * builds the stream id) and answer where it landed.
 */
export type CommandSender<TCommand> = (
  id: string,
  build: CommandFactory<TCommand>,
  context: CommandContext,
  options?: DispatchOptions,
) => Promise<CommandAcceptedDto>;

/**
 * What every command endpoint does after validating and authorising: send the command through
 * the CQRS bus, run the reactions its events cause, and answer where it all landed.
 */
@Injectable()
export class CommandDispatcher {
  private readonly logger = new Logger('CommandDispatcher');

  constructor(
    private readonly commandBus: CommandBus,
    private readonly executor: CommandExecutor,
  ) {}

  /** The typed sender of one aggregate; controllers hold one per aggregate they write. */
  for<TCommand, TState, TEvent extends AnyDomainEvent>(
    definition: AggregateDefinition<TCommand, TState, TEvent>,
  ): CommandSender<TCommand> {
    return (id, build, context, options) => this.dispatch(definition, id, build, context, options);
  }

  private async dispatch<TCommand, TState, TEvent extends AnyDomainEvent>(
    definition: AggregateDefinition<TCommand, TState, TEvent>,
    id: string,
    build: CommandFactory<TCommand>,
    context: CommandContext,
    options: DispatchOptions = {},
  ): Promise<CommandAcceptedDto> {
    const commandContext = options.effectiveAt
      ? { ...context, effectiveAt: new Date(options.effectiveAt).toISOString() }
      : context;
    const outcome = await this.commandBus.execute(
      new LedgerCommand(definition, id, build, commandContext),
    );
    const followUps = await runReactions(this.executor, REACTIONS, outcome.events, commandContext);
    for (const result of followUps) {
      if ('error' in result) {
        // The correlation id named, as every line about a request carries it (no per-request
        // logging context follows the request: see RequestLog).
        this.logger.warn({
          correlationId: commandContext.correlationId,
          msg: `${result.reaction} on ${result.streamId} was refused: ${result.error.code} (${result.error.message})`,
        });
      }
    }
    return CommandAcceptedDto.of(outcome, options.id, followUps);
  }
}
