/** How one request of a group fared: a value, or the error only that request is rejected with. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Writes the requests of one group in a single transaction and reports one outcome per request,
 * in order. Throws when the transaction as a whole failed (then every request of the group is
 * rejected with that error: nothing of the group was written).
 */
export type CommitGroup<TRequest, TResult> = (requests: readonly TRequest[]) => Outcome<TResult>[];

interface Pending<TRequest, TResult> {
  readonly request: TRequest;
  readonly resolve: (value: TResult) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * Group commit: requests that arrive while the event loop is busy are written together, so N
 * concurrent appends cost one BEGIN…COMMIT (one fsync) instead of N. The first request of a
 * group schedules the flush with setImmediate, i.e. after the I/O callbacks of the current loop
 * turn have run (and queued their own appends). Promises settle only after `commit` returned,
 * i.e. after COMMIT (and with synchronous=FULL, its fsync) succeeded.
 */
export class GroupCommitQueue<TRequest, TResult> {
  private pending: Pending<TRequest, TResult>[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closedReason: Error | undefined;

  constructor(
    private readonly commit: CommitGroup<TRequest, TResult>,
    /** Upper bound on requests per transaction; the rest go in the next one. */
    private readonly maxGroupSize: number,
  ) {}

  enqueue(request: TRequest): Promise<TResult> {
    if (this.closedReason) return Promise.reject(this.closedReason);
    return new Promise<TResult>((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Writes what is already queued, now and synchronously, and refuses anything new. */
  close(reason: Error): void {
    this.closedReason ??= reason;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.pending.length > 0) this.flushOneGroup();
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.flushOneGroup();
      this.schedule();
    });
  }

  private flushOneGroup(): void {
    const group = this.pending.splice(0, this.maxGroupSize);
    if (group.length === 0) return;
    let outcomes: Outcome<TResult>[];
    try {
      outcomes = this.commit(group.map((pending) => pending.request));
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (!outcome) pending.reject(new Error('group commit returned no outcome for a request'));
      else if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
