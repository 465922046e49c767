/** How much a VersionedMemo keeps: entries, and their summed weight (e.g. characters). */
export interface VersionedMemoLimits<V> {
  readonly maxEntries: number;
  /** Bound on the summed `weigh` of the entries kept. */
  readonly maxWeight?: number;
  readonly weigh?: (value: V) => number;
}

/**
 * Answers of reads (the embedded store's filtered counts, the project list's pages) as they
 * were at one version of the store: a list asks for the same ones again and again, and nothing
 * changes them until a write. The caller names the version (something every write moves, e.g.
 * ReadStore.changeVersion); answers made at another version are forgotten.
 *
 * Full, it keeps what it holds and declines new answers until the version moves. Replacing the
 * least recently used instead gains nothing when a list is paged through more answers than the
 * memo holds (each is replaced before it is asked again) and costs memory: every answer then
 * lives long enough to be moved to V8's old generation before it is dropped. Paging through
 * the 2,000 pages of 100,000 project summaries, a memo of ~350 pages of JSON text so replaced
 * kept none it was asked again and took the process's peak RSS from 128 to 243 MiB.
 */
export class VersionedMemo<V> {
  private readonly entries = new Map<string, V>();
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
    return this.entries.get(key);
  }

  /** Keeps `value` if it was made at the version known and fits in what is left. */
  set(key: string, version: string, value: V): void {
    if (version !== this.version || this.entries.has(key)) return;
    const weight = this.limits.weigh?.(value) ?? 1;
    if (this.entries.size >= this.limits.maxEntries) return;
    if (this.weight + weight > (this.limits.maxWeight ?? Number.POSITIVE_INFINITY)) return;
    this.entries.set(key, value);
    this.weight += weight;
  }
}
