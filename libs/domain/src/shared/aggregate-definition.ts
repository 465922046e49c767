import type { Decider } from './decider';
import type { EventUpcaster } from './event-upcaster';
import type { AnyDomainEvent } from './message';

/**
 * Everything the generic command path needs to know about one aggregate, exported by its domain
 * folder: the decider, where its stream lives (`streamId(id)`, the one place a stream name is
 * built), the current schemaVersion of each event type and the upcasters that bring older
 * versions up to it (P6). Pure data and functions: the command path types its handle from it.
 * `TName` keeps the name's literal type, so that a table keyed by `AggregateName` is checked by
 * the compiler to name every aggregate (the public-contract decision in @ledger/contracts).
 */
export interface AggregateDefinition<
  TCommand,
  TState,
  TEvent extends AnyDomainEvent,
  TName extends string = string,
> {
  readonly name: TName;
  readonly decider: Decider<TCommand, TState, TEvent>;
  readonly schemaVersions: Readonly<Record<TEvent['type'], number>>;
  readonly upcasters?: readonly EventUpcaster[];
  streamId(id: string): string;
}

/**
 * A definition whose command, state and event types are forgotten, for lists that hold several
 * aggregates (the event schemas, follow-up commands). Every definition fits: `Decider`'s methods
 * are declared as methods, which TypeScript checks bivariantly.
 */
export type AnyAggregateDefinition<TName extends string = string> = AggregateDefinition<
  unknown,
  unknown,
  AnyDomainEvent,
  TName
>;
