import type { ReadDocument } from '@ledger/read-store';

/** A read-model document as an answer shows it: without the store's own fields. */
export type PublicItem<D extends ReadDocument> = Omit<D, '_id' | 'position'>;

/**
 * The document without `_id` and `position`. Both belong to the read store (the document key,
 * sometimes prefixed like `risk:<id>`, and the last event applied, P5): an item names itself by
 * its `<kind>Id` like every reference does, and an answer's one `position` is the top-level one
 * (also in X-Read-Position), so a client never sees two positions that mean different things.
 */
export function publicItem<D extends ReadDocument>(document: D): PublicItem<D> {
  const { _id: _key, position: _position, ...item } = document;
  return item;
}
