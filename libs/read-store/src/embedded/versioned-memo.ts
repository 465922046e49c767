/** How much a VersionedMemo keeps: entries, and their summed weight (e.g. characters). */
export interface VersionedMemoLimits<V> {
  readonly maxEntries: number;
  /** Bound on the summed `weigh` of the entries kept; a single heavier value is not kept. */
  readonly maxWeight?: number;
  readonly weigh?: (value: V) => number;
}

/**
 * Answers of reads (a filtered count, a page of JSON texts) as they were at one version of the
 * database: a list asks for the same ones again and again, and nothing changes them until a
 * write. The store names the version (something every write moves); answers made at another
 * version are forgotten. Over its limits the least recently used answer goes first.
 */
export class VersionedMemo<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly weight: number }>();
  private version: string | undefined;
  private weight = 0;

  constructor(private readonly limits: VersionedMemoLimits<V>) {}

  /** The answer kept for `key` at `version`, if any; a new version forgets every answer. */
  get(key: string, version: string): V | undefined {
    if (version !== this.version) {
      this.entries.clear();
      this.weight = 0;
      this.version = version;
      return undefined;
    }
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // A Map iterates in insertion order: re-inserting makes the entry the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: V): void {
    if (version !== this.version) return;
    const weight = this.limits.weigh?.(value) ?? 1;
    const maxWeight = this.limits.maxWeight ?? Number.POSITIVE_INFINITY;
    if (weight > maxWeight) return;
    this.forget(key);
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.weight <= maxWeight) break;
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }
}
