import { Logger } from '@nestjs/common';
import { PublicEventMapper } from '@ledger/contracts';
import type { AllSubscription, EventStore } from '@ledger/event-store';
import { TailBatch, type TailEntry } from './feed-tail-batch';
import { publicEventFrame } from './sse-frame';

/** A live connection on the tail: handed the entries after its join point, in log order. */
export interface TailFollower {
  /**
   * Takes the next entries (a batch, in log order; at least one; the same object for every
   * follower, so what it selects is chosen once per selection). Returns false to leave the tail
   * (its socket is full): no further entry is handed to it.
   */
  deliver(batch: TailBatch): boolean;
  /** The tail ended (module stop, or its subscription failed): the follower continues on its own. */
  ended(): void;
}

/** How a follower's join went: 'joined', or 'left' when the ring replay already filled its socket. */
export type JoinResult = 'joined' | 'left' | 'refused';

/** Positions kept for connections that hand over from their own catch-up (~4 s at 500 events/s). */
export const DEFAULT_TAIL_CAPACITY = 2048;

/** How the tail groups new entries before handing them out (see FeedLiveTail). */
export interface TailBatching {
  /** How long the first entry of a batch waits for others before the batch is handed out. */
  readonly windowMs: number;
  /**
   * A batch this long is handed out at once, however young: a burst is not held whole, and a
   * follower's socket takes at most one batch beyond its high-water mark before it leaves.
   */
  readonly maxEntries: number;
}

/**
 * 10 ms: at 500 events/s, 100 followers wrote one socket write per event each (50,000 writev/s);
 * under feed-fan-out those writes were 21.3 % of the server's CPU profile, 13.6 % with batches
 * (writev itself 15.7 -> 10.3 %: what is left is mostly per byte, so a longer window buys little),
 * and the server's event-loop delay p99 went 27 -> 15 ms. The window adds at most 10 ms to a
 * delivery (p50 4.4 -> 9.8 ms), against the aim of a p99 under 100 ms.
 */
export const DEFAULT_TAIL_BATCHING: TailBatching = { windowMs: 10, maxEntries: 64 };

/** Events read per page while warming the tail's mapper to the head. */
const WARM_PAGE = 1000;

/**
 * The live end of the log, read once per process for every live SSE connection: one subscription
 * and one mapper, whatever the number of clients (each of its own would read, map and serialise
 * every event once per connection, on the event loop the commands share).
 *
 * It keeps a ring of the last `capacity` positions: every position the subscription delivered,
 * public or not, so a connection that caught up on its own knows the ring continues exactly after
 * its last position. Everything strictly after `floor` (the last position evicted, or the head at
 * start) is in the ring or still to come, in order.
 */
export class FeedLiveTail {
  private readonly logger = new Logger('FeedLiveTail');
  private readonly ring: (TailEntry | undefined)[];
  /** Index in `ring` of the oldest entry; `size` entries follow it (circularly). */
  private oldest = 0;
  private size = 0;
  private floor = -1;
  private readonly followers = new Set<TailFollower>();
  private starting: Promise<void> | undefined;
  private subscription: AllSubscription | undefined;
  private running = false;
  private stopped = false;
  /** Entries read from the log, not yet kept nor handed out: the batch being gathered. */
  private held: TailEntry[] = [];
  private handOutTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly capacity = DEFAULT_TAIL_CAPACITY,
    private readonly batching: TailBatching = DEFAULT_TAIL_BATCHING,
  ) {
    this.ring = new Array<TailEntry | undefined>(capacity);
  }

  /**
   * Starts following the log from its head (once; later calls are no-ops). Resolves once the tail
   * moves (or failed to start); never rejects.
   */
  start(): Promise<void> {
    this.starting ??= this.open().then(
      (opened) => {
        if (opened !== undefined)
          void this.follow(opened.subscription, opened.mapper).catch(this.report);
      },
      (error: unknown) => {
        this.report(error);
        this.starting = undefined;
      },
    );
    return this.starting;
  }

  /** Connections following the tail now (tests, health). */
  get followerCount(): number {
    return this.followers.size;
  }

  /** Entries read from the log and waiting for their batch to be handed out (tests). */
  get heldCount(): number {
    return this.held.length;
  }

  /** true when a connection whose last delivered position is `position` can continue from here. */
  canJoin(position: number): boolean {
    return this.running && position >= this.floor;
  }

  /**
   * Hands `follower` the ring's entries after `position`, then every new entry. Synchronous, so
   * no entry can arrive between the replay and the registration (no gap, no repeat).
   */
  join(follower: TailFollower, position: number): JoinResult {
    if (!this.canJoin(position)) return 'refused';
    const missed: TailEntry[] = [];
    for (let i = this.firstIndexAfter(position); i < this.size; i += 1) {
      const entry = this.ring[(this.oldest + i) % this.capacity];
      if (entry !== undefined) missed.push(entry);
    }
    if (missed.length > 0 && !follower.deliver(new TailBatch(missed))) return 'left';
    this.followers.add(follower);
    return 'joined';
  }

  leave(follower: TailFollower): void {
    this.followers.delete(follower);
  }

  /** Ends the tail (module stop): every follower is told, and the subscription closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.end();
    await this.subscription?.close();
  }

  private readonly report = (error: unknown): void => {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  };

  /** Warms the mapper to the head and subscribes after it; undefined when stopped meanwhile. */
  private async open(): Promise<
    { subscription: AllSubscription; mapper: PublicEventMapper } | undefined
  > {
    const head = await this.store.headPosition();
    const mapper = await PublicEventMapper.warmedTo(this.store, head, {
      pageSize: WARM_PAGE,
      cancelled: () => this.stopped,
    });
    if (this.stopped) return undefined;
    // A restart after a failure: the old entries end before a gap, so none may be handed out.
    this.ring.fill(undefined);
    this.oldest = 0;
    this.size = 0;
    this.floor = head;
    this.subscription = this.store.subscribeToAll({ after: head });
    this.running = true;
    return { subscription: this.subscription, mapper };
  }

  private async follow(subscription: AllSubscription, mapper: PublicEventMapper): Promise<void> {
    try {
      for await (const event of subscription) {
        const message = mapper.map(event);
        const frame = message === null ? null : Buffer.from(publicEventFrame(message));
        this.hold({ position: event.position, message, frame });
      }
    } finally {
      // Stopped or failed: nobody may join a tail that no longer moves. After a failure (the
      // store's server went away) the next connection to reach the head starts it again; until
      // then every connection follows on its own subscription. The held batch is dropped: its
      // entries were handed to nobody, and every follower continues after its own last position.
      clearTimeout(this.handOutTimer);
      this.handOutTimer = undefined;
      this.held = [];
      this.end();
      await subscription.close();
      if (!this.stopped) this.starting = undefined;
    }
  }

  /**
   * Gathers entries for one batch instead of handing each out as it comes: every follower then
   * writes the batch to its socket in one write, rather than one write (a syscall, and a wake-up
   * of the client) per event and follower.
   */
  private hold(entry: TailEntry): void {
    this.held.push(entry);
    if (this.held.length >= this.batching.maxEntries) this.handOut();
    else this.handOutTimer ??= setTimeout(this.handOut, this.batching.windowMs);
  }

  /**
   * Keeps the held batch in the ring and hands it to every follower, in one synchronous run (so
   * a join sees either none or all of it, as with single entries).
   */
  private readonly handOut = (): void => {
    clearTimeout(this.handOutTimer);
    this.handOutTimer = undefined;
    const entries = this.held;
    this.held = [];
    for (const entry of entries) this.keep(entry);
    const batch = new TailBatch(entries);
    for (const follower of this.followers) {
      if (!follower.deliver(batch)) this.followers.delete(follower);
    }
  };

  private keep(entry: TailEntry): void {
    if (this.size === this.capacity) {
      const evicted = this.ring[this.oldest];
      if (evicted !== undefined) this.floor = evicted.position;
      this.ring[this.oldest] = entry;
      this.oldest = (this.oldest + 1) % this.capacity;
      return;
    }
    this.ring[(this.oldest + this.size) % this.capacity] = entry;
    this.size += 1;
  }

  /** Offset (from the oldest) of the first kept entry after `position`; `size` when none. */
  private firstIndexAfter(position: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.ring[(this.oldest + middle) % this.capacity];
      if (entry !== undefined && entry.position <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private end(): void {
    this.running = false;
    const followers = [...this.followers];
    this.followers.clear();
    for (const follower of followers) follower.ended();
  }
}
