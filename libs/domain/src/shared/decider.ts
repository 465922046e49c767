import type { AnyDomainEvent } from './message';

/**
 * An aggregate as three pure values (P1): its state before any event, how one event changes the
 * state, and what a command decides given the state. `evolve` never throws; `decide` returns the
 * new events or throws a DomainError.
 */
export interface Decider<TCommand, TState, TEvent extends AnyDomainEvent> {
  readonly initialState: TState;
  evolve(state: TState, event: TEvent): TState;
  decide(command: TCommand, state: TState): readonly TEvent[];
}

export function fold<TState, TEvent>(
  evolve: (state: TState, event: TEvent) => TState,
  initialState: TState,
  events: readonly TEvent[],
): TState {
  return events.reduce(evolve, initialState);
}

/** Compile-time exhaustiveness: a `switch` over a union ends here. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
