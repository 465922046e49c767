import type { Database, Statement } from 'better-sqlite3';
import type { ProposedEvent, RecordedEvent } from '../event-envelope';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import {
  EMPTY_STREAM_HEAD,
  type SealedEvent,
  type SerializedSealedEvent,
  sealEventsForStorage,
} from '../hash-chain';
import type { Outcome } from './group-commit-queue';
import { streamCategory } from '../event-store.port';
import {
  type EventInsertParameters,
  INSERT_EVENT_SQL,
  insertEventsOrRollbackSql,
  OWN_ROW_PARAMETER_COUNT,
  type OwnRowParameters,
  type SharedRowParameters,
} from './sqlite.event-row';
import { EVENT_VALUE_COLUMNS, type EventValues, recordedEventOf } from './sqlite.event-values';

export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly ProposedEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export interface GroupWritten {
  readonly outcomes: Outcome<AppendResult>[];
  readonly eventsWritten: number;
}

/** What one request did inside the transaction: its result and how many rows it inserted. */
interface Applied {
  readonly result: AppendResult;
  readonly written: number;
}

/**
 * Events per multi-row INSERT when a request has its transaction to itself (a batch appended
 * alone: an import, a replay). One statement per row pays SQLite's per-statement work each time
 * (AUTOINCREMENT reads and rewrites its sqlite_sequence row, the statement's cursors are opened)
 * and better-sqlite3's per-call work (a native call, a result object). Measured on this machine
 * (better-sqlite3 alone, 50,000 rows of the log in 1,000-row transactions, medians of 7 rounds):
 * 7.6-9.5 µs of CPU per row one statement each, 7.0-8.7 in statements of 100 rows (50 to 1,000
 * rows per statement alike); whole-process A/B pairs of 100 such 1,000-small-event appends
 * through the store, 8 pairs, medians: CPU 0.945x.
 */
const ROWS_PER_INSERT = 100;

type OwnRowValue = OwnRowParameters[number];

interface HeadRow {
  readonly revision: number;
  readonly hash: string;
  readonly position: number;
}

/**
 * The write side: one group of append requests per IMMEDIATE transaction, each request of several
 * events under its own SAVEPOINT (a one-event request needs none: its single INSERT is atomic). A
 * request that fails (conflict, duplicate id, unserialisable data) leaves nothing behind and is
 * rejected alone; the others commit. Requests run in arrival order, so a later request to the
 * same stream sees the earlier one's events as the head.
 *
 * A request alone in its group (every append made one after the other, e.g. an import of
 * 1,000-event batches) needs no savepoint either: its transaction is what rolls back. A savepoint
 * is not free: while one is open SQLite copies every existing page the transaction changes first
 * into a sub-journal (a temp file past 64 KiB), and a 1,000-event batch changes ~800 pages of the
 * random `events_id` index. Measured on this machine: 5-10 µs of CPU per event, a quarter of a
 * batched append's.
 */
export class SqliteEventWriter {
  private readonly selectHead: Statement<[string], HeadRow>;
  private readonly selectByIds: Statement<[string], EventValues>;
  private readonly insert: Statement<EventInsertParameters>;
  private readonly insertRowsOrRollback: Statement<[OwnRowValue[], SharedRowParameters]>;
  private readonly writeGroup: (requests: readonly AppendRequest[]) => GroupWritten;
  private readonly appendInSavepoint: (request: AppendRequest) => Applied;
  private readonly appendInOwnTransaction: (request: AppendRequest) => Applied;

  constructor(
    private readonly db: Database,
    private readonly clock: () => string,
  ) {
    this.selectHead = db.prepare<[string], HeadRow>(
      'SELECT revision, hash, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.selectByIds = db
      .prepare<[string], EventValues>(
        `SELECT ${EVENT_VALUE_COLUMNS} FROM events WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true);
    this.insert = db.prepare<EventInsertParameters>(INSERT_EVENT_SQL);
    this.insertRowsOrRollback = db.prepare<[OwnRowValue[], SharedRowParameters]>(
      insertEventsOrRollbackSql(ROWS_PER_INSERT),
    );
    // better-sqlite3 runs a transaction function called inside another one as a SAVEPOINT,
    // rolled back to (and released) when it throws.
    this.appendInSavepoint = db.transaction((request: AppendRequest) =>
      this.appendOne(request, false),
    );
    const group = db.transaction((requests: readonly AppendRequest[]) => this.writeAll(requests));
    this.writeGroup = (requests) => group.immediate(requests);
    const alone = db.transaction((request: AppendRequest) => this.appendOne(request, true));
    this.appendInOwnTransaction = (request) => alone.immediate(request);
  }

  /** Returns after COMMIT; throws (having written nothing) when the transaction failed. */
  write(requests: readonly AppendRequest[]): GroupWritten {
    const [only] = requests;
    return requests.length === 1 && only ? this.writeAlone(only) : this.writeGroup(requests);
  }

  /**
   * One request, one transaction, no savepoint. When the append fails, its transaction has been
   * rolled back (nothing of it is written, no position used) and the retry look-up runs after,
   * outside it: stored rows never change, so it finds what it would have found inside.
   */
  private writeAlone(request: AppendRequest): GroupWritten {
    let applied: Applied;
    try {
      applied = this.appendInOwnTransaction(request);
    } catch (error) {
      try {
        applied = this.replayedOrThrow(request, error);
      } catch (refused) {
        return { outcomes: [{ ok: false, error: refused }], eventsWritten: 0 };
      }
    }
    return { outcomes: [{ ok: true, value: applied.result }], eventsWritten: applied.written };
  }

  private writeAll(requests: readonly AppendRequest[]): GroupWritten {
    const outcomes: Outcome<AppendResult>[] = [];
    let eventsWritten = 0;
    for (const request of requests) {
      try {
        const { result, written } = this.appendOrReplay(request);
        outcomes.push({ ok: true, value: result });
        eventsWritten += written;
      } catch (error) {
        // Some SQLite errors (disk full, I/O) abort the whole transaction, not just the
        // savepoint: then nothing of the group survives, and every request must fail.
        if (!this.db.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return { outcomes, eventsWritten };
  }

  /**
   * Idempotent retries are looked for only when the append fails. An append whose every insert
   * succeeded reused no id (events.id is UNIQUE), so a look-up of its ids beforehand would have
   * found none: the outcome is the same as checking first, without 1,000 index probes per
   * 1,000-event batch. When the append fails (conflict, an id already stored, anything else) its
   * rows are rolled back first, and then a batch whose ids are stored is answered as a retry (or
   * refused as reusing an id) exactly as before; otherwise the append's own error stands.
   */
  private appendOrReplay(request: AppendRequest): Applied {
    try {
      return request.events.length > 1
        ? this.appendInSavepoint(request)
        : // One row: the INSERT statement is atomic on its own (a failed insert leaves nothing)
          // and sealing, which may throw, runs before it, so no savepoint is needed.
          this.appendOne(request, false);
    } catch (error) {
      if (!this.db.inTransaction) throw error;
      return this.replayedOrThrow(request, error);
    }
  }

  /**
   * After a failed append: DuplicateEventIdError if the batch repeats an id, else the first
   * result if it was a retry of one that succeeded, else `error`.
   */
  private replayedOrThrow(request: AppendRequest, error: unknown): Applied {
    const repeated = repeatedIdError(request.streamId, request.events);
    if (repeated) throw repeated;
    if (request.events.length === 0) throw error;
    const stored = this.selectByIds
      .all(JSON.stringify(request.events.map((event) => event.id)))
      .map(recordedEventOf);
    if (stored.length === 0) throw error;
    return { result: replayedResult(request.streamId, request.events, stored), written: 0 };
  }

  /**
   * `ownTransaction`: the request's transaction holds nothing else, so a failed row may roll all
   * of it back (the multi-row statement's OR ROLLBACK); in a group, rows go one statement each.
   */
  private appendOne(request: AppendRequest, ownTransaction: boolean): Applied {
    const { streamId, events, expectedRevision } = request;
    const head = this.selectHead.get(streamId);
    checkExpectedRevision(streamId, expectedRevision, head?.revision ?? -1);
    if (events.length === 0) {
      // Nothing to write: the stream's head, or (-1, 0) for a stream that does not exist
      // (position 0 = "before the first event", the same as headPosition() of an empty log).
      const result = { nextExpectedRevision: head?.revision ?? -1, position: head?.position ?? 0 };
      return { result: { ...result, events: [] }, written: 0 };
    }

    // The head was read inside this write transaction, so no other writer can move it before
    // COMMIT: the chain is built on the real head whatever the expectation was. Every event is
    // sealed (serialised, size-checked, hashed) before the first insert, so a body that cannot
    // be stored fails the request before it has written anything.
    const recordedAt = this.clock();
    const sealed = sealEventsForStorage(streamId, head ?? EMPTY_STREAM_HEAD, events, recordedAt);
    const category = streamCategory(streamId);
    const recorded: RecordedEvent[] = new Array<RecordedEvent>(sealed.length);
    let index = ownTransaction
      ? this.insertWholeChunks({ streamId, category, recordedAt }, sealed, recorded)
      : 0;
    for (; index < sealed.length; index++) {
      const { event, dataJson, metadataJson } = sealed[index]!;
      const { lastInsertRowid } = this.insert.run(
        event.id,
        streamId,
        category,
        event.revision,
        event.type,
        event.schemaVersion,
        // Canonical JSON, serialised once while sealing (the hash covers the same text).
        dataJson,
        metadataJson,
        event.recordedAt,
        event.prevHash,
        event.hash,
      );
      recorded[index] = withPosition(event, Number(lastInsertRowid));
    }
    return { result: resultOf(recorded), written: recorded.length };
  }

  /**
   * Inserts the whole chunks of ROWS_PER_INSERT events at the start of `sealed`, one statement
   * each, and returns how many events that was (the rest go one statement each). The rows of
   * one statement take consecutive positions: AUTOINCREMENT gives each new row one more than
   * the largest position ever used, and this transaction holds the write lock.
   */
  private insertWholeChunks(
    shared: SharedRowParameters,
    sealed: readonly SerializedSealedEvent[],
    recorded: RecordedEvent[],
  ): number {
    let start = 0;
    for (; start + ROWS_PER_INSERT <= sealed.length; start += ROWS_PER_INSERT) {
      const values = new Array<OwnRowValue>(ROWS_PER_INSERT * OWN_ROW_PARAMETER_COUNT);
      let value = 0;
      for (let index = start; index < start + ROWS_PER_INSERT; index++) {
        const { event, dataJson, metadataJson } = sealed[index]!;
        values[value++] = event.id;
        values[value++] = event.revision;
        values[value++] = event.type;
        values[value++] = event.schemaVersion;
        values[value++] = dataJson;
        values[value++] = metadataJson;
        values[value++] = event.prevHash;
        values[value++] = event.hash;
      }
      const last = Number(this.insertRowsOrRollback.run(values, shared).lastInsertRowid);
      const first = last - ROWS_PER_INSERT + 1;
      for (let index = start; index < start + ROWS_PER_INSERT; index++) {
        recorded[index] = withPosition(sealed[index]!.event, first + index - start);
      }
    }
    return start;
  }
}

/**
 * DuplicateEventIdError naming the first id that the batch repeats, if any. It is looked for
 * only when an append fails: a batch that repeats an id cannot succeed (events.id is UNIQUE, so
 * its second row fails and the append is rolled back), and the error is the same as a check
 * before the write gave. That check built a Set of every id of every append, ~0.5 µs per event
 * measured on this machine (Set of 1,000 fresh UUIDs, medians of 9), 1-2 % of a batched append.
 */
export function repeatedIdError(
  streamId: string,
  events: readonly ProposedEvent[],
): DuplicateEventIdError | undefined {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) return new DuplicateEventIdError(streamId, event.id);
    seen.add(event.id);
  }
  return undefined;
}

/**
 * The sealed envelope becomes the recorded event (no copy of its ten fields per event): nothing
 * else holds it, and `position` lands last, where a copy would have put it.
 */
function withPosition(event: SealedEvent, position: number): RecordedEvent {
  (event as Mutable<RecordedEvent>).position = position;
  return event as RecordedEvent;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function checkExpectedRevision(streamId: string, expected: ExpectedRevision, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual < 0) ||
    (expected === 'stream-exists' && actual >= 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

/**
 * Some ids of the batch are stored already. If all of them are, as one contiguous run of this
 * stream in the batch's order, this is a retry of an append that succeeded: answer what it
 * answered, from the stored rows, and write nothing (whatever the expected revision says, as
 * the retry's expectation was about the stream before the first attempt). Anything else reuses
 * an id and is refused.
 */
function replayedResult(
  streamId: string,
  events: readonly ProposedEvent[],
  stored: readonly RecordedEvent[],
): AppendResult {
  const byId = new Map(stored.map((row) => [row.id, row]));
  const run: RecordedEvent[] = [];
  for (const event of events) {
    const row = byId.get(event.id);
    const first = run[0];
    const continuesRun =
      row !== undefined &&
      row.streamId === streamId &&
      (first === undefined || row.revision === first.revision + run.length);
    if (!continuesRun) {
      // Name an id that really is stored: this one, or else the batch's first stored one.
      const reused = row ? event : (events.find((candidate) => byId.has(candidate.id)) ?? event);
      throw new DuplicateEventIdError(streamId, reused.id);
    }
    run.push(row);
  }
  return resultOf(run);
}

/** The AppendResult of a non-empty run of recorded events. */
function resultOf(recorded: readonly RecordedEvent[]): AppendResult {
  const last = recorded[recorded.length - 1];
  if (!last) throw new Error('resultOf needs at least one event');
  return { nextExpectedRevision: last.revision, position: last.position, events: recorded };
}
