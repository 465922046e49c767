import {
  ANY,
  BACKWARDS,
  END,
  jsonEvent,
  KurrentDBClient,
  StreamNotFoundError,
} from '@kurrent/kurrentdb-client';
import { PublicEventMapper, positionOfSequence, type PublicCloudEvent } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';

/** The one stream KurrentDB consumers read the public contract from. */
export const PUBLIC_EVENTS_STREAM = 'public-events';

/**
 * Appends every public CloudEvent, in log order, to the `public-events` stream of a KurrentDB
 * server (issue 11 §4), so consumers subscribing there get the contract of the feed and webhooks.
 * Idempotent by the CloudEvent id, twice over: it resumes after the `sequence` of the stream's
 * last event (no checkpoint of its own to drift), and each event's KurrentDB id is the CloudEvent
 * id, which the server deduplicates when an append is retried.
 */
export class KurrentDbPublicEventsWriter {
  constructor(
    private readonly eventStore: EventStore,
    private readonly client: KurrentDBClient,
    private readonly stream = PUBLIC_EVENTS_STREAM,
  ) {}

  static connect(eventStore: EventStore, connectionString: string): KurrentDbPublicEventsWriter {
    return new KurrentDbPublicEventsWriter(
      eventStore,
      KurrentDBClient.connectionString(connectionString),
    );
  }

  /** The log position of the last public event written, or 0 when none was. */
  async writtenUpTo(): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(this.stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const data = resolved.event?.data as { sequence?: unknown } | undefined;
        if (typeof data?.sequence === 'string') return positionOfSequence(data.sequence);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
    return 0;
  }

  /** Writes every public event after what the stream holds, up to the log's head; the count. */
  async catchUp(batchSize = 1000): Promise<number> {
    const from = await this.writtenUpTo();
    const mapper = new PublicEventMapper();
    let after = 0;
    let written = 0;
    for (;;) {
      const events = await this.eventStore.readAll({ after, maxCount: batchSize });
      if (events.length === 0) return written;
      const messages: PublicCloudEvent[] = [];
      for (const event of events) {
        if (event.position <= from) {
          mapper.warm(event);
          continue;
        }
        const message = mapper.map(event);
        if (message !== null) messages.push(message);
      }
      if (messages.length > 0) {
        await this.client.appendToStream(
          this.stream,
          messages.map((message) =>
            jsonEvent({ id: message.id, type: message.type, data: { ...message } }),
          ),
          { streamState: ANY },
        );
        written += messages.length;
      }
      after = events[events.length - 1]?.position ?? after;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
