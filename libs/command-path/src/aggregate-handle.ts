import type { AggregateDefinition, AnyDomainEvent } from '@ledger/domain';
import type { CommandContext } from './command-context';
import type {
  CommandExecutor,
  CommandFactory,
  CommandOutcome,
  LoadedAggregate,
} from './command-executor';

/**
 * One aggregate's command path, typed by its definition: `handle` decides a command on the
 * aggregate with that id, `load` folds its stream into that aggregate's own state type. Callers
 * name an id, never a stream: the definition's `streamId` builds it.
 */
export class AggregateHandle<TCommand, TState, TEvent extends AnyDomainEvent> {
  constructor(
    private readonly executor: CommandExecutor,
    readonly definition: AggregateDefinition<TCommand, TState, TEvent>,
  ) {}

  streamId(id: string): string {
    return this.definition.streamId(id);
  }

  handle(
    id: string,
    command: CommandFactory<TCommand>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    return this.executor.execute(this.definition, this.definition.streamId(id), command, context);
  }

  load(id: string): Promise<LoadedAggregate<TState>> {
    return this.executor.load(this.definition, this.definition.streamId(id));
  }
}

/** The typed handle of one aggregate on an executor. */
export function aggregateHandle<TCommand, TState, TEvent extends AnyDomainEvent>(
  executor: CommandExecutor,
  definition: AggregateDefinition<TCommand, TState, TEvent>,
): AggregateHandle<TCommand, TState, TEvent> {
  return new AggregateHandle(executor, definition);
}
