import type { RecordedEvent } from '@ledger/event-store';
import { documentIdsOf, type Projection } from '@ledger/projections';
import type { ReadDocument } from '@ledger/read-store';

/** The documents of a projection by id, as the engine would have written them. */
export type Documents<D extends ReadDocument> = ReadonlyMap<string, D>;

/**
 * Folds `event` into `documents` the way the engine does (ProjectionEngine.fold): only handled
 * types, each touched document on its own, an event at or below a document's position skipped,
 * the same reference meaning "no change", and `_id` / `position` stamped on a changed document.
 */
function folded<D extends ReadDocument>(
  projection: Projection<D>,
  documents: Documents<D>,
  event: RecordedEvent,
): Map<string, D> {
  const next = new Map(documents);
  if (!projection.handles.includes(event.type)) return next;
  for (const id of documentIdsOf(projection, event)) {
    const before = next.get(id) ?? null;
    if (before && event.position <= before.position) continue;
    const after = projection.apply(before, event);
    if (after === before) continue;
    if (after === null) next.delete(id);
    else next.set(id, { ...after, _id: id, position: event.position });
  }
  return next;
}

/**
 * The documents `history` leaves, folded as the engine folds it: for specs of what is computed
 * from documents (figures, queries) rather than of the fold itself.
 */
export function projectedDocuments<D extends ReadDocument>(
  projection: Projection<D>,
  history: readonly RecordedEvent[],
): Map<string, D> {
  return history.reduce<Map<string, D>>(
    (documents, event) => folded(projection, documents, event),
    new Map(),
  );
}

/**
 * given(events).when(event).then(document): the shape every projection spec uses (STYLE.md 9).
 * `given` folds history as the engine would; `when` folds one more event; `then` compares the
 * document that event touches (null: it was deleted or never created). Every `then` also checks
 * that the same event delivered twice changes nothing: `apply` is called again on the result,
 * without the engine's position guard, and must hand back that document unchanged. Neither
 * fold may mutate the documents it is handed (`when` checks it for both).
 */
export function projectionSpec<D extends ReadDocument>(projection: Projection<D>) {
  /** The builder from documents already folded (what given and replays start from). */
  const from = (before: Documents<D>) => {
    return {
      when(event: RecordedEvent) {
        // A projection returns new documents; the one it was handed stays as it was.
        const untouched = structuredClone(before);
        const after = folded(projection, before, event);
        expect(before).toEqual(untouched);
        const touched = projection.handles.includes(event.type)
          ? documentIdsOf(projection, event)
          : [];
        const sameEventTwice = (): void => {
          for (const id of touched) {
            const document = after.get(id) ?? null;
            const untouchedAfter = structuredClone(document);
            const again = projection.apply(document, event);
            expect(again).toEqual(document);
            expect(document).toEqual(untouchedAfter);
          }
        };
        return {
          /** The one document `event` touches. */
          then(expected: D | null): void {
            expect(touched).toHaveLength(1);
            expect(after.get(touched[0]!) ?? null).toEqual(expected);
            sameEventTwice();
          },
          /** Every document `event` touches, by id (null: deleted or never created). */
          thenDocuments(expected: Readonly<Record<string, D | null>>): void {
            expect([...touched].sort()).toEqual(Object.keys(expected).sort());
            for (const id of touched) expect(after.get(id) ?? null).toEqual(expected[id]);
            sameEventTwice();
          },
          /** For documents with computed parts: check them with your own assertions. */
          thenDocument(check: (document: D | null) => void): void {
            expect(touched).toHaveLength(1);
            check(after.get(touched[0]!) ?? null);
            sameEventTwice();
          },
          /**
           * Every document of the read model after the event, for what is computed at query
           * time over many documents (roll-ups): check them with your own assertions.
           */
          thenReadModel(check: (documents: Documents<D>) => void): void {
            check(after);
            sameEventTwice();
          },
          /** Nothing changes: every document is as `given` left it. */
          thenUnchanged(): void {
            expect(after).toEqual(before);
            sameEventTwice();
          },
        };
      },
    };
  };
  const spec = {
    /**
     * Folds `history` event by event, checking at each one what every `then` checks: the same
     * event twice changes nothing, and no document handed to the projection is mutated.
     */
    replays(history: readonly RecordedEvent[]): void {
      // Each step starts from what the previous one left: the history is folded once, not
      // again from its start for every event.
      let documents: Documents<D> = new Map();
      for (const event of history) {
        from(documents)
          .when(event)
          .thenReadModel((after) => (documents = after));
      }
    },
    /** given(all but the last event of `history`).when(its last event). */
    after(history: readonly RecordedEvent[]) {
      const last = history.at(-1);
      if (last === undefined) throw new Error('after() needs at least one event');
      return spec.given(history.slice(0, -1)).when(last);
    },
    given(history: readonly RecordedEvent[] = []) {
      return from(projectedDocuments(projection, history));
    },
  };
  return spec;
}
