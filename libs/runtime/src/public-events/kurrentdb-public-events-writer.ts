import {
  BACKWARDS,
  END,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  StreamNotFoundError,
} from '@kurrent/kurrentdb-client';
import { PublicEventMapper, positionOfSequence, type PublicCloudEvent } from '@ledger/contracts';
import {
  backoffDelay,
  CheckpointedConsumer,
  pause,
  type BackoffOptions,
  type ConsumerDegradation,
  type ConsumerHandler,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import { isPublicEventsStream, PUBLIC_EVENTS_STREAM } from '@ledger/event-store-kurrentdb';
import type { ReadStore } from '@ledger/read-store';
import { publicEventsFailureKind } from './public-events-failure-kind';

/** The writer's durable checkpoint, among the read store's checkpoints (beside the engine's). */
export const PUBLIC_EVENTS_CHECKPOINT = 'public-events:kurrentdb';

export interface KurrentDbPublicEventsWriterOptions {
  readonly eventStore: EventStore;
  readonly client: KurrentDBClient;
  /** Where the writer's checkpoint is saved (the read store of the writer process). */
  readonly checkpoints: Pick<ReadStore, 'getCheckpoint' | 'saveCheckpoint'>;
  /**
   * Default `public-events`; another name must be one under it (`public-events.<x>`), which the
   * event store leaves out of the log as it does `public-events` itself.
   */
  readonly stream?: string;
  /** Log events per read and per append. Default 1000. */
  readonly batchSize?: number;
  /** Waits between attempts while KurrentDB or a store is away. */
  readonly retry?: BackoffOptions;
  /** Called when an outage makes the writer wait (for logs). */
  readonly onRetry?: (degraded: ConsumerDegradation) => void;
  /** Called once when a failure that retrying cannot cure stops the writer (for logs). */
  readonly onFailure?: (error: Error) => void;
}

/** Where the `public-events` stream ends, as the writer last saw it. */
interface StreamHead {
  /** The revision of its last event; undefined while the stream does not exist. */
  readonly revision: bigint | undefined;
  /** The log position (`sequence`) of its last public event; 0 when none. */
  readonly writtenUpTo: number;
}

/** Re-reads of the head after a version conflict, within one batch, before it counts as an outage. */
const CONFLICT_ATTEMPTS = 3;

/**
 * Appends every public CloudEvent, in log order, to the `public-events` stream of a KurrentDB
 * server (issue 11 §4), so consumers subscribing there get the contract of the feed and webhooks.
 * Started by the writer process (ProjectorModule) when EVENT_STORE=kurrentdb: it follows the log
 * for as long as the process runs (a CheckpointedConsumer, catch-up then live), and resumes
 * after a restart from its durable checkpoint (`public-events:kurrentdb`, saved after each
 * append), or from the `sequence` of the stream's last event when that is further (a crash
 * between the append and the save). Each event's KurrentDB id is the CloudEvent id, so consumers
 * can dedupe on it.
 *
 * Every append names the stream revision the writer last saw, so no public event lands twice or
 * out of order, even with a second writer (a stale replica, an operator's re-run). Failures are
 * told apart (publicEventsFailureKind): an outage is waited out; a version conflict re-reads the
 * stream's head and continues after the last event it holds; anything else (access denied, the
 * stream deleted, data refused) stops the writer (`error`, `onFailure`, /health down): retrying
 * would only fail the same way, for ever and in silence.
 */
export class KurrentDbPublicEventsWriter implements ConsumerHandler {
  private readonly stream: string;
  private readonly consumer: CheckpointedConsumer;
  private mapper = new PublicEventMapper();
  private position = 0;
  /** True while the mapper has seen events past `position` (a batch in flight, or failed). */
  private mapperAhead = false;
  private written = 0;
  private loop: Promise<void> | undefined;
  private readonly stopSignal = new AbortController();
  private preparing: ConsumerDegradation | undefined;
  /** The stream's end as last seen; undefined when it must be read again (start, conflict). */
  private head: StreamHead | undefined;
  /** A failure while preparing that retrying cannot cure (the consumer keeps its own). */
  private preparingFailure: Error | undefined;

  constructor(private readonly options: KurrentDbPublicEventsWriterOptions) {
    this.stream = options.stream ?? PUBLIC_EVENTS_STREAM;
    // Any other name would be read back by the event store as log events (and refused as malformed).
    if (!isPublicEventsStream(this.stream)) {
      throw new TypeError(
        `public events stream ${this.stream}: must be ${PUBLIC_EVENTS_STREAM} or a name under it (${PUBLIC_EVENTS_STREAM}.<x>)`,
      );
    }
    this.consumer = new CheckpointedConsumer({
      eventStore: options.eventStore,
      handler: this,
      batchSize: options.batchSize ?? 1000,
      // Mapping is pure and total over the log; what fails is a server or a store. A conflict
      // still there after CONFLICT_ATTEMPTS re-reads (a busy second writer) is waited out too.
      isOutage: (error) => publicEventsFailureKind(error) !== 'permanent',
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      onEnd: (failure) => {
        if (failure) options.onFailure?.(failure);
      },
    });
  }

  /** The log position this writer has handled up to (written, or not public). */
  checkpoint(): number {
    return this.position;
  }

  /** Why it waits (KurrentDB or a store away), while it does. */
  get degraded(): ConsumerDegradation | undefined {
    return this.preparing ?? this.consumer.degraded;
  }

  get running(): boolean {
    return this.loop !== undefined && !this.stopSignal.signal.aborted && this.error === undefined;
  }

  /** The failure that stopped the writer for good (see publicEventsFailureKind), if any. */
  get error(): Error | undefined {
    return this.preparingFailure ?? this.consumer.error;
  }

  async handle(events: readonly RecordedEvent[], upTo: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.append(events);
        break;
      } catch (error) {
        const conflict = publicEventsFailureKind(error) === 'version-conflict';
        if (conflict) this.head = undefined;
        if (!conflict || attempt >= CONFLICT_ATTEMPTS) throw error;
      }
    }
    if (upTo > this.position) {
      await this.options.checkpoints.saveCheckpoint(PUBLIC_EVENTS_CHECKPOINT, upTo);
      this.position = upTo;
    }
    this.mapperAhead = false;
  }

  /**
   * Follows the log for as long as the process runs. Resolves at once; where it stands shows in
   * `degraded` while KurrentDB is away.
   */
  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopSignal.abort();
    await this.loop;
    await this.consumer.stop();
  }

  /** Writes every public event after where it stands, up to the log's head; the count. */
  async catchUp(): Promise<number> {
    await this.resume();
    const before = this.written;
    await this.consumer.catchUpToHead();
    return this.written - before;
  }

  /** The log position of the last public event in the stream, or 0 when none was written. */
  async writtenUpTo(): Promise<number> {
    return (await this.readHead()).writtenUpTo;
  }

  /**
   * Appends the public events of a batch after the last one the stream holds, at the revision
   * last seen (a conflict rejects the whole append, so nothing lands twice).
   */
  private async append(events: readonly RecordedEvent[]): Promise<void> {
    this.head ??= await this.readHead();
    if (this.head.writtenUpTo > this.position) {
      // Another writer got further than this one's checkpoint: continue after its last event.
      this.mapper = await this.warmedTo(this.head.writtenUpTo);
      this.position = this.head.writtenUpTo;
    } else if (this.mapperAhead) {
      // A failed attempt left the mapper past the checkpoint, and it refuses a step back.
      this.mapper = await this.warmedTo(this.position);
    }
    this.mapperAhead = true;
    const messages: PublicCloudEvent[] = [];
    for (const event of events) {
      if (event.position <= this.position) continue;
      const message = this.mapper.map(event);
      if (message !== null) messages.push(message);
    }
    const last = messages[messages.length - 1];
    if (last === undefined) return;
    const result = await this.options.client.appendToStream(
      this.stream,
      messages.map((message) =>
        jsonEvent({ id: message.id, type: message.type, data: { ...message } }),
      ),
      { streamState: this.head.revision ?? NO_STREAM },
    );
    this.head = {
      revision: result.nextExpectedRevision,
      writtenUpTo: positionOfSequence(last.sequence),
    };
    this.written += messages.length;
  }

  /** The stream's last event: its revision, and the log position of the last public event. */
  private async readHead(): Promise<StreamHead> {
    try {
      for await (const resolved of this.options.client.readStream(this.stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const event = resolved.event;
        if (!event) continue;
        const data = event.data as { sequence?: unknown } | undefined;
        const writtenUpTo =
          typeof data?.sequence === 'string' ? positionOfSequence(data.sequence) : 0;
        return { revision: event.revision, writtenUpTo };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { revision: undefined, writtenUpTo: 0 };
      throw error;
    }
    return { revision: undefined, writtenUpTo: 0 };
  }

  async close(): Promise<void> {
    await this.stop();
    await this.options.client.dispose();
  }

  private async run(): Promise<void> {
    for (let attempts = 1; !this.stopSignal.signal.aborted; attempts += 1) {
      try {
        await this.resume();
        this.preparing = undefined;
        if (!this.stopSignal.signal.aborted) this.consumer.start();
        return;
      } catch (error) {
        if (publicEventsFailureKind(error) === 'permanent') {
          this.preparing = undefined;
          this.preparingFailure = error instanceof Error ? error : new Error(String(error));
          this.options.onFailure?.(this.preparingFailure);
          return;
        }
        const retryInMs = backoffDelay(attempts, this.options.retry);
        this.preparing = {
          reason: error instanceof Error ? error.message : String(error),
          since: this.preparing?.since ?? new Date().toISOString(),
          attempts,
          retryInMs,
        };
        this.options.onRetry?.(this.preparing);
        await pause(retryInMs, this.stopSignal.signal);
      }
    }
  }

  /** Where to resume, and a mapper warmed with the log up to there. */
  private async resume(): Promise<void> {
    const saved = (await this.options.checkpoints.getCheckpoint(PUBLIC_EVENTS_CHECKPOINT)) ?? 0;
    this.head = await this.readHead();
    const from = Math.max(saved, this.head.writtenUpTo);
    if (from === this.position && from > 0 && !this.mapperAhead) return;
    this.mapper = await this.warmedTo(from);
    this.mapperAhead = false;
    this.position = from;
  }

  private warmedTo(position: number): Promise<PublicEventMapper> {
    return PublicEventMapper.warmedTo(this.options.eventStore, position);
  }
}
