import type { ServerResponse } from 'node:http';
import { PublicEventMapper } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import type { FeedFilter } from './feed-filter';
import { sseComment, sseMessage, sseRetry } from './sse-frame';

export interface FeedStreamOptions {
  /** Deliver public events strictly after this log position. */
  readonly after: number;
  readonly filter: FeedFilter;
  /** false: stop at the log's head as it was at connect (a batch pull); true: follow the tail. */
  readonly follow: boolean;
  readonly heartbeatMs: number;
  readonly stallTimeoutMs: number;
  /** The `retry:` the client is told: how long to wait before reconnecting. */
  readonly retryMs: number;
}

/** Why a feed ended: the caller's end, the log's head (follow=false), a stall, or shutdown. */
export type FeedEnd = 'client-closed' | 'head-reached' | 'stalled' | 'stopped';

/** Events read per page while warming the mapper with the log before the resume point. */
const WARM_PAGE = 1000;

/**
 * One SSE connection: warm the mapper with the log up to the resume point, then deliver the
 * public events after it, in log order, from the store's catch-up-then-live subscription
 * (which itself never skips or repeats a position at the switch to live).
 *
 * Backpressure: the subscription holds one page and is pulled one event at a time, and the next
 * event is pulled only once the socket has taken the previous one (`write()` returned true, or
 * 'drain' came). So a connection holds at most a page plus the socket's buffer, however slow the
 * client; a client whose socket stays full for stallTimeoutMs is dropped and resumes later.
 */
export class FeedStream {
  private stopping = false;
  private corked = false;
  private stopSubscription: (() => Promise<void>) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly out: ServerResponse,
    private readonly options: FeedStreamOptions,
  ) {}

  /** Ends the stream from the server side (shutdown): the client reconnects after `retry`. */
  stop(): void {
    this.stopping = true;
    void this.stopSubscription?.();
  }

  async run(): Promise<FeedEnd> {
    const { out, options } = this;
    // The directory of programs is learnt from the log: feed it everything up to the start.
    const mapper = await PublicEventMapper.warmedTo(this.store, options.after, {
      pageSize: WARM_PAGE,
      cancelled: () => this.closed() || this.stopping,
    });
    // Stopped (shutdown) while warming: no subscription may start after the process said stop.
    if (this.stopping) return this.finish('stopped');
    // follow=false fixes its end now, so a busy log cannot keep a batch pull open forever.
    const head = options.follow ? undefined : await this.store.headPosition();
    if (!this.write(sseRetry(options.retryMs))) await this.drained();
    if (head !== undefined && head <= options.after) return this.finish('head-reached');

    const subscription = this.store.subscribeToAll({ after: options.after });
    this.stopSubscription = () => subscription.close();
    if (this.stopping) void subscription.close();
    const onClose = () => void subscription.close();
    out.once('close', onClose);
    // Heartbeats are skipped while the socket is full: they would only grow the buffer.
    const heartbeat = setInterval(() => {
      if (!out.writableNeedDrain) this.write(sseComment('heartbeat'));
    }, options.heartbeatMs);
    heartbeat.unref();
    try {
      for await (const event of subscription) {
        if (this.closed()) break;
        const message = mapper.map(event);
        if (message !== null && options.filter.accepts(message)) {
          const frame = sseMessage(message.sequence, message.type, JSON.stringify(message));
          if (!this.write(frame) && !(await this.drained())) {
            if (this.closed()) return 'client-closed';
            out.destroy();
            return 'stalled';
          }
        }
        if (head !== undefined && event.position >= head) return this.finish('head-reached');
      }
      return this.closed() && !this.stopping ? 'client-closed' : this.finish('stopped');
    } finally {
      clearInterval(heartbeat);
      out.off('close', onClose);
      await subscription.close();
    }
  }

  /**
   * Writes of one turn of the event loop (a page served from memory) leave in one socket write:
   * corked until setImmediate, instead of one syscall per message.
   */
  private write(chunk: string): boolean {
    if (this.closed()) return true;
    if (!this.corked) {
      this.corked = true;
      this.out.cork();
      setImmediate(() => {
        this.corked = false;
        this.out.uncork();
      });
    }
    return this.out.write(chunk);
  }

  /** true once the socket drained; false when it stayed full past the stall timeout or closed. */
  private drained(): Promise<boolean> {
    const { out } = this;
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        out.off('drain', onDrain);
        out.off('close', onClose);
        resolve(ok);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), this.options.stallTimeoutMs);
      out.once('drain', onDrain);
      out.once('close', onClose);
    });
  }

  private closed(): boolean {
    return this.out.destroyed || this.out.writableEnded;
  }

  private finish(end: FeedEnd): FeedEnd {
    if (!this.closed()) this.out.end();
    return end;
  }
}
