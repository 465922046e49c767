import { DomainError, type Decider, type AnyDomainEvent } from '@ledger/domain';

/**
 * given(events).when(command).then(expectedEvents) / .thenFails(code): the shape every decider
 * spec uses. `given` folds history through the real `evolve`; `when` runs the real `decide`.
 */
export function deciderSpec<TCommand, TState, TEvent extends AnyDomainEvent>(
  decider: Decider<TCommand, TState, TEvent>,
) {
  return {
    given(history: readonly TEvent[] = []) {
      const state = history.reduce(decider.evolve, decider.initialState);
      return {
        when(command: TCommand) {
          const run = (): readonly TEvent[] => decider.decide(command, state);
          return {
            then(expected: readonly TEvent[]): void {
              expect(run()).toEqual(expected);
            },
            /** For events with computed parts: check them with your own assertions. */
            thenEvents(check: (events: readonly TEvent[]) => void): void {
              check(run());
            },
            thenFails(code: string): DomainError {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(DomainError);
              expect((caught as DomainError).code).toBe(code);
              return caught as DomainError;
            },
          };
        },
      };
    },
  };
}
