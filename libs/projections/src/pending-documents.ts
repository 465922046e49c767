import type { ReadDocument } from '@ledger/read-store';
import type { DocumentLoader } from './batch-planner';

/** One projection's share of a flush: the documents to write and the ids to delete. */
export interface PendingWrites {
  readonly upserts: readonly ReadDocument[];
  readonly deletes: readonly string[];
}

/**
 * Documents folded in memory but not written yet, per collection: the engine keeps what a
 * catch-up touches across pages and writes each document once per flush, not once per page
 * (issue 12: a page of 5,000 events touches hundreds of project documents again and again;
 * 71,057 writes for 13,327 final documents in the 200,000-event rebuild).
 *
 * An id held here is authoritative: its document (or null, deleted) is what the store will
 * hold after the flush, so the loader answers it from memory and never reads the store's older
 * copy. Only the engine writes its collections (one writer per read model), so nothing else can
 * change a held document meanwhile. Cleared at each flush, which bounds the memory.
 */
export class PendingDocuments {
  private readonly collections = new Map<string, Map<string, ReadDocument | null>>();
  private held = 0;

  /** How many documents (and deletions) are held, over every collection. */
  get size(): number {
    return this.held;
  }

  /** Records the outcome of a fold: `upserts` replace, `deletes` remove (null until flushed). */
  record(collection: string, upserts: readonly ReadDocument[], deletes: readonly string[]): void {
    let documents = this.collections.get(collection);
    if (!documents) {
      documents = new Map();
      this.collections.set(collection, documents);
    }
    for (const document of upserts) this.hold(documents, document._id, document);
    for (const id of deletes) this.hold(documents, id, null);
  }

  /**
   * A loader that answers held ids from memory (a held deletion is "absent") and asks `load`
   * for the rest, keeping the order of `ids` like the store does.
   */
  loaderOver(load: DocumentLoader): DocumentLoader {
    return async (collection, ids) => {
      const documents = this.collections.get(collection);
      if (!documents) return load(collection, ids);
      const missing = ids.filter((id) => !documents.has(id));
      const loaded = missing.length > 0 ? await load(collection, missing) : [];
      const fromStore = new Map(loaded.map((document) => [document._id, document]));
      const found: ReadDocument[] = [];
      for (const id of ids) {
        const document = documents.has(id) ? documents.get(id) : fromStore.get(id);
        if (document) found.push(document);
      }
      return found;
    };
  }

  /** What `collection` has to write at the flush (upserts in the order they were first held). */
  writesOf(collection: string): PendingWrites {
    const upserts: ReadDocument[] = [];
    const deletes: string[] = [];
    for (const [id, document] of this.collections.get(collection) ?? []) {
      if (document) upserts.push(document);
      else deletes.push(id);
    }
    return { upserts, deletes };
  }

  clear(): void {
    this.collections.clear();
    this.held = 0;
  }

  private hold(
    documents: Map<string, ReadDocument | null>,
    id: string,
    document: ReadDocument | null,
  ): void {
    if (!documents.has(id)) this.held += 1;
    documents.set(id, document);
  }
}
