import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type {
  CheckpointListOptions,
  CheckpointStore,
  StoredCheckpoint,
} from '../checkpoints/checkpoint-store.port';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM } from './kurrentdb.checkpoint-stream';
import { MalformedStoredEventError } from './kurrentdb.mapping';

/** The part of the client this store uses (narrow, so a test can hand in a stand-in). */
export type KurrentDbCheckpointClient = Pick<
  KurrentDBClient,
  'appendToStream' | 'readStream' | 'dispose'
>;

export interface KurrentDbCheckpointStoreOptions {
  /** The stream kept in; must be CHECKPOINT_STREAM or a name under it. Default CHECKPOINT_STREAM. */
  readonly stream?: string;
  /** Attempts of an append that keeps losing the stream's head to another checkpointer. */
  readonly maxAppendAttempts?: number;
}

/** A kept checkpoint and where it is in the stream. */
interface Located {
  readonly revision: number;
  readonly checkpoint: StoredCheckpoint;
}

/**
 * Signed checkpoints on KurrentDB: one event per checkpoint in a dedicated stream
 * (kurrentdb.checkpoint-stream.ts), which the event store's reads leave out of the log.
 *
 * The stream is kept in increasing size: an append reads the newest checkpoint and appends with
 * exactly that revision as the expected one, so two checkpointers cannot interleave; a checkpoint
 * of a size already kept is dropped (the port's rule), and so is one smaller than the newest (a
 * checkpointer that fell behind another: the log is covered by the larger one; SQLite would keep
 * it, see StoreCapabilities in the contract suite). Because sizes increase with revisions,
 * `atOrAfter` and `list` find their start by binary search over revisions: O(log n) one-event
 * reads, never the whole stream.
 */
export class KurrentDbCheckpointStore implements CheckpointStore {
  readonly #client: KurrentDbCheckpointClient;
  readonly #stream: string;
  readonly #maxAppendAttempts: number;
  #closed = false;

  /** A store on the KurrentDB named by the connection string (`kurrentdb://host:2113?tls=false`). */
  static connect(
    connectionString: string,
    options?: KurrentDbCheckpointStoreOptions,
  ): KurrentDbCheckpointStore {
    return new KurrentDbCheckpointStore(
      KurrentDBClient.connectionString(connectionString),
      options,
    );
  }

  constructor(client: KurrentDbCheckpointClient, options: KurrentDbCheckpointStoreOptions = {}) {
    const stream = options.stream ?? CHECKPOINT_STREAM;
    if (stream !== CHECKPOINT_STREAM && !stream.startsWith(`${CHECKPOINT_STREAM}.`))
      throw new TypeError(
        `checkpoint stream ${stream}: must be ${CHECKPOINT_STREAM} or a name under it (the event store leaves only those out of the log)`,
      );
    this.#client = client;
    this.#stream = stream;
    this.#maxAppendAttempts = options.maxAppendAttempts ?? 10;
  }

  async append(checkpoint: StoredCheckpoint): Promise<{ readonly stored: boolean }> {
    this.#assertOpen();
    for (let attempt = 1; attempt <= this.#maxAppendAttempts; attempt += 1) {
      const newest = await this.#newest();
      if (newest && newest.checkpoint.size >= checkpoint.size) return { stored: false };
      try {
        await this.#client.appendToStream(
          this.#stream,
          jsonEvent({
            type: CHECKPOINT_EVENT_TYPE,
            data: { ...checkpoint, frontier: [...checkpoint.frontier] },
          }),
          { streamState: newest ? BigInt(newest.revision) : NO_STREAM },
        );
        return { stored: true };
      } catch (error) {
        // Another checkpointer appended since our read: read its checkpoint and decide again.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    throw new Error(
      `checkpoint at size ${checkpoint.size}: the stream ${this.#stream} kept moving for ${this.#maxAppendAttempts} attempts`,
    );
  }

  async latest(): Promise<StoredCheckpoint | undefined> {
    this.#assertOpen();
    return (await this.#newest())?.checkpoint;
  }

  async list(options: CheckpointListOptions): Promise<StoredCheckpoint[]> {
    this.#assertOpen();
    if (options.maxCount <= 0) return [];
    const first = await this.#firstAtOrAfter((options.afterSize ?? -1) + 1);
    if (!first) return [];
    const page = await this.#read(FORWARDS, BigInt(first.revision), options.maxCount);
    return page.map((located) => located.checkpoint);
  }

  async atOrAfter(size: number): Promise<StoredCheckpoint | undefined> {
    this.#assertOpen();
    return (await this.#firstAtOrAfter(size))?.checkpoint;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.dispose();
  }

  #newest(): Promise<Located | undefined> {
    return this.#read(BACKWARDS, END, 1).then((page) => page[0]);
  }

  /** The first kept checkpoint whose size is at least `size`: binary search over revisions. */
  async #firstAtOrAfter(size: number): Promise<Located | undefined> {
    const newest = await this.#newest();
    if (!newest || newest.checkpoint.size < size) return undefined;
    let found = newest;
    let low = 0;
    let high = newest.revision - 1;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      const [probe] = await this.#read(FORWARDS, BigInt(middle), 1);
      if (!probe) break;
      if (probe.checkpoint.size >= size) {
        found = probe;
        high = probe.revision - 1;
      } else {
        low = probe.revision + 1;
      }
    }
    return found;
  }

  async #read(
    direction: typeof FORWARDS | typeof BACKWARDS,
    from: ReadRevision,
    maxCount: number,
  ): Promise<Located[]> {
    const out: Located[] = [];
    try {
      for await (const resolved of this.#client.readStream(this.#stream, {
        direction,
        fromRevision: from,
        maxCount,
      })) {
        const event = resolved.event;
        if (!event) continue;
        const revision = Number(event.revision);
        out.push({ revision, checkpoint: checkpointOf(this.#stream, revision, event.data) });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the KurrentDB checkpoint store is closed');
  }
}

/**
 * A kept checkpoint read back, checked field by field: a malformed one is an error, never
 * skipped (the verifier must see that the checkpoints were tampered with, not fewer of them).
 */
function checkpointOf(stream: string, revision: number, data: unknown): StoredCheckpoint {
  const fail = (reason: string): MalformedStoredEventError =>
    new MalformedStoredEventError(stream, revision, `not a checkpoint: ${reason}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail('no object');
  const record = data as Record<string, unknown>;
  const integer = (name: string): number => {
    const value = record[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw fail(`${name} is not a non-negative integer`);
    return value;
  };
  const text = (name: string): string => {
    const value = record[name];
    if (typeof value !== 'string') throw fail(`${name} is not a string`);
    return value;
  };
  const frontier = record.frontier;
  if (!Array.isArray(frontier) || !frontier.every((hash) => typeof hash === 'string'))
    throw fail('frontier is not a list of hashes');
  return {
    size: integer('size'),
    lastPosition: integer('lastPosition'),
    rootHash: text('rootHash'),
    timestamp: text('timestamp'),
    keyId: text('keyId'),
    signature: text('signature'),
    frontier,
  };
}
