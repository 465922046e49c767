import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';

/**
 * A read model (STYLE.md 8): a pure fold `(document | null, event) → document | null` over the
 * event types it handles. It never touches a store: the ProjectionEngine loads the documents,
 * calls `apply`, stamps `position` and does the writes.
 *
 * Rules `apply` must keep so that a killed engine converges to a clean rebuild (P5):
 * - pure and deterministic: same input, same output; never mutate its arguments;
 * - `apply(null, event)` never throws for a handled event (after a crash, events already
 *   folded into a since-deleted document are replayed onto `null`): return `null` when the
 *   event cannot create the document;
 * - an event that deletes returns `null` whatever the document it is given.
 * Returning the document it was given (same reference) means "no change": nothing is written.
 * Throwing stops the engine (a failing projection is never skipped).
 */
export interface Projection<D extends ReadDocument = ReadDocument> {
  /** Unique; also the checkpoint name (letters, digits, `_.:-`). */
  readonly name: string;
  /** The read-store collection it owns (one projection per collection). */
  readonly collection: string;
  /**
   * The indexes its queries need (field lists, see ReadStore.ensureIndex): the engine makes
   * sure they exist before it writes, on a rebuild's fresh collection too.
   */
  readonly indexes?: readonly (readonly string[])[];
  /**
   * The JSON texts its queries send as stored (each the fields left out, see
   * ReadStore.ensureJsonView): the engine makes sure the store keeps them before it writes, on
   * a rebuild's fresh collection too, and the store writes them with each document.
   */
  readonly jsonViews?: readonly (readonly string[])[];
  /** The event types `apply` is called with; others never reach it. */
  readonly handles: readonly string[];
  /**
   * The id of the document an event touches, or several (e.g. a baseline touching every
   * obligation its milestones link to), or null / [] when it touches none. Each document is
   * folded on its own, with its own position guard.
   */
  documentId(event: RecordedEvent): string | readonly string[] | null;
  /**
   * The document after `event`; null deletes it. `position` is set by the engine to the
   * event's position (the projection may leave it as it was).
   */
  apply(document: D | null, event: RecordedEvent): D | null;
  /**
   * Optional, for a read model whose figures are derived from its folded facts alone (a project
   * summary's earned value and health, recomputed from every report and cost it holds): `fold`
   * is `apply` without that derivation and `derive` adds it, so `apply(d, e)` equals
   * `derive(fold(d, e))` whenever `fold` changes the document. The engine folds events into a
   * document with `fold` (held across catch-up pages underived) and derives once per document
   * when it writes it, not once per event (issue 12: deriving after every event was 14 % of a
   * rebuild). `fold` keeps `apply`'s rules and never reads a derived field, so a stale one
   * changes nothing it folds; `derive` keeps `_id` and `position`.
   */
  readonly derived?: DerivedFigures<D>;
}

/** A read model's fold split from its derived figures (see `Projection.derived`). */
export interface DerivedFigures<D extends ReadDocument = ReadDocument> {
  fold(document: D | null, event: RecordedEvent): D | null;
  derive(document: D): D;
}

/** The distinct ids of the documents `event` touches under `projection` (none for null). */
export function documentIdsOf(projection: Projection, event: RecordedEvent): readonly string[] {
  const touched = projection.documentId(event);
  if (touched === null) return [];
  return typeof touched === 'string' ? [touched] : [...new Set(touched)];
}
