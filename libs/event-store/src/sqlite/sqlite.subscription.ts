import type { RecordedEvent } from '../event-envelope';
import type { AllFilter, AllSubscription } from '../event-store.port';
import type { CommitSignal } from './commit-signal';

/** What a subscription hands out: a whole event, or a narrower row of it (e.g. a log hash). */
export interface Positioned {
  readonly position: number;
}

export interface SubscriptionSource<T extends Positioned = RecordedEvent> {
  /** One page of $all strictly after `after`, read from the database. */
  readAfter(after: number, maxCount: number, filter: AllFilter | undefined): T[];
  /** Wakes waiting subscriptions after each group commit of this process. */
  readonly commits: CommitSignal;
}

export interface SqliteSubscriptionOptions {
  readonly after: number;
  readonly filter: AllFilter | undefined;
  readonly batchSize: number;
  /** How often a caught-up subscription looks for commits made by other processes. */
  readonly pollIntervalMs: number;
  /**
   * How long a caught-up subscription, woken by a commit, waits before it reads (default 0): the
   * commits of that time are then read in one query instead of one query each. For followers
   * that need no low latency (the checkpoint writer), see LogHashSource.
   */
  readonly gatherMs?: number;
  readonly onClose: (subscription: { close(): Promise<void> }) => void;
}

type Step<T> = IteratorResult<T, undefined>;
const DONE: Step<never> = { done: true, value: undefined };

/**
 * Catch-up-then-live subscription to $all.
 *
 * There is one loop, not a catch-up phase followed by a live phase: read the next page of events
 * with position > the last one read, hand them out one by one, and read again only when the
 * consumer has taken them all (backpressure: at most one page is held). When a read comes back
 * empty the subscription is caught up and waits for a commit of this process (CommitSignal) or
 * the poll timer (commits of other processes on the same file), then reads again.
 *
 * Why this never skips or repeats an event at the hand-over (or anywhere): the subscription
 * never receives events from the writer, only a wake-up; every event it delivers comes from a
 * read `position > cursor`, and the cursor only moves forward to the last position read. So a
 * repeat is impossible, and a gap would need an event to become visible with a position below
 * one already read. SQLite excludes that: there is one writer at a time per database file
 * (BEGIN IMMEDIATE takes the write lock, across processes too), a writer computes new rowids
 * from the latest committed state while holding the lock, and a read sees a committed snapshot.
 * Positions therefore become visible in increasing order, and anything committed later gets a
 * larger position than everything visible now. Within this process, better-sqlite3 is
 * synchronous and a group commit never yields between BEGIN and COMMIT, so a read can never see
 * rows of this process's own transaction that a rollback would then remove.
 */
export class SqliteAllSubscription<T extends Positioned = RecordedEvent>
  implements AsyncIterable<T>, Pick<AllSubscription, 'close'>
{
  private cursor: number;
  private page: T[] = [];
  private taken = 0;
  private closed = false;
  /** Serialises next() calls, so two overlapping calls never hand out the same event. */
  private tail: Promise<unknown> = Promise.resolve();
  /** next() calls waiting on `tail` or running: while any is, a new call queues behind it. */
  private queued = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource<T>,
    private readonly options: SqliteSubscriptionOptions,
  ) {
    this.cursor = options.after;
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return DONE;
      },
    };
  }

  next(): Promise<Step<T>> {
    // An event of the page in hand and no call queued before this one: hand it out now, without
    // the chain of promises that serialises reads (it was most of a follower's cost per event).
    if (this.queued === 0 && !this.closed) {
      const event = this.page[this.taken];
      if (event) {
        this.taken += 1;
        return Promise.resolve({ done: false, value: event });
      }
    }
    this.queued += 1;
    const step = this.tail.then(() => this.pull()).finally(() => (this.queued -= 1));
    this.tail = step.catch(() => undefined);
    return step;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.page = [];
      this.wake?.();
      this.options.onClose(this);
    }
    await this.tail;
  }

  private async pull(): Promise<Step<T>> {
    while (!this.closed) {
      const event = this.page[this.taken];
      if (event) {
        this.taken += 1;
        return { done: false, value: event };
      }
      // Noted before reading: a commit after this point makes the wait below return at once.
      const seen = this.source.commits.version;
      this.page = this.source.readAfter(this.cursor, this.options.batchSize, this.options.filter);
      this.taken = 0;
      const last = this.page[this.page.length - 1];
      if (last) this.cursor = last.position;
      else await this.waitForCommit(seen);
    }
    return DONE;
  }

  private waitForCommit(seen: number): Promise<void> {
    const gatherMs = this.options.gatherMs ?? 0;
    if (this.source.commits.version !== seen && gatherMs === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let stopListening = (): void => undefined;
      const done = (): void => {
        clearTimeout(timer);
        stopListening();
        this.wake = undefined;
        resolve();
      };
      // unref: a waiting subscription alone does not keep the process alive.
      const gather = (): void => {
        stopListening();
        clearTimeout(timer);
        timer = setTimeout(done, gatherMs).unref();
      };
      const committed = gatherMs > 0 ? gather : done;
      this.wake = done;
      if (this.source.commits.version !== seen) return committed();
      timer = setTimeout(done, this.options.pollIntervalMs).unref();
      stopListening = this.source.commits.listen(committed);
    });
  }
}
