import { AGGREGATES } from '@ledger/domain';
import {
  replayBitemporal,
  toJsonState,
  type BitemporalMoment,
  type BitemporalReplay,
} from '@ledger/audit';
import type { JsonValue, RecordedEvent } from '@ledger/event-store';
import { openEventStore, validateEnvironment } from '@ledger/runtime';
import { AdminCallError } from './admin-client';
import { ProgressBar } from './progress-bar';

const PAGE = 1000;

/**
 * `ledger replay <stream> [--as-of <ISO time>] [--effective-on <YYYY-MM-DD>]`: the aggregate of a
 * stream folded FROM THE LOG the environment names (DATA_DIR, …), here, with @ledger/audit's
 * bitemporal replay and the aggregate's own definition: as recorded by `asOf`, counting the
 * facts effective by `effectiveOn`. Reads the stream page by page with a progress bar and holds
 * that one stream's events for the fold.
 */
export async function replayStream(
  streamId: string,
  moment: BitemporalMoment,
): Promise<BitemporalReplay<JsonValue>> {
  const definition = AGGREGATES.find((candidate) => streamId.startsWith(candidate.streamId('')));
  if (!definition)
    throw new AdminCallError(
      `no aggregate's stream is named like ${streamId}; known prefixes: ${AGGREGATES.map((d) => d.streamId('')).join(', ')}`,
    );
  const env = validateEnvironment(process.env);
  const store = await openEventStore(env);
  try {
    const bar = new ProgressBar(process.stderr, 'events');
    const events: RecordedEvent[] = [];
    for (let from = 0; ; from += PAGE) {
      const page = await store.readStream(streamId, { fromRevision: from, maxCount: PAGE });
      events.push(...page);
      bar.update({ done: events.length, total: events.length, label: 'reading' });
      if (page.length < PAGE) break;
    }
    if (events.length === 0) throw new AdminCallError(`stream ${streamId} has no events`);
    bar.done({ done: events.length, total: events.length, label: `read ${streamId}` });
    const replay = replayBitemporal(
      (state, event) =>
        definition.decider.evolve(state, event as Parameters<typeof definition.decider.evolve>[1]),
      definition.decider.initialState,
      events,
      moment,
    );
    return { ...replay, state: toJsonState(replay.state) };
  } finally {
    await store.close();
  }
}
