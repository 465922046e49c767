import type { AnyDomainEvent } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';
import type { DerivedFigures, Projection } from './projection';

/**
 * A recorded event narrowed to one member of the domain union `E`: the envelope (position,
 * metadata, stream) of the store, the `type` and `data` of the decider. Distributive, so a
 * `switch (event.type)` narrows `event.data` as it does in `evolve`. Events reach a projection
 * already upcast to their current shape (the store is wrapped by `upcasting()`), so the current
 * domain types are the right ones.
 */
export type ProjectedEvent<E extends AnyDomainEvent> = E extends AnyDomainEvent
  ? Omit<RecordedEvent, 'type' | 'data'> & { readonly type: E['type']; readonly data: E['data'] }
  : never;

/**
 * A read model written against the event union it consumes (issue 8 item 2). `handles` has one
 * key per type of `E`: the compiler refuses a type of `E` left out and a type not in `E`, so a
 * projection cannot silently ignore an event it declared; `apply` ends its `switch` in
 * `assertNever`, so it cannot silently ignore one it handles either.
 */
export interface TypedProjection<E extends AnyDomainEvent, D extends ReadDocument> {
  readonly name: string;
  readonly collection: string;
  readonly indexes?: readonly (readonly string[])[];
  readonly jsonViews?: readonly (readonly string[])[];
  readonly handles: { readonly [T in E['type']]: true };
  documentId(event: ProjectedEvent<E>): string | readonly string[] | null;
  apply(document: D | null, event: ProjectedEvent<E>): D | null;
  /** See `Projection.derived`: `apply` split into a fold and the figures derived from it. */
  readonly derived?: {
    fold(document: D | null, event: ProjectedEvent<E>): D | null;
    derive(document: D): D;
  };
}

/**
 * The engine's `Projection` port over a typed read model. The one place a stored event becomes
 * a domain event: the engine only hands a projection the types in `handles`, and this checks it
 * again, so the narrowing below is never a guess.
 */
export function defineProjection<E extends AnyDomainEvent, D extends ReadDocument>(
  typed: TypedProjection<E, D>,
): Projection<D> {
  const handles = Object.keys(typed.handles);
  const handled = new Set(handles);
  const narrow = (event: RecordedEvent): ProjectedEvent<E> => {
    if (!handled.has(event.type)) {
      throw new TypeError(`projection ${typed.name} does not handle ${event.type}`);
    }
    // Checked above: `event.type` is a type of E, and its data has E's current shape.
    return event as unknown as ProjectedEvent<E>;
  };
  return {
    name: typed.name,
    collection: typed.collection,
    ...(typed.indexes ? { indexes: typed.indexes } : {}),
    ...(typed.jsonViews ? { jsonViews: typed.jsonViews } : {}),
    handles,
    documentId: (event) => typed.documentId(narrow(event)),
    apply: (document, event) => typed.apply(document, narrow(event)),
    ...(typed.derived ? { derived: derivedOver(typed.derived, narrow) } : {}),
  };
}

/** The engine's `DerivedFigures` over a typed read model's, narrowing each event like `apply`. */
function derivedOver<E extends AnyDomainEvent, D extends ReadDocument>(
  typed: NonNullable<TypedProjection<E, D>['derived']>,
  narrow: (event: RecordedEvent) => ProjectedEvent<E>,
): DerivedFigures<D> {
  return {
    fold: (document, event) => typed.fold(document, narrow(event)),
    derive: (document) => typed.derive(document),
  };
}
