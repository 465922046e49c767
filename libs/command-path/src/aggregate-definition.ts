import type { AnyDomainEvent, Decider } from '@ledger/domain';
import type { Upcaster } from '@ledger/event-store';

/**
 * Everything the generic command path needs to know about one aggregate: its decider, the
 * stream category, and the current schemaVersion of each event type (with the upcasters that
 * bring older versions up to it).
 */
export interface AggregateDefinition<TCommand, TState, TEvent extends AnyDomainEvent> {
  readonly name: string;
  readonly streamCategory: string;
  readonly decider: Decider<TCommand, TState, TEvent>;
  readonly schemaVersions: Readonly<Record<TEvent['type'], number>>;
  readonly upcasters?: readonly Upcaster[];
}

// A definition whose command/state/event types are erased, for registries keyed by name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any definition fits
export type AnyAggregateDefinition = AggregateDefinition<any, any, AnyDomainEvent>;
