import type { ServerResponse } from 'node:http';
import { MAPPED_EVENT_TYPES, PublicEventMapper } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import type { FeedFilter } from './feed-filter';
import type { FeedLiveTail, TailFollower } from './feed-live-tail';
import { publicEventFrame, sseComment, sseRetry } from './sse-frame';

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

/** Mapped events read per page of the catch-up to the head (its frames leave in one write). */
const CATCH_UP_PAGE = 500;

/** How a stretch of the feed ended: the feed's own end, or a switch between its two sources. */
type Leg = FeedEnd | 'to-tail' | 'socket-full' | 'tail-ended';

/**
 * One SSE connection: delivers the public events after the resume point, in log order. First the
 * history up to the head at connect, read in pages of the types that can be public (catchUpTo;
 * follow=false ends there); then from one of two sources. Behind the live end it reads with its
 * own catch-up-then-live subscription (warming its own mapper with the log up to the resume
 * point); once its last position is inside the process's FeedLiveTail ring it closes that
 * subscription and takes the tail's frames (mapped and serialised once for every connection),
 * applying only its own filter. Positions, not messages, are the hand-over's bookkeeping, so no
 * event is skipped or repeated either way.
 *
 * Backpressure: the catch-up reads its next page only once the socket has taken the last one's
 * frames (`write()` returned true, or 'drain' came); its own subscription holds one page and is
 * pulled one event at a time, the next only once the socket has taken the previous one. On the
 * tail, a write that fills the socket makes it leave the tail; once the socket drains it
 * continues from its last delivered position (from the ring when still there, else with its own
 * subscription). So a connection holds at most a page plus the socket's buffer, however slow the
 * client; a client whose socket stays full for stallTimeoutMs is dropped and resumes later.
 */
export class FeedStream {
  private stopping = false;
  private corked = false;
  private stopSource: (() => void) | undefined;
  /** The last position delivered (or skipped by the filter): the next source starts after it. */
  private position: number;
  private mapper: PublicEventMapper | undefined;
  /** The position `mapper` has seen up to; a mapper behind `position` is warmed again. */
  private mapperPosition = -1;
  /** Position from which this connection starts the shared tail (its catch-up is done). */
  private startTailAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly store: EventStore,
    private readonly out: ServerResponse,
    private readonly options: FeedStreamOptions,
    private readonly tail?: FeedLiveTail,
  ) {
    this.position = options.after;
  }

  /** Ends the stream from the server side (shutdown): the client reconnects after `retry`. */
  stop(): void {
    this.stopping = true;
    this.stopSource?.();
  }

  async run(): Promise<FeedEnd> {
    const { out, options } = this;
    const tail = options.follow ? this.tail : undefined;
    const headAtConnect = await this.store.headPosition();
    // follow=false fixes its end now, so a busy log cannot keep a batch pull open forever.
    const head = options.follow ? undefined : headAtConnect;
    // The first live connection to reach the head as it was at connect starts the shared tail:
    // warming it reads the whole log, which a connection still deep in the history (or stalled
    // there) must not make the process do.
    if (tail !== undefined) this.startTailAt = headAtConnect;
    if (this.stopping) return this.finish('stopped');
    if (!this.write(sseRetry(options.retryMs))) await this.drained();
    if (head !== undefined && head <= options.after) return this.finish('head-reached');

    // Heartbeats are skipped while the socket is full: they would only grow the buffer.
    const heartbeat = setInterval(() => {
      if (!out.writableNeedDrain) this.write(sseComment('heartbeat'));
    }, options.heartbeatMs);
    heartbeat.unref();
    try {
      const caughtUp = await this.catchUpTo(headAtConnect);
      if (caughtUp !== undefined) return caughtUp;
      if (head !== undefined) return this.finish('head-reached');
      for (;;) {
        if (this.stopping) return this.finish('stopped');
        if (this.closed()) return 'client-closed';
        this.startTailWhenLive(tail);
        const leg =
          tail?.canJoin(this.position) === true
            ? await this.fromTail(tail)
            : await this.fromOwnSubscription(head, tail);
        if (leg === 'to-tail' || leg === 'tail-ended') continue;
        if (leg === 'socket-full') {
          if (await this.drained()) continue;
          if (this.closed()) return 'client-closed';
          out.destroy();
          return 'stalled';
        }
        return leg;
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Catch-up with the connection's own subscription, until the end, a stall or the tail's ring. */
  private async fromOwnSubscription(
    head: number | undefined,
    tail: FeedLiveTail | undefined,
  ): Promise<Leg> {
    const { out, options } = this;
    const mapper = await this.mapperAt(this.position);
    // Stopped (shutdown) while warming: no subscription may start after the process said stop.
    if (this.stopping) return this.finish('stopped');
    const subscription = this.store.subscribeToAll({ after: this.position });
    this.stopSource = () => void subscription.close();
    const onClose = () => void subscription.close();
    out.once('close', onClose);
    try {
      for await (const event of subscription) {
        if (this.closed()) break;
        const message = mapper.map(event);
        this.mapperPosition = event.position;
        if (message !== null && options.filter.accepts(message)) {
          const frame = publicEventFrame(message);
          if (!this.write(frame) && !(await this.drained())) {
            if (this.closed()) return 'client-closed';
            out.destroy();
            return 'stalled';
          }
        }
        this.position = event.position;
        if (head !== undefined && event.position >= head) return this.finish('head-reached');
        this.startTailWhenLive(tail);
        if (tail?.canJoin(this.position) === true) return 'to-tail';
      }
      return this.closed() && !this.stopping ? 'client-closed' : this.finish('stopped');
    } finally {
      this.stopSource = undefined;
      out.off('close', onClose);
      await subscription.close();
    }
  }

  /**
   * The history up to `head` (the log's head at connect), read in pages of the event types the
   * mapper needs (MAPPED_EVENT_TYPES) and written a page at a time: the other four fifths of the
   * log map to nothing, so SQLite skips them by type and they are neither returned, parsed nor
   * upcast. Then `position` is `head`: every event at or below it was delivered or maps to
   * nothing. Resolves with the feed's end when it ended here (stopped, closed, stalled), else
   * undefined.
   *
   * Measured on the 200k-event delivery history (41,398 public messages): reading and parsing
   * every event was two thirds of the feed server's CPU per catch-up; the server's CPU per pass
   * went from 2.0-3.3 s to 0.7-1.4 s (bench pairs, b4128cd).
   */
  private async catchUpTo(head: number): Promise<FeedEnd | undefined> {
    const { out, options } = this;
    // A connection resuming at the head needs no mapper here (the tail's frames are mapped).
    if (this.position >= head) return undefined;
    const mapper = await this.mapperAt(this.position);
    while (this.position < head) {
      if (this.stopping) return this.finish('stopped');
      if (this.closed()) return 'client-closed';
      const page = await this.store.readAll({
        after: this.position,
        maxCount: CATCH_UP_PAGE,
        filter: { eventTypes: MAPPED_EVENT_TYPES },
      });
      let frames = '';
      // A short page, or one that reaches the head, holds every mapped event up to the head.
      let position = page.length < CATCH_UP_PAGE ? head : this.position;
      for (const event of page) {
        if (event.position > head) {
          position = head;
          break;
        }
        const message = mapper.map(event);
        if (message !== null && options.filter.accepts(message))
          frames += publicEventFrame(message);
        if (position !== head) position = event.position;
      }
      this.position = position;
      this.mapperPosition = position;
      if (frames !== '' && !out.write(frames) && !(await this.drained())) {
        if (this.closed()) return 'client-closed';
        out.destroy();
        return 'stalled';
      }
    }
    return undefined;
  }

  /** The shared tail's frames after `position`, until the socket fills, the client goes or the tail ends. */
  private fromTail(tail: FeedLiveTail): Promise<Leg> {
    const { out, options } = this;
    return new Promise<Leg>((resolve) => {
      let done = false;
      const finish = (leg: Leg) => {
        if (done) return;
        done = true;
        tail.leave(follower);
        out.off('close', onClose);
        this.stopSource = undefined;
        resolve(leg);
      };
      const follower: TailFollower = {
        deliver: (batch) => {
          if (done) return false;
          if (this.closed()) {
            finish('client-closed');
            return false;
          }
          if (batch.lastPosition <= this.position) return true;
          const frames = batch.framesAfter(this.position, options.filter);
          this.position = batch.lastPosition;
          if (frames === null || this.out.write(frames)) return true;
          finish('socket-full');
          return false;
        },
        ended: () => finish(this.stopping ? this.finish('stopped') : 'tail-ended'),
      };
      const onClose = () => finish('client-closed');
      out.once('close', onClose);
      this.stopSource = () => finish(this.finish('stopped'));
      if (tail.join(follower, this.position) === 'refused') finish('tail-ended');
    });
  }

  private startTailWhenLive(tail: FeedLiveTail | undefined): void {
    if (tail !== undefined && this.position >= this.startTailAt) void tail.start();
  }

  /** A mapper that has seen the log up to `position`: kept while it is there, else warmed anew. */
  private async mapperAt(position: number): Promise<PublicEventMapper> {
    if (this.mapper !== undefined && this.mapperPosition === position) return this.mapper;
    // The directory of programs is learnt from the log: feed it everything up to the start.
    this.mapper = await PublicEventMapper.warmedTo(this.store, position, {
      pageSize: WARM_PAGE,
      cancelled: () => this.closed() || this.stopping,
    });
    this.mapperPosition = position;
    return this.mapper;
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
    // A write flushed at once (a tail batch) can drain before the caller gets here: 'drain' was then
    // emitted already, and waiting for the next one would wait for nothing.
    if (!out.writableNeedDrain) return Promise.resolve(!this.closed());
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
