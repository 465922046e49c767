import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from './projection';
import { ProjectionDerivationFailedError, ProjectionFailedError } from './projection.errors';

/** What one projection makes of a batch: the documents to write and to delete, nothing written. */
export interface BatchPlan {
  readonly projection: Projection;
  readonly upserts: ReadDocument[];
  readonly deletes: string[];
}

/** Loads the stored documents of `ids` from `collection` (the engine's read store). */
export type DocumentLoader = (
  collection: string,
  ids: readonly string[],
) => Promise<readonly ReadDocument[]>;

/**
 * The pure part of a batch for one projection (P5): events above its checkpoint of the types it
 * handles are grouped by document; the documents are loaded and each group folded in position
 * order, skipping events at or below the document's stored position (delivered again after a
 * crash). A projection that throws becomes a ProjectionFailedError naming the event.
 */
export async function planBatch(
  projection: Projection,
  checkpoint: number,
  events: readonly RecordedEvent[],
  load: DocumentLoader,
): Promise<BatchPlan> {
  const handles = handledTypes(projection);
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    if (event.position <= checkpoint || !handles.has(event.type)) continue;
    let touched: string | readonly string[] | null;
    try {
      touched = projection.documentId(event);
    } catch (cause) {
      throw failedOn(projection, event, cause);
    }
    if (touched === null) continue;
    if (typeof touched === 'string') {
      addTo(groups, touched, event);
      continue;
    }
    for (const id of new Set(touched)) addTo(groups, id, event);
  }
  const plan: BatchPlan = { projection, upserts: [], deletes: [] };
  if (groups.size === 0) return plan;
  const loaded = await load(projection.collection, [...groups.keys()]);
  const stored = new Map(loaded.map((document) => [document._id, document]));
  const fold = projection.derived
    ? projection.derived.fold.bind(projection.derived)
    : projection.apply.bind(projection);
  for (const [id, group] of groups) {
    const before = stored.get(id) ?? null;
    let document = before;
    // The event that last changed the document: its position is stamped.
    let changedBy: RecordedEvent | undefined;
    for (const event of group) {
      // P5: the document already reflects this event (delivered again after a crash).
      if (document && event.position <= document.position) continue;
      let next: ReadDocument | null;
      // A try/catch here, not a closure per event and projection: with 200,000 events folded
      // by 11 read models those closures were garbage the rebuild paid for.
      try {
        next = fold(document, event);
      } catch (cause) {
        throw failedOn(projection, event, cause);
      }
      if (next === document) continue;
      changedBy = event;
      document = next;
    }
    if (document === before || changedBy === undefined) continue;
    const last = changedBy;
    // Stamped once per document and batch, not after each event (a copy each time): until
    // then a folded document may carry an older position, which no later event of the group
    // can be at or below (the group is in position order), so every guard decides the same.
    // A projection that stamped them already is not copied at all.
    if (document && (document._id !== id || document.position !== last.position)) {
      document = { ...document, _id: id, position: last.position };
    }
    if (document) plan.upserts.push(document);
    else if (before) plan.deletes.push(id);
  }
  return plan;
}

/** The types a projection handles as a set, made once per projection (not once per batch). */
const handledTypeSets = new WeakMap<Projection, ReadonlySet<string>>();
function handledTypes(projection: Projection): ReadonlySet<string> {
  let types = handledTypeSets.get(projection);
  if (!types) {
    types = new Set(projection.handles);
    handledTypeSets.set(projection, types);
  }
  return types;
}

function addTo(groups: Map<string, RecordedEvent[]>, id: string, event: RecordedEvent): void {
  const group = groups.get(id);
  if (group) group.push(event);
  else groups.set(id, [event]);
}

/**
 * The documents as they are written: with their derived figures computed, for a projection
 * that splits them from its fold (Projection.derived), once per document and flush. The
 * planner folds without them (held documents are folded again without them too: a fold never
 * reads them), so a catch-up derives each document once per flush, not once per event.
 */
export function withDerivedFigures(
  projection: Projection,
  documents: readonly ReadDocument[],
): readonly ReadDocument[] {
  const { derived } = projection;
  if (!derived) return documents;
  return documents.map((document) => {
    try {
      return derived.derive(document);
    } catch (cause) {
      throw new ProjectionDerivationFailedError(
        projection.name,
        document._id,
        document.position,
        cause,
      );
    }
  });
}

/** A projection's throw, naming the event it failed on. */
function failedOn(
  projection: Projection,
  event: RecordedEvent,
  cause: unknown,
): ProjectionFailedError {
  return new ProjectionFailedError(
    projection.name,
    event.position,
    event.type,
    event.streamId,
    cause,
  );
}
