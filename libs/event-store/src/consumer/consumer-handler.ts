import type { RecordedEvent } from '../event-envelope';

/**
 * What a CheckpointedConsumer drives: something that applies the log in position order and
 * keeps its own checkpoint (the projection engine's read models, the durable reactor's
 * follow-ups). The consumer owns the reading, the batching and the outage handling; the handler
 * owns what an event means and where its checkpoint is saved.
 */
export interface ConsumerHandler {
  /** The position the handler has applied the log up to (the consumer reads after it). */
  checkpoint(): number;
  /**
   * Applies `events` (position order, possibly none) and moves its checkpoint to `upTo`, saved
   * after whatever the events caused (P5). `upTo` may lie past the last event: a catch-up read
   * that came back short covers the log up to the head read before it.
   */
  handle(events: readonly RecordedEvent[], upTo: number): Promise<void>;
  /**
   * The event types catch-up reads may be filtered by (a filter never changes positions). Live
   * reads stay unfiltered, so every position moves the checkpoint. Absent: every type.
   */
  readonly eventTypes?: readonly string[];
  /** Rejects while a store of the handler's own is away; called before resuming after an outage. */
  ping?(): Promise<void>;
  /** Work that must not interleave with a batch (e.g. a rebuild's swap); run before each batch. */
  betweenBatches?(): Promise<void>;
}
