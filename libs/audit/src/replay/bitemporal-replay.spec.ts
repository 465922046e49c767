import type { RecordedEvent } from '@ledger/event-store';
import { replayBitemporal, type Evolve } from './bitemporal-replay';
import { stateTimeline } from './state-timeline';
import { applyJsonPatch } from './apply-json-patch';
import { toJsonState } from './json-state';

/** A counter aggregate: the smallest evolve that shows which events were folded. */
type Counter = { readonly total: number; readonly seen: readonly string[] };
const evolve: Evolve<Counter> = (state, event) => {
  const { amount, label } = event.data as { amount: number; label: string };
  return { total: state.total + amount, seen: [...state.seen, label] };
};
const initial: Counter = { total: 0, seen: [] };

function recorded(
  revision: number,
  recordedAt: string,
  effectiveAt: string,
  data: Record<string, string | number>,
): RecordedEvent {
  return {
    id: `e${revision}`,
    type: 'Counted',
    schemaVersion: 1,
    data: { amount: 1, label: `r${revision}`, ...data },
    metadata: {
      effectiveAt,
      actor: { sub: 'pm-1', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: `cmd${revision}`,
    },
    streamId: 'counter-1',
    revision,
    position: 10 + revision,
    recordedAt,
    prevHash: 'p',
    hash: 'h',
  };
}

// Recorded on 1, 2 and 3 March; the third is back-dated to 15 February (known later).
const events = [
  recorded(0, '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', { amount: 1 }),
  recorded(1, '2026-03-02T10:00:00.000Z', '2026-03-10T00:00:00.000Z', { amount: 10 }),
  recorded(2, '2026-03-03T10:00:00.000Z', '2026-02-15T00:00:00.000Z', {
    amount: 100,
    authority: 'pmo',
    changeRequestId: 'cr-1',
  }),
];

describe('replayBitemporal', () => {
  it('folds every event when neither time is fixed', () => {
    const replay = replayBitemporal(evolve, initial, events, {});
    expect(replay).toEqual({
      state: { total: 111, seen: ['r0', 'r1', 'r2'] },
      lastEvent: {
        position: 12,
        revision: 2,
        type: 'Counted',
        recordedAt: '2026-03-03T10:00:00.000Z',
        effectiveAt: '2026-02-15T00:00:00.000Z',
      },
      eventsApplied: 3,
      eventsSkippedAsNotYetEffective: 0,
    });
  });

  it('asOf keeps only what was recorded by then, comparing instants whatever the offset', () => {
    const replay = replayBitemporal(evolve, initial, events, { asOf: '2026-03-02T11:00:00+01:00' });
    expect(replay.state).toEqual({ total: 11, seen: ['r0', 'r1'] });
    expect(replay.lastEvent?.revision).toBe(1);
    expect(replay.eventsSkippedAsNotYetEffective).toBe(0);
  });

  it('effectiveOn leaves later business facts out of the fold and counts them', () => {
    const replay = replayBitemporal(evolve, initial, events, { effectiveOn: '2026-03-05' });
    expect(replay.state).toEqual({ total: 101, seen: ['r0', 'r2'] });
    expect(replay.eventsApplied).toBe(2);
    expect(replay.eventsSkippedAsNotYetEffective).toBe(1);
    expect(replay.lastEvent?.revision).toBe(2);
  });

  it('a back-dated event is in force on its business date only once it was known', () => {
    const before = replayBitemporal(evolve, initial, events, {
      asOf: '2026-03-02T23:59:59.999Z',
      effectiveOn: '2026-02-20',
    });
    const after = replayBitemporal(evolve, initial, events, {
      asOf: '2026-03-03T10:00:00.000Z',
      effectiveOn: '2026-02-20',
    });
    expect(before.state.seen).toEqual([]);
    expect(before.lastEvent).toBeNull();
    expect(before.eventsSkippedAsNotYetEffective).toBe(2);
    expect(after.state.seen).toEqual(['r2']);
  });
});

describe('stateTimeline', () => {
  it('names each event with its actor, authority and a patch; the patches rebuild the state', () => {
    const timeline = stateTimeline(evolve, initial, events, { fromRevision: 0, limit: 10 });
    expect(timeline.map((entry) => entry.authority)).toEqual([
      null,
      null,
      { authority: 'pmo', changeRequestId: 'cr-1' },
    ]);
    expect(timeline[0]?.actor).toEqual({ sub: 'pm-1', roles: ['project-manager'] });
    expect(timeline[1]?.patch).toEqual([
      { op: 'replace', path: '/total', value: 11 },
      { op: 'add', path: '/seen/1', value: 'r1' },
    ]);
    const rebuilt = timeline.reduce(
      (state, entry) => applyJsonPatch(state, entry.patch),
      toJsonState(initial),
    );
    expect(rebuilt).toEqual(toJsonState(replayBitemporal(evolve, initial, events, {}).state));
  });

  it('pages by revision: the first patch of a later page starts from the state before it', () => {
    const page = stateTimeline(evolve, initial, events, { fromRevision: 1, limit: 1 });
    expect(page.map((entry) => entry.revision)).toEqual([1]);
    expect(page[0]?.patch).toEqual([
      { op: 'replace', path: '/total', value: 11 },
      { op: 'add', path: '/seen/1', value: 'r1' },
    ]);
  });
});
