import { Logger } from '@nestjs/common';
import { PublicEventMapper, type PublicCloudEvent } from '@ledger/contracts';
import type { AllSubscription, EventStore } from '@ledger/event-store';
import { publicEventFrame } from './sse-frame';

/** One position of the log as the tail saw it: null message and frame for an event that is not public. */
export interface TailEntry {
  readonly position: number;
  readonly message: PublicCloudEvent | null;
  /** The SSE frame of `message`: it depends only on the log, so it is built once for every connection. */
  readonly frame: string | null;
}

/** A live connection on the tail: handed each entry after its join point, in log order. */
export interface TailFollower {
  /** Returns false to leave the tail (its socket is full): no further entry is handed to it. */
  deliver(entry: TailEntry): boolean;
  /** The tail ended (module stop, or its subscription failed): the follower continues on its own. */
  ended(): void;
}

/** How a follower's join went: 'joined', or 'left' when the ring replay already filled its socket. */
export type JoinResult = 'joined' | 'left' | 'refused';

/** Positions kept for connections that hand over from their own catch-up (~4 s at 500 events/s). */
export const DEFAULT_TAIL_CAPACITY = 2048;

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

  constructor(
    private readonly store: EventStore,
    private readonly capacity = DEFAULT_TAIL_CAPACITY,
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
    for (let i = this.firstIndexAfter(position); i < this.size; i += 1) {
      const entry = this.ring[(this.oldest + i) % this.capacity];
      if (entry !== undefined && !follower.deliver(entry)) return 'left';
    }
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
        const frame = message === null ? null : publicEventFrame(message);
        const entry: TailEntry = { position: event.position, message, frame };
        this.keep(entry);
        for (const follower of this.followers) {
          if (!follower.deliver(entry)) this.followers.delete(follower);
        }
      }
    } finally {
      // Stopped or failed: nobody may join a tail that no longer moves. After a failure (the
      // store's server went away) the next connection to reach the head starts it again; until
      // then every connection follows on its own subscription.
      this.end();
      await subscription.close();
      if (!this.stopped) this.starting = undefined;
    }
  }

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
