import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../event-envelope';
import type { AllFilter, ReadStreamOptions } from '../event-store.port';
import type { LogHash } from '../log-hashes';
import type { StoredEventText } from '../stored-event-text';
import {
  EVENT_VALUE_COLUMNS,
  type EventValues,
  recordedEventOf,
  storedEventTextOf,
} from './sqlite.event-values';

/** SQLite reads "LIMIT -1" as no limit. */
const NO_LIMIT = -1;

/**
 * The read side: streams by (stream_id, revision), $all by position. Filtered $all reads name
 * their index: `x IN (…) ORDER BY position LIMIT n` over an (x, position) index lets SQLite stop
 * each IN value's range after n rows, so a page costs O(values × n) however large the log is
 * or however rare the match. Without INDEXED BY, statistics from an ANALYZE can tempt the
 * planner into a position scan that reads the whole log to find a rare type.
 *
 * Every read of events runs in raw mode: a row comes back as its values (EventValues) and
 * becomes the event itself, with no row object in between (see EventValues for the figures).
 */
export class SqliteEventReader {
  private readonly forwards: Statement<[string, number, number], EventValues>;
  private readonly forwardsToHead: Statement<[string, number], EventValues>;
  private readonly backwards: Statement<[string, number, number], EventValues>;
  private readonly all: Statement<[number, number], EventValues>;
  private readonly allByType: Statement<[number, string, number], EventValues>;
  private readonly allByCategory: Statement<[number, string, number], EventValues>;
  private readonly allByTypeAndCategory: Statement<[number, string, string, number], EventValues>;
  private readonly head: Statement<[], number>;
  private readonly hashes: Statement<[number, number], LogHash>;

  constructor(db: Database) {
    const select = `SELECT ${EVENT_VALUE_COLUMNS} FROM events`;
    const raw = <P extends unknown[]>(sql: string): Statement<P, EventValues> =>
      db.prepare<P, EventValues>(sql).raw(true);
    this.forwards = raw(
      `${select} WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
    // The command path's read (a whole stream, or what follows a cached revision): no LIMIT.
    // A bound LIMIT, even -1, made this point look-up 4-5x slower (16 vs 70 µs measured on this
    // machine, same plan), and it runs once per command.
    this.forwardsToHead = raw(
      `${select} WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
    );
    this.backwards = raw(
      `${select} WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.all = raw(`${select} WHERE position > ? ORDER BY position LIMIT ?`);
    this.hashes = db.prepare(
      'SELECT position, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    const types = 'type IN (SELECT value FROM json_each(?))';
    const categories = 'category IN (SELECT value FROM json_each(?))';
    // Filtered pages walk $all in position order (the rowid) and test type/category on the way:
    // consecutive pages then read each row once, O(log n) to start. Through the (type, position)
    // index instead, `type IN (…many…) ORDER BY position LIMIT n` must collect every match after
    // `after` and sort it for each page: a catch-up over 200,000 events spent a quarter of its
    // time there, and it grows with the square of the log.
    this.allByType = raw(
      `${select} NOT INDEXED WHERE position > ? AND ${types} ORDER BY position LIMIT ?`,
    );
    this.allByCategory = raw(
      `${select} NOT INDEXED WHERE position > ? AND ${categories} ORDER BY position LIMIT ?`,
    );
    this.allByTypeAndCategory = raw(
      `${select} NOT INDEXED
       WHERE position > ? AND ${types} AND ${categories} ORDER BY position LIMIT ?`,
    );
    this.head = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = options.maxCount === undefined ? NO_LIMIT : checkCount(options.maxCount);
    if (limit === 0) return [];
    const rows =
      options.direction === 'backwards'
        ? this.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : limit === NO_LIMIT
          ? this.forwardsToHead.all(streamId, options.fromRevision ?? 0)
          : this.forwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(recordedEventOf);
  }

  /** One page of $all strictly after `after`, bodies as the stored text (for verification). */
  readAllStoredText(after: number, maxCount: number): StoredEventText[] {
    const limit = checkCount(maxCount);
    if (limit === 0) return [];
    return this.all.all(after, limit).map(storedEventTextOf);
  }

  /** One page of $all strictly after `after` as (position, hash): no bodies read or parsed. */
  readAllHashes(after: number, maxCount: number): LogHash[] {
    const limit = checkCount(maxCount);
    if (limit === 0) return [];
    return this.hashes.all(after, limit);
  }

  /** One page of $all strictly after `after`, in position order. */
  readAll(after: number, maxCount: number, filter: AllFilter | undefined): RecordedEvent[] {
    const limit = checkCount(maxCount);
    if (limit === 0) return [];
    const types = filter?.eventTypes && JSON.stringify(filter.eventTypes);
    const categories = filter?.streamCategories && JSON.stringify(filter.streamCategories);
    const rows =
      types !== undefined && categories !== undefined
        ? this.allByTypeAndCategory.all(after, types, categories, limit)
        : types !== undefined
          ? this.allByType.all(after, types, limit)
          : categories !== undefined
            ? this.allByCategory.all(after, categories, limit)
            : this.all.all(after, limit);
    return rows.map(recordedEventOf);
  }

  headPosition(): number {
    return this.head.get() ?? 0;
  }
}

function checkCount(maxCount: number): number {
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}
