import type { EventStore } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import type { Projection } from './projection';

/** How a rebuild is going (`ProjectionEngine.rebuild`'s onProgress). */
export interface RebuildProgress {
  readonly readModel: string;
  /** replaying: folding the log into the fresh collection; swapping: caught up, swapping in. */
  readonly phase: 'replaying' | 'swapping' | 'swapped';
  /** The log position replayed so far, and the log's head when the rebuild last looked. */
  readonly position: number;
  readonly head: number;
  /** Events of the handled types folded so far. */
  readonly events: number;
}

export interface RebuildResult {
  readonly readModel: string;
  /** The position the swapped-in collection reflects (its checkpoint). */
  readonly position: number;
  readonly events: number;
  readonly documents: number;
  readonly elapsedMs: number;
}

/** A catch-up-only engine over one projection (the shadow), reporting each batch. */
export type ShadowReplay = (
  shadow: Projection,
  onBatch: (batch: { readonly upTo: number; readonly events: number }) => void,
) => { replayToHead(): Promise<number> };

export interface ProjectionRebuildDeps {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** Builds the shadow's replay (a ProjectionEngine, passed in to keep this file free of it). */
  readonly replay: ShadowReplay;
  /** Runs the swap between two live batches of the engine that serves `live`. */
  readonly exclusive: (task: () => Promise<void>) => Promise<void>;
  /** Moves the serving engine's in-memory checkpoint of `live` once the swap saved it. */
  readonly swapped: (position: number) => void;
}

/**
 * Rebuilds `live` from position 0 into a fresh collection and swaps it in once caught up, while
 * the serving engine keeps serving (and, if started, following) the live one:
 * 1. a shadow of the projection (`<name>.rebuild` into `<collection>_rebuild`) replays the log
 *    from 0 up to the head, alongside the live loop; queries keep reading the live one;
 * 2. between two live batches (the live loop waits), the shadow replays what arrived meanwhile,
 *    the shadow collection replaces the live one (`renameCollection`, atomic for readers), and
 *    the live checkpoint moves to the shadow's. The live loop then continues from there into
 *    the swapped-in collection.
 * The swap happens in the process that writes the read model (single writer), so no batch of
 * the old collection can land on the new one. A crash before the swap leaves the live read model
 * untouched (the next rebuild drops the leftovers); a crash between the rename and the
 * checkpoint leaves a checkpoint at or below the documents' positions, which P5 makes harmless.
 */
export async function rebuildProjection(
  live: Projection,
  deps: ProjectionRebuildDeps,
  onProgress: (progress: RebuildProgress) => void,
): Promise<RebuildResult> {
  const started = Date.now();
  const name = live.name;
  const shadow: Projection = {
    ...live,
    name: `${live.name}.rebuild`,
    collection: `${live.collection}_rebuild`,
  };
  const { eventStore, readStore } = deps;
  await readStore.dropCollection(shadow.collection);
  await readStore.saveCheckpoint(shadow.name, 0);
  let events = 0;
  let head = await eventStore.headPosition();
  let phase: RebuildProgress['phase'] = 'replaying';
  const replay = deps.replay(shadow, (batch) => {
    events += batch.events;
    head = Math.max(head, batch.upTo);
    onProgress({ readModel: name, phase, position: batch.upTo, head, events });
  });
  onProgress({ readModel: name, phase, position: 0, head, events });
  await replay.replayToHead();
  phase = 'swapping';
  let position = 0;
  await deps.exclusive(async () => {
    position = await replay.replayToHead();
    head = Math.max(head, position);
    onProgress({ readModel: name, phase, position, head, events });
    const documents = await readStore.count(shadow.collection);
    if (documents === 0) await readStore.dropCollection(live.collection);
    else await readStore.renameCollection(shadow.collection, live.collection);
    await readStore.saveCheckpoint(live.name, position);
    deps.swapped(position);
  });
  const documents = await readStore.count(live.collection);
  onProgress({ readModel: name, phase: 'swapped', position, head, events });
  return { readModel: name, position, events, documents, elapsedMs: Date.now() - started };
}
