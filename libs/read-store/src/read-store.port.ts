import type { FindOptions, ReadFilter } from './read-filter';

/** Injection token for the ReadStore port. */
export const READ_STORE = Symbol('ReadStore');

/**
 * Every read-model document. `position` is the global position of the last event applied to it
 * (P5): the store itself refuses to go back, see `upsertMany`.
 * Documents are plain JSON: objects, arrays, strings, finite numbers, booleans and null; no key
 * may contain '.' or start with '$' (MongoDB and FerretDB forbid them), `undefined` is refused.
 */
export interface ReadDocument {
  readonly _id: string;
  readonly position: number;
}

/** A checkpoint: the position saved under `name`. */
export interface ReadCheckpoint {
  readonly name: string;
  readonly position: number;
}

/**
 * The read side's storage (P7, P8): documents by id in named collections, plus checkpoints.
 * Adapters (embedded/ SQLite, mongo/) implement exactly this and pass the contract suite in
 * `contract/`. Collection names match /^[a-z][a-z0-9_]{0,62}$/ (lowercase: SQLite table names
 * are case-insensitive); a collection that was never written reads as empty.
 */
export interface ReadStore {
  get<T extends ReadDocument>(collection: string, id: string): Promise<T | null>;

  /** The documents that exist, in the order of `ids` (missing ids are left out). */
  getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<T[]>;

  /**
   * Replaces whole documents, inserting absent ones, in one batch. P5 idempotency is enforced
   * here: a document whose `position` is lower than or equal to the stored one is ignored, so
   * replaying events already applied changes nothing. Within a batch, documents apply in order.
   */
  upsertMany<T extends ReadDocument>(collection: string, documents: readonly T[]): Promise<void>;

  deleteMany(collection: string, ids: readonly string[]): Promise<void>;

  /**
   * Documents matching `filter` (fields ANDed), sorted by `options.sort` then `_id` (so paging is
   * stable), then `skip` and `limit`. Compare fields of one type per collection: across types
   * the two adapters' sort orders differ.
   */
  find<T extends ReadDocument>(
    collection: string,
    filter?: ReadFilter,
    options?: FindOptions,
  ): Promise<T[]>;

  /**
   * What `find` answers, each document as JSON text without the top-level fields in `omit`:
   * byte for byte `JSON.stringify` of the document with those keys deleted (key order kept). A
   * list can then send documents as stored, without parsing and serialising each again; the
   * embedded store cuts the fields out in SQLite.
   */
  findJson(
    collection: string,
    filter: ReadFilter | undefined,
    options: FindOptions | undefined,
    omit: readonly string[],
  ): Promise<string[]>;

  /**
   * Makes the store keep, beside each document of `collection`, its JSON text without the
   * top-level fields in `omit`: what `findJson` answers for that `omit`, written with the
   * document in the same statement (so in the same transaction, live and rebuild), and given
   * now to the documents already stored. `findJson` with the same fields (in any order) then
   * sends the kept text instead of cutting it out of each stored document. Answers are the same
   * with or without it. Idempotent; a rebuilt collection swapped in by `renameCollection`
   * keeps what it was given. A store whose documents are not stored as text (MongoDB) keeps
   * nothing.
   */
  ensureJsonView(collection: string, omit: readonly string[]): Promise<void>;

  count(collection: string, filter?: ReadFilter): Promise<number>;

  /**
   * A value that moves with every change a read could see (documents written or deleted,
   * collections dropped or swapped, by this process or any other), or null when the store
   * cannot tell cheaply. Read before reading: an answer made from reads that followed it may be
   * reused while the store still answers the same value.
   */
  changeVersion(): Promise<string | null>;

  /** Position saved under `name`, or null when none was saved. */
  getCheckpoint(name: string): Promise<number | null>;

  /**
   * Overwrites the checkpoint (it may go back, e.g. to 0 for a rebuild). Save it only after the
   * documents it covers were upserted (P5).
   */
  saveCheckpoint(name: string, position: number): Promise<void>;

  /**
   * `saveCheckpoint` for each entry, in one write where the store has transactions (SQLite: one
   * transaction, so a reader sees all of them moved or none): a projector saves every read
   * model's checkpoint after each flush, and as separate commits those cost more than a live
   * batch's documents. Every entry is checked before anything is written.
   */
  saveCheckpoints(checkpoints: readonly ReadCheckpoint[]): Promise<void>;

  /**
   * Makes sure `collection` has an ascending index over `fields` (top-level or dotted paths, in
   * that order), so that equality filters on a prefix of them, and a sort on the next one, do
   * not scan the collection. Idempotent; creates the collection if needed. A rebuilt collection
   * swapped in by `renameCollection` keeps the indexes it was given.
   */
  ensureIndex(collection: string, fields: readonly string[]): Promise<void>;

  /** Removes the collection and its documents; dropping an absent collection is a no-op. */
  dropCollection(collection: string): Promise<void>;

  /**
   * Makes `to` hold what `from` holds, replacing whatever `to` held, atomically for readers of
   * `to` (rebuild into a fresh collection, then swap it in). `from` then reads as empty.
   * Rejects with CollectionNotFoundError when `from` was never written.
   */
  renameCollection(from: string, to: string): Promise<void>;

  /** Resolves when the store answers; rejects with the reason otherwise (health checks). */
  ping(): Promise<void>;

  close(): Promise<void>;
}
