import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { Environment } from '@ledger/runtime';
import { FeedConnectionLimits } from './feed-connection-limits';
import type { FeedFilter } from './feed-filter';
import { FeedLiveTail } from './feed-live-tail';
import { FeedStream } from './feed-stream';

/** What a client waits before reconnecting when a feed ends (SSE `retry:`). */
const RECONNECT_AFTER_MS = 3000;

export interface FeedRequest {
  readonly subject: string;
  /**
   * The request's correlation id, named on the lines written about this feed: no per-request
   * logging context follows the request (see RequestLog), and the feed outlives its handler.
   */
  readonly correlationId: string;
  readonly after: number;
  readonly filter: FeedFilter;
  readonly follow: boolean;
}

/**
 * Opens feeds within the connection limits and ends them all when the process stops. Live feeds
 * share one FeedLiveTail (started by the first of them), so the log's live end is read, mapped and
 * serialised once per process rather than once per connection.
 */
@Injectable()
export class FeedService implements OnModuleDestroy {
  private readonly logger = new Logger('Feed');
  private readonly limits: FeedConnectionLimits;
  private readonly open = new Set<FeedStream>();
  private readonly tail: FeedLiveTail;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: ConfigService<Environment, true>,
  ) {
    this.limits = new FeedConnectionLimits(
      config.get('FEED_MAX_CONNECTIONS_PER_TOKEN', { infer: true }),
      config.get('FEED_MAX_CONNECTIONS', { infer: true }),
    );
    this.tail = new FeedLiveTail(store);
  }

  /** Takes a connection slot (throws TooManyRequestsError when none is left). */
  reserve(subject: string): () => void {
    return this.limits.acquire(subject);
  }

  /** Streams into `out` until the client leaves; resolves when the feed ended (never rejects). */
  async serve(request: FeedRequest, out: ServerResponse, release: () => void): Promise<void> {
    const stream = new FeedStream(
      this.store,
      out,
      {
        after: request.after,
        filter: request.filter,
        follow: request.follow,
        heartbeatMs: this.config.get('FEED_HEARTBEAT_MS', { infer: true }),
        stallTimeoutMs: this.config.get('FEED_STALL_TIMEOUT_MS', { infer: true }),
        retryMs: RECONNECT_AFTER_MS,
      },
      this.tail,
    );
    this.open.add(stream);
    try {
      const end = await stream.run();
      if (end === 'stalled') {
        this.logger.warn({
          correlationId: request.correlationId,
          msg: `feed of ${request.subject} dropped: its socket stayed full`,
        });
      }
    } catch (error) {
      // Headers are sent: the only answer left is to close; the client resumes from its last id.
      this.logger.error({
        correlationId: request.correlationId,
        msg: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      out.destroy();
    } finally {
      this.open.delete(stream);
      release();
    }
  }

  /** Feeds being served now (health and tests: a dropped client must free its slot). */
  get openFeeds(): number {
    return this.open.size;
  }

  /** Live connections on the shared tail now (tests: a caught-up connection hands over). */
  get tailFollowers(): number {
    return this.tail.followerCount;
  }

  async onModuleDestroy(): Promise<void> {
    for (const stream of this.open) stream.stop();
    await this.tail.stop();
  }
}
