/** What `with` changed, so an older version can be rebuilt by undoing it. */
interface UndoEntry<K, V> {
  readonly key: K;
  readonly existed: boolean;
  readonly previous: V | undefined;
}

/** One Map shared by a line of versions: it holds the newest; the undo log leads back to the older ones. */
interface SharedEntries<K, V> {
  readonly entries: Map<K, V>;
  readonly undo: UndoEntry<K, V>[];
}

/**
 * A persistent map for states that evolve purely: `with` returns a new version and leaves this
 * one as it was, yet folding a stream stays linear. Copying a whole Map on every event made a
 * long project stream quadratic to fold (issue 12).
 *
 * The versions of one line share a Map: `with` on the newest version writes into it in place and
 * logs what it overwrote. An older version is still readable: the first time it is read (or
 * evolved, which branches) it takes its own copy of the shared Map with the later writes undone,
 * and keeps it, so it pays one copy, as every event used to.
 *
 * It reads as a Map does: iteration in insertion order, and overwriting a key keeps its position
 * (undoing an overwrite sets the old value back in place; undoing an insertion deletes it).
 * Iteration walks a snapshot, so a version evolved while it is being iterated does not leak the
 * newer entries into the loop. The internals are private fields, so structural comparisons (as
 * jest's toEqual) see only the entries.
 */
export class VersionedMap<K, V> implements ReadonlyMap<K, V> {
  #shared: SharedEntries<K, V>;
  /** The number of writes of the shared line this version has seen. */
  #version: number;

  private constructor(shared: SharedEntries<K, V>, version: number) {
    this.#shared = shared;
    this.#version = version;
  }

  static empty<K, V>(): VersionedMap<K, V> {
    return new VersionedMap<K, V>({ entries: new Map(), undo: [] }, 0);
  }

  static of<K, V>(entries: Iterable<readonly [K, V]>): VersionedMap<K, V> {
    return new VersionedMap<K, V>({ entries: new Map(entries), undo: [] }, 0);
  }

  /** A new version with `key` set to `value`; this version is left unchanged. */
  with(key: K, value: V): VersionedMap<K, V> {
    const entries = this.#ownEntries();
    const shared = this.#shared;
    const existed = entries.has(key);
    shared.undo.push({ key, existed, previous: existed ? entries.get(key) : undefined });
    entries.set(key, value);
    return new VersionedMap(shared, shared.undo.length);
  }

  get size(): number {
    return this.#ownEntries().size;
  }

  get(key: K): V | undefined {
    return this.#ownEntries().get(key);
  }

  has(key: K): boolean {
    return this.#ownEntries().has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[K, V]> {
    return Array.from(this.#ownEntries()).values();
  }

  keys(): MapIterator<K> {
    return Array.from(this.#ownEntries().keys()).values();
  }

  values(): MapIterator<V> {
    return Array.from(this.#ownEntries().values()).values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  /**
   * The Map holding exactly this version's entries: the shared one while this is the newest
   * version, otherwise a copy with the later writes undone, which becomes this version's own line.
   */
  #ownEntries(): Map<K, V> {
    const { entries, undo } = this.#shared;
    if (this.#version === undo.length) return entries;
    const copy = new Map(entries);
    for (let index = undo.length - 1; index >= this.#version; index -= 1) {
      const write = undo[index] as UndoEntry<K, V>;
      if (write.existed) copy.set(write.key, write.previous as V);
      else copy.delete(write.key);
    }
    this.#shared = { entries: copy, undo: [] };
    this.#version = 0;
    return copy;
  }
}
