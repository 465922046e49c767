/** Counts kept at most; emptied when full (a filter's SQL depends on its shape, not its values). */
const COUNT_MEMO_SIZE = 1_000;

/**
 * Counts of filtered collections as they were at one version of the database: a list asks for
 * the same count with every page, and nothing changes it until a write. The store names the
 * version (something every write moves); counts made at another version are forgotten.
 */
export class CountMemo {
  private readonly counts = new Map<string, number>();
  private version: string | undefined;

  /** The count kept for `key` at `version`, if any; a new version forgets every count. */
  get(key: string, version: string): number | undefined {
    if (version !== this.version) {
      this.counts.clear();
      this.version = version;
      return undefined;
    }
    return this.counts.get(key);
  }

  set(key: string, version: string, count: number): void {
    if (version !== this.version) return;
    if (this.counts.size >= COUNT_MEMO_SIZE) this.counts.clear();
    this.counts.set(key, count);
  }
}
