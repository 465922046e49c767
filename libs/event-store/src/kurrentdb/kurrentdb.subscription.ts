import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../event-envelope';
import { matchesFilter, type AllFilter, type AllSubscription } from '../event-store.port';
import { fromResolvedEvent, isForeignToLedger } from './kurrentdb.mapping';

type Done = IteratorReturnResult<undefined>;
const DONE: Done = { done: true, value: undefined };

/**
 * Our AllSubscription over the client's catch-up subscription to $all. KurrentDB itself runs the
 * catch-up-then-live switch without gap or duplicate; the client's subscription is a Node Readable
 * in object mode, so pulling from its async iterator one event at a time bounds what is buffered
 * (its highWaterMark) and a slow consumer slows the gRPC stream down (backpressure).
 *
 * `close()` must also end a `next()` that is already waiting for a live event. Cancelling the gRPC
 * call does not end the client's Readable (the client swallows its own cancellation error), so
 * every pull races the source against a close signal.
 */
export class KurrentDbAllSubscription implements AllSubscription {
  readonly #source: AllStreamSubscription;
  readonly #clientFilter: AllFilter | undefined;
  readonly #onClose: (subscription: KurrentDbAllSubscription) => void;
  #iterator: AsyncIterator<AllStreamResolvedEvent> | undefined;
  #iterated = false;
  #closing: Promise<void> | undefined;
  #signalClosed: () => void = () => undefined;
  readonly #closed: Promise<Done>;
  #error: Error | undefined;
  /** Position of the last event handed out: anything at or below it is never delivered again. */
  #lastPosition: number;

  constructor(
    source: AllStreamSubscription,
    options: {
      readonly after: number | undefined;
      /** Re-checked on every event (KurrentDB applies only half of a two-part filter). */
      readonly clientFilter: AllFilter | undefined;
      readonly onClose: (subscription: KurrentDbAllSubscription) => void;
    },
  ) {
    this.#source = source;
    this.#lastPosition = options.after ?? -1;
    this.#clientFilter = options.clientFilter;
    this.#onClose = options.onClose;
    this.#closed = new Promise<Done>((resolve) => {
      this.#signalClosed = () => resolve(DONE);
    });
    // Kept for the next pull: an error emitted before anyone iterates (or after close) must not
    // crash the process as an unhandled 'error' event, nor be lost.
    source.on('error', (error: Error) => {
      this.#error ??= error;
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.#iterated) throw new Error('a subscription can be iterated once');
    this.#iterated = true;
    return {
      next: () => this.#next(),
      return: async (): Promise<Done> => {
        await this.close();
        return DONE;
      },
    };
  }

  async #next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    for (;;) {
      if (this.#closing) return DONE;
      if (this.#error !== undefined) throw this.#error;
      this.#iterator ??= this.#source[Symbol.asyncIterator]();
      const pulled = await Promise.race([this.#iterator.next(), this.#closed]);
      if (this.#closing) return DONE;
      if (pulled.done === true) {
        // Only close() ends a subscription: an end without it is the connection going away
        // (issue 13, item 3). The consumer resubscribes from its checkpoint.
        await this.close();
        throw this.#error ?? new Error('the KurrentDB subscription ended without close()');
      }
      const resolved = pulled.value;
      if (isForeignToLedger(resolved)) continue;
      const { event } = fromResolvedEvent(resolved);
      // Positions are exclusive for KurrentDB subscriptions already; this guard keeps the
      // contract even if a reconnect ever replayed an event.
      if (event.position <= this.#lastPosition) continue;
      if (!matchesFilter(event, this.#clientFilter)) continue;
      this.#lastPosition = event.position;
      return { done: false, value: event };
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#signalClosed();
    try {
      await this.#source.unsubscribe();
    } catch {
      // The gRPC call failed or never started: there is nothing left to cancel.
    } finally {
      this.#source.destroy();
      this.#onClose(this);
    }
  }
}
