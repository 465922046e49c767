import { assertStorableEvents } from '../event-limits';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ProposedEvent, RecordedEvent } from '../event-envelope';
import type {
  AllFilter,
  AllSubscription,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import type { LogHash, LogHashReader, LogHashSource, LogHashSubscription } from '../log-hashes';
import type { StoredEventJson, StoredJsonReader } from '../stored-event-json';
import type { StoredEventText, StoredTextReader } from '../stored-event-text';
import { systemIsoClock } from '../system-iso-clock';
import { CommitSignal } from './commit-signal';
import { GroupCommitQueue, type Outcome } from './group-commit-queue';
import { SqliteEventReader } from './sqlite.event-reader';
import { SqliteStoredJsonReader } from './sqlite.stored-json-reader';
import { type AppendRequest, repeatedIdError, SqliteEventWriter } from './sqlite.event-writer';
import { migrate } from './sqlite.schema';
import {
  type Positioned,
  SqliteAllSubscription,
  type SubscriptionSource,
} from './sqlite.subscription';

export interface SqliteEventStoreOptions {
  /** Database file (its folder is created if missing), or ':memory:'. */
  readonly path: string;
  /** recordedAt of appended events (ISO 8601 UTC). Default: the system clock. */
  readonly clock?: () => string;
  /** How long a write waits for another process holding the write lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** How often a caught-up subscription looks for other processes' commits. Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** Events a subscription reads ahead at most. Default 500. */
  readonly subscriptionBatchSize?: number;
  /** Append requests written per transaction at most. Default 512. */
  readonly maxGroupSize?: number;
  /**
   * WAL pages after which a COMMIT of this connection checkpoints the WAL into the file itself
   * (SQLite's `wal_autocheckpoint`, default 1000). A process that checkpoints from another
   * thread (the runtime's WalCheckpointThread) raises it, keeping this only as a bound.
   */
  readonly walAutocheckpointPages?: number;
}

/** Counters since open, e.g. to show that concurrent appends shared transactions. */
export interface SqliteEventStoreStats {
  /**
   * Write transactions, one per group: committed, or rolled back when the group was one request
   * and it failed (that request is then counted in rejectedAppends too).
   */
  readonly transactions: number;
  /** Append requests those transactions handled (succeeded or rejected alone). */
  readonly appends: number;
  /** Append requests rejected (conflict, duplicate id, …) while their group committed. */
  readonly rejectedAppends: number;
  /** Events written. */
  readonly events: number;
}

/**
 * The embedded event log (P7's default): one SQLite file in WAL mode with synchronous=FULL, so a
 * resolved append is on disk. better-sqlite3 is synchronous, so each group commit runs start to
 * COMMIT without yielding; concurrency comes from group commit, not from parallel transactions.
 * Other processes may open the same file: the write lock serialises writers (a waiting writer
 * blocks this event loop up to busyTimeoutMs) and subscriptions poll for their commits.
 */
export class SqliteEventStore
  implements EventStore, StoredTextReader, StoredJsonReader, LogHashSource, LogHashReader
{
  private readonly reader: SqliteEventReader;
  private readonly jsonReader: SqliteStoredJsonReader;
  private readonly writer: SqliteEventWriter;
  private readonly queue: GroupCommitQueue<AppendRequest, AppendResult>;
  private readonly commits = new CommitSignal();
  private readonly subscriptions = new Set<{ close(): Promise<void> }>();
  private counters = { transactions: 0, appends: 0, rejectedAppends: 0, events: 0 };
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteEventStoreOptions,
  ) {
    this.reader = new SqliteEventReader(db);
    this.jsonReader = new SqliteStoredJsonReader(db);
    this.writer = new SqliteEventWriter(db, options.clock ?? systemIsoClock);
    this.queue = new GroupCommitQueue(
      (requests) => this.commitGroup(requests),
      options.maxGroupSize ?? 512,
    );
  }

  static open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    return settle(() => {
      const inMemory = options.path === ':memory:' || options.path === '';
      if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
      const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
      const db = new Database(options.path, { timeout: busyTimeoutMs });
      try {
        db.pragma('journal_mode = WAL');
        // FULL: in WAL mode the WAL is fsync'd at every COMMIT, so a resolved append survives
        // a power cut (NORMAL would only sync at checkpoints).
        db.pragma('synchronous = FULL');
        db.pragma(`busy_timeout = ${busyTimeoutMs}`);
        applyWalAutocheckpoint(db, options.walAutocheckpointPages);
        migrate(db);
        return new SqliteEventStore(db, options);
      } catch (error) {
        db.close();
        throw error;
      }
    });
  }

  append(
    streamId: string,
    events: readonly ProposedEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const invalid = validateAppend(streamId, expectedRevision);
    if (invalid) return Promise.reject(invalid);
    try {
      assertStorableEvents(streamId, events);
    } catch (error) {
      // A repeated id is refused first, as before the request was looked at any further.
      const refused = repeatedIdError(streamId, events) ?? error;
      return Promise.reject(refused instanceof Error ? refused : new Error(String(refused)));
    }
    // A copy: the caller may reuse its array before the group is written.
    return this.queue.enqueue({ streamId, events: [...events], expectedRevision });
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return settle(() => this.reader.readStream(streamId, options));
  }

  /** $all with the bodies as the stored canonical text (StoredTextReader): verification hashes it directly. */
  readAllStoredText(options: { after?: number; maxCount: number }): Promise<StoredEventText[]> {
    return settle(() => this.reader.readAllStoredText(options.after ?? 0, options.maxCount));
  }

  /** $all with each envelope's JSON text made by SQLite (StoredJsonReader): the evidence export. */
  readAllStoredJson(options: { after?: number; maxCount: number }): Promise<StoredEventJson[]> {
    return settle(() => this.jsonReader.readAll(options.after ?? 0, options.maxCount));
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return settle(() => this.reader.readAll(options.after ?? 0, options.maxCount, options.filter));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    return this.follow(
      (after, maxCount, filter) => this.reader.readAll(after, maxCount, filter),
      options.after ?? 0,
      options.filter,
    );
  }

  /** $all as (position, hash), catch-up then live (LogHashSource): the checkpoint writer's feed. */
  subscribeToLogHashes(
    options: { readonly after?: number; readonly gatherMs?: number } = {},
  ): LogHashSubscription {
    return this.follow(
      (after, maxCount) => this.reader.readAllHashes(after, maxCount),
      options.after ?? 0,
      undefined,
      options.gatherMs,
    );
  }

  /** One page of $all as (position, hash) (LogHashReader): no bodies read or parsed. */
  readLogHashes(after: number, maxCount: number): Promise<LogHash[]> {
    return settle(() => this.reader.readAllHashes(after, maxCount));
  }

  private follow<T extends Positioned>(
    readAfter: SubscriptionSource<T>['readAfter'],
    after: number,
    filter: AllFilter | undefined,
    gatherMs?: number,
  ): SqliteAllSubscription<T> {
    const subscription = new SqliteAllSubscription<T>(
      { readAfter, commits: this.commits },
      {
        after,
        filter,
        gatherMs,
        batchSize: this.options.subscriptionBatchSize ?? 500,
        pollIntervalMs: this.options.pollIntervalMs ?? 250,
        onClose: (closed) => this.subscriptions.delete(closed),
      },
    );
    if (this.closing) void subscription.close();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<number> {
    return settle(() => this.reader.headPosition());
  }

  /** Reads the head of the log, so the file itself is read, not just the connection object. */
  ping(): Promise<void> {
    return settle(() => {
      this.reader.headPosition();
    });
  }

  stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  /**
   * Appends already queued are written first (their callers were promised an answer); appends
   * after this call are refused; subscriptions end (pending next() resolve with done).
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.queue.close(new Error('the event store is closed'));
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      this.db.close();
    })();
    return this.closing;
  }

  private commitGroup(requests: readonly AppendRequest[]): Outcome<AppendResult>[] {
    const { outcomes, eventsWritten } = this.writer.write(requests);
    const rejected = outcomes.filter((outcome) => !outcome.ok).length;
    this.counters = {
      transactions: this.counters.transactions + 1,
      appends: this.counters.appends + requests.length,
      rejectedAppends: this.counters.rejectedAppends + rejected,
      events: this.counters.events + eventsWritten,
    };
    if (eventsWritten > 0) this.commits.notify();
    return outcomes;
  }
}

/**
 * SQLite's `wal_autocheckpoint` for this connection, when given: the WAL pages after which its
 * COMMIT checkpoints the WAL itself (0 never does).
 */
function applyWalAutocheckpoint(db: Database.Database, pages: number | undefined): void {
  if (pages === undefined) return;
  if (!Number.isSafeInteger(pages) || pages < 0)
    throw new RangeError(`walAutocheckpointPages must be a whole number of pages, got ${pages}`);
  db.pragma(`wal_autocheckpoint = ${pages}`);
}

/** Runs synchronous work as a promise: a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/**
 * Mistakes in the call itself, refused before the request joins a group. An id repeated within
 * the batch is one too, but it is looked for only when the append fails (repeatedIdError).
 */
function validateAppend(streamId: string, expectedRevision: ExpectedRevision): Error | undefined {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    return new TypeError('streamId must be a non-empty string');
  }
  if (
    typeof expectedRevision === 'number' &&
    (!Number.isSafeInteger(expectedRevision) || expectedRevision < 0)
  ) {
    return new RangeError(
      `expected revision must be a non-negative integer, got ${expectedRevision}`,
    );
  }
  return undefined;
}
