import { randomBytes } from 'node:crypto';
import {
  BSON,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Filter,
  MongoBulkWriteError,
  MongoClient,
  type MongoClientOptions,
  MongoNetworkError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type WriteError,
} from 'mongodb';
import { assertCheckpointName, assertPosition, assertReadDocument } from '../read-document';
import {
  type FindOptions,
  type ReadFilter,
  assertCollectionName,
  assertFieldPath,
  assertOmittedFields,
  normalizeFilter,
  normalizeFindOptions,
} from '../read-filter';
import {
  CollectionNotFoundError,
  DocumentTooLargeError,
  MAX_DOCUMENT_BYTES,
  ReadStoreUnavailableError,
} from '../read-store.errors';
import type { ReadCheckpoint, ReadDocument, ReadStore } from '../read-store.port';
import { mongoFilter, mongoSort } from './mongo.query';

export interface MongoReadStoreOptions {
  /** mongodb://… of MongoDB 7/8 or FerretDB 1.24. */
  readonly uri: string;
  readonly database: string;
  /** Passed to the driver (pool size, timeouts). `ignoreUndefined` is always true. */
  readonly clientOptions?: MongoClientOptions;
  /**
   * How long a resolved alias is trusted before it is read again (ms). Default 1000. This
   * instance's own swaps update it at once; another process's swap is seen within this time,
   * and meanwhile its readers read the previous collection, which is kept until the next swap.
   */
  readonly aliasCacheMs?: number;
}

interface AliasDocument {
  readonly _id: string;
  readonly physical: string;
  /** The collection this alias pointed at before the last swap: dropped at the next one. */
  readonly retired?: string;
}
interface CheckpointDocument {
  readonly _id: string;
  readonly position: number;
}

const DUPLICATE_KEY = 11000;
/** How many times one document's upsert re-reads and retries after losing a race. */
const MAX_UPSERT_ATTEMPTS = 5;

const SWAP_PREFIX = '_swap_';

/**
 * The production read store on the official driver, limited to the subset both MongoDB 7/8 and
 * FerretDB 1.24 serve (ARCHITECTURE.md): no transactions, change streams or findOneAnd*.
 *
 * Position guard (P5), per batch: read the stored positions (`_id $in`, plain projection) and
 * keep, per id, the newest version newer than the stored one. Ids absent at the read are
 * written with insertMany (the unique `_id` makes an insert a compare-and-set: it fails if
 * someone else inserted first); ids present are written with one ordered bulkWrite of
 * `replaceOne({_id, position: {$lt: new}}, doc, {upsert: true})`. If another writer raced us
 * after the read, a write fails with E11000 (the insert collided, or the guard missed and the
 * upsert tried to insert the existing `_id`). FerretDB 1.24 then reports the wrong index for
 * the failed write (checked), so the batch is replayed one document at a time, which is safe
 * because every write is guarded (a version already applied is now "not newer"). For one
 * document, E11000 is settled by re-reading: stored position ≥ ours means "already newer,
 * skip"; otherwise (the racer stored an older one, or deleted it) write again.
 *
 * Concurrent writers: on MongoDB a filtered replaceOne is atomic per document, so the guard
 * holds across processes. FerretDB 1.24 is NOT atomic there: its update runs the query, then an
 * unconditional `UPDATE … WHERE _id = ?` (internal/handler/msg_update.go, checked), so two
 * processes replacing the same document can lose the newer write. This adapter therefore
 * serialises its own writes (one instance never races itself), and a read model must have one
 * writing process at a time (the projector; a rebuild writes its own staging collection).
 * deleteMany forgets a document's position: an older upsert after it recreates the document
 * (a replay from a checkpoint re-applies the delete later, so it still converges).
 *
 * Rename/swap: FerretDB 1.24 renames only onto an absent target (`dropTarget` is not
 * implemented), and drop-then-rename would leave readers an empty collection in between. So a
 * logical collection name resolves through `_aliases` ({_id: logical, physical}; no alias =
 * the physical collection of the same name). renameCollection(from, to) renames from's
 * collection to a fresh `_swap_<to>_<hex>` and points `to`'s alias at it with one
 * single-document upsert (the atomic switch readers observe). The previous collection is NOT
 * dropped then (a reader that resolved the old alias just before would get an empty answer or
 * a cursor error): the alias records it as `retired`, and the next swap of `to` drops it, a
 * whole rebuild later. Aliases are cached per instance for `aliasCacheMs` (a query is then one
 * round trip, not two); a reader elsewhere with a stale alias reads the retired collection,
 * which still exists. At connect, `_swap_*` collections no alias names (a crash mid-swap) are
 * dropped.
 */
/** Documents per write command (see upsertMany). */
const WRITE_SLICE = 50;
/** Ids per read of the stored positions (see upsertMany). */
const READ_SLICE = 1000;

export class MongoReadStore implements ReadStore {
  private readonly aliases: Collection<AliasDocument>;
  private readonly checkpoints: Collection<CheckpointDocument>;
  /** This instance's writes, one at a time (see the class comment). */
  private writes: Promise<unknown> = Promise.resolve();
  /** Resolved aliases: logical name → physical name and until when it is trusted. */
  private readonly aliasCache = new Map<string, { physical: string; until: number }>();

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly aliasCacheMs: number,
  ) {
    this.aliases = db.collection<AliasDocument>('_aliases');
    this.checkpoints = db.collection<CheckpointDocument>('_checkpoints');
  }

  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    const client = new MongoClient(options.uri, {
      ...options.clientOptions,
      // JSON has no undefined: drop such fields as the embedded store does, never store null.
      ignoreUndefined: true,
    });
    await client.connect();
    const store = new MongoReadStore(
      client,
      client.db(options.database),
      options.aliasCacheMs ?? 1000,
    );
    await store.dropOrphanedSwaps();
    return store;
  }

  /** Drops `_swap_*` collections that no alias names (left by a crash mid-swap). */
  private async dropOrphanedSwaps(): Promise<void> {
    const names = await this.db
      .listCollections({ name: { $regex: `^${SWAP_PREFIX}` } }, { nameOnly: true })
      .toArray();
    if (names.length === 0) return;
    const referenced = new Set<string>();
    for (const alias of await this.aliases.find().toArray()) {
      referenced.add(alias.physical);
      if (alias.retired) referenced.add(alias.retired);
    }
    for (const { name } of names) {
      if (!referenced.has(name)) await this.db.dropCollection(name);
    }
  }

  async get<T extends ReadDocument>(collection: string, id: string): Promise<T | null> {
    return reading(async () => {
      const found = await (await this.collection(collection)).findOne({ _id: id });
      return found as T | null;
    });
  }

  getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<T[]> {
    return reading(() => this.findMany<T>(collection, ids));
  }

  private async findMany<T extends ReadDocument>(
    collection: string,
    ids: readonly string[],
  ): Promise<T[]> {
    const target = await this.collection(collection);
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const found = await target.find({ _id: { $in: unique } }).toArray();
    const byId = new Map(found.map((document) => [document._id, document]));
    return unique.flatMap((id) => {
      const document = byId.get(id);
      return document ? [document as T] : [];
    });
  }

  async upsertMany<T extends ReadDocument>(
    collection: string,
    documents: readonly T[],
  ): Promise<void> {
    assertCollectionName(collection);
    documents.forEach(assertReadDocument);
    for (const document of documents) {
      const bytes = BSON.calculateObjectSize(document);
      if (bytes > MAX_DOCUMENT_BYTES)
        throw new DocumentTooLargeError(collection, document._id, bytes);
    }
    if (documents.length === 0) return;

    await this.serialized(() => this.upsertGuarded(collection, documents));
  }

  /**
   * The guarded upsert of a whole call: the stored positions of every id are read first, in
   * reads of up to READ_SLICE ids (one scan per read where the server scans, as FerretDB 1.24
   * does for `$in`, instead of one per write slice), then the newest version per id that is
   * newer than the stored one is written in slices of WRITE_SLICE, in order: FerretDB 1.24 never
   * answers an update command of about 100 or more statements (each holds one of its ~100
   * pooled SQLite connections until the command ends). One instance serialises its writes, so
   * nothing of its own changes the positions between the read and the writes; another writer
   * racing it is caught by the insert's unique `_id` and the replace's guard (E11000, settled
   * one document at a time).
   */
  private async upsertGuarded<T extends ReadDocument>(
    collection: string,
    documents: readonly T[],
  ): Promise<void> {
    const target = await this.collection(collection);
    const ids = [...new Set(documents.map((document) => document._id))];
    const storedPositions = new Map<string, number>();
    for (let start = 0; start < ids.length; start += READ_SLICE) {
      const stored = await target
        .find({ _id: { $in: ids.slice(start, start + READ_SLICE) } })
        .project<{ _id: string; position: number }>({ position: 1 })
        .toArray();
      for (const document of stored) storedPositions.set(document._id, document.position);
    }
    // The newest version per id that is newer than the stored one. Versions of one id later in
    // the batch with a higher position would overwrite the earlier ones anyway.
    const newest = new Map<string, T>();
    for (const document of documents) {
      const known = newest.get(document._id)?.position ?? storedPositions.get(document._id);
      if (known === undefined || document.position > known) newest.set(document._id, document);
    }
    const writes = [...newest.values()];
    for (let start = 0; start < writes.length; start += WRITE_SLICE) {
      await this.writeSlice(target, writes.slice(start, start + WRITE_SLICE), storedPositions);
    }
  }

  /** One slice of newest versions: inserts for ids absent at the read, guarded replaces else. */
  private async writeSlice(
    target: Collection<ReadDocument>,
    documents: readonly ReadDocument[],
    storedPositions: ReadonlyMap<string, number>,
  ): Promise<void> {
    const absent = documents.filter((document) => !storedPositions.has(document._id));
    const present = documents.filter((document) => storedPositions.has(document._id));
    try {
      // Absent at the read: a plain insert, which the unique _id makes a compare-and-set.
      if (absent.length > 0) await target.insertMany(absent, { ordered: true });
      if (present.length > 0) {
        await target.bulkWrite(present.map(guardedReplace), { ordered: true });
      }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      for (const document of documents) await this.upsertOne(target, document);
    }
  }

  async deleteMany(collection: string, ids: readonly string[]): Promise<void> {
    assertCollectionName(collection);
    if (ids.length === 0) return;
    await this.serialized(async () => {
      const target = await this.collection(collection);
      await target.deleteMany({ _id: { $in: [...ids] } });
    });
  }

  find<T extends ReadDocument>(
    collection: string,
    filter?: ReadFilter,
    options?: FindOptions,
  ): Promise<T[]> {
    return reading(() => this.findPage<T>(collection, filter, options));
  }

  async findJson(
    collection: string,
    filter: ReadFilter | undefined,
    options: FindOptions | undefined,
    omit: readonly string[],
  ): Promise<string[]> {
    assertOmittedFields(omit);
    const documents = await this.find<ReadDocument>(collection, filter, options);
    return documents.map((document) => {
      const trimmed: Record<string, unknown> = { ...document };
      for (const field of omit) delete trimmed[field];
      return JSON.stringify(trimmed);
    });
  }

  /**
   * Nothing to keep: MongoDB holds documents as BSON, not text, so each findJson serialises what
   * it reads whatever was kept (and answers the same).
   */
  // eslint-disable-next-line @typescript-eslint/require-await -- refusals as rejections
  async ensureJsonView(collection: string, omit: readonly string[]): Promise<void> {
    assertCollectionName(collection);
    assertOmittedFields(omit);
    if (omit.length === 0) throw new TypeError('ensureJsonView: name at least one field');
  }

  /** MongoDB has no change counter short of a change stream: answers are not reused. */
  changeVersion(): Promise<string | null> {
    return Promise.resolve(null);
  }

  private async findPage<T extends ReadDocument>(
    collection: string,
    filter?: ReadFilter,
    options?: FindOptions,
  ): Promise<T[]> {
    const query = mongoFilter(normalizeFilter(filter));
    const page = normalizeFindOptions(options);
    const target = await this.collection(collection);
    // limit(0) means "no limit" to MongoDB; here it means no documents.
    if (page.limit === 0) return [];
    let cursor = target.find(query).sort(mongoSort(page)).skip(page.skip);
    if (page.limit !== undefined) cursor = cursor.limit(page.limit);
    return (await cursor.toArray()) as T[];
  }

  async count(collection: string, filter?: ReadFilter): Promise<number> {
    const query = mongoFilter(normalizeFilter(filter));
    return reading(async () => (await this.collection(collection)).countDocuments(query));
  }

  async getCheckpoint(name: string): Promise<number | null> {
    assertCheckpointName(name);
    const found = await reading(() => this.checkpoints.findOne({ _id: name }));
    return found ? found.position : null;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    assertCheckpointName(name);
    assertPosition(position);
    await this.checkpoints.replaceOne({ _id: name }, { position }, { upsert: true });
  }

  /** In order, WRITE_SLICE replaces per bulkWrite (no transactions here: see the port). */
  async saveCheckpoints(entries: readonly ReadCheckpoint[]): Promise<void> {
    for (const { name, position } of entries) {
      assertCheckpointName(name);
      assertPosition(position);
    }
    for (let start = 0; start < entries.length; start += WRITE_SLICE) {
      await this.checkpoints.bulkWrite(
        entries.slice(start, start + WRITE_SLICE).map(({ name, position }) => ({
          replaceOne: { filter: { _id: name }, replacement: { position }, upsert: true },
        })),
        { ordered: true },
      );
    }
  }

  async dropCollection(collection: string): Promise<void> {
    assertCollectionName(collection);
    await this.serialized(async () => {
      const alias = await this.aliases.findOne({ _id: collection });
      if (alias?.retired) await this.dropIfExists(alias.retired);
      await this.dropIfExists(await this.physicalName(collection));
      await this.forgetAlias(collection);
    });
  }

  async ensureIndex(collection: string, fields: readonly string[]): Promise<void> {
    assertCollectionName(collection);
    if (fields.length === 0) throw new TypeError('ensureIndex: name at least one field');
    fields.forEach(assertFieldPath);
    await this.serialized(async () => {
      // On the physical collection: a rebuilt one carries its indexes through the alias swap.
      const target = await this.collection(collection);
      await target.createIndex(Object.fromEntries(fields.map((field) => [field, 1])));
    });
  }

  async renameCollection(from: string, to: string): Promise<void> {
    assertCollectionName(from);
    assertCollectionName(to);
    if (from === to) throw new TypeError('renameCollection: from and to are the same');
    await this.serialized(() => this.swap(from, to));
  }

  private async swap(from: string, to: string): Promise<void> {
    const source = await this.physicalName(from);
    if (!(await this.exists(source))) throw new CollectionNotFoundError(from);
    const current = await this.aliases.findOne({ _id: to });
    const previous = current?.physical ?? to;
    const fresh = `${SWAP_PREFIX}${to}_${randomBytes(6).toString('hex')}`;

    await this.db.renameCollection(source, fresh);
    // The switch. The previous collection stays (retired) for readers that resolved it just
    // before; the one retired by the last swap has had a whole rebuild's time: dropped now.
    await this.aliases.replaceOne(
      { _id: to },
      { physical: fresh, retired: previous },
      { upsert: true },
    );
    this.aliasCache.set(to, { physical: fresh, until: Date.now() + this.aliasCacheMs });
    if (current?.retired && current.retired !== previous) await this.dropIfExists(current.retired);
    await this.forgetAlias(from);
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private serialized<R>(work: () => Promise<R>): Promise<R> {
    const result = this.writes.then(work, work);
    this.writes = result.catch(() => undefined);
    return result;
  }

  /** One document, settling E11000 by re-reading (see the class comment). */
  private async upsertOne(target: Collection<ReadDocument>, document: ReadDocument): Promise<void> {
    for (let attempt = 1; attempt <= MAX_UPSERT_ATTEMPTS; attempt++) {
      try {
        await target.replaceOne(guard(document), document, { upsert: true });
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const stored = await target.findOne({ _id: document._id }, { projection: { position: 1 } });
        if (stored && stored.position >= document.position) return;
      }
    }
    throw new Error(
      `upsert of ${document._id} lost the race ${MAX_UPSERT_ATTEMPTS} times in a row; giving up`,
    );
  }

  private async collection(logical: string): Promise<Collection<ReadDocument>> {
    assertCollectionName(logical);
    return this.db.collection<ReadDocument>(await this.physicalName(logical));
  }

  private async physicalName(logical: string): Promise<string> {
    const cached = this.aliasCache.get(logical);
    if (cached && cached.until > Date.now()) return cached.physical;
    const alias = await this.aliases.findOne({ _id: logical });
    const physical = alias ? alias.physical : logical;
    this.aliasCache.set(logical, { physical, until: Date.now() + this.aliasCacheMs });
    return physical;
  }

  /** Removes an alias and any stale collection under the logical name itself. */
  private async forgetAlias(logical: string): Promise<void> {
    this.aliasCache.delete(logical);
    const removed = await this.aliases.deleteOne({ _id: logical });
    if (removed.deletedCount > 0) await this.dropIfExists(logical);
  }

  private async exists(physical: string): Promise<boolean> {
    const found = await this.db.listCollections({ name: physical }, { nameOnly: true }).toArray();
    return found.length > 0;
  }

  private async dropIfExists(physical: string): Promise<void> {
    if (await this.exists(physical)) await this.db.dropCollection(physical);
  }
}

/** Matches the stored document only when it is older than `document`. */
function guard(document: ReadDocument): Filter<ReadDocument> {
  return { _id: document._id, position: { $lt: document.position } };
}

function guardedReplace(document: ReadDocument): AnyBulkWriteOperation<ReadDocument> {
  return { replaceOne: { filter: guard(document), replacement: document, upsert: true } };
}

function isDuplicateKey(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const errors = ([] as WriteError[]).concat(error.writeErrors);
    return errors.length > 0 && errors.every((writeError) => writeError.code === DUPLICATE_KEY);
  }
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * Runs a read, turning "the server does not answer" into ReadStoreUnavailableError (a 503 for
 * a query) and leaving every other error as it is.
 */
async function reading<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof MongoServerSelectionError ||
      error instanceof MongoNetworkError ||
      error instanceof MongoTopologyClosedError
    )
      throw new ReadStoreUnavailableError(error);
    throw error;
  }
}
