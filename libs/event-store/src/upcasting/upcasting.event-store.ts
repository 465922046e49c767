import type { RecordedEvent } from '../event-envelope';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import type { ProposedEvent } from '../event-envelope';
import type { EventSchemas } from './event-schemas';

/**
 * The EventStore port with every event read in its current shape (P6): `readStream`, `readAll`
 * and `subscribeToAll` run each event through `schemas` once, so the command executor, the
 * projections and the reactor never see an old shape. Appends pass through untouched.
 *
 * Hashes are over the STORED bytes: an upcast event keeps the stored `hash` and `prevHash`, so
 * `verifyChain` must read the raw events (`stored`, or the adapter itself), never these.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    /** The adapter underneath: what verification and export read (stored shapes, stored hashes). */
    readonly stored: EventStore,
    private readonly schemas: EventSchemas,
  ) {}

  append(
    streamId: string,
    events: readonly ProposedEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.stored.append(streamId, events, expectedRevision);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.current(await this.stored.readStream(streamId, options));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.current(await this.stored.readAll(options));
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    const subscription = this.stored.subscribeToAll(options);
    const schemas = this.schemas;
    return {
      close: () => subscription.close(),
      [Symbol.asyncIterator]: (): AsyncIterator<RecordedEvent> => {
        const events = subscription[Symbol.asyncIterator]();
        return {
          next: async () => {
            const step = await events.next();
            return step.done ? step : { done: false, value: schemas.toCurrent(step.value) };
          },
          return: async (value?: unknown) => {
            await events.return?.(value);
            return { done: true, value: undefined };
          },
        };
      },
    };
  }

  headPosition(): Promise<number> {
    return this.stored.headPosition();
  }

  ping(): Promise<void> {
    return this.stored.ping();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  private current(events: RecordedEvent[]): RecordedEvent[] {
    return events.map((event) => this.schemas.toCurrent(event));
  }
}

/** `store` answering current shapes (see UpcastingEventStore). */
export function upcasting(store: EventStore, schemas: EventSchemas): UpcastingEventStore {
  return new UpcastingEventStore(store, schemas);
}

/** The events as stored, under any upcasting decorator: what hashing and verification read. */
export function storedEvents(store: EventStore): EventStore {
  return store instanceof UpcastingEventStore ? storedEvents(store.stored) : store;
}
