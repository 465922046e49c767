import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import type { ReadDocument } from '@ledger/read-store';
import { projectionSpec } from './projection-spec';

interface Tally extends ReadDocument {
  readonly count: number;
}

const event = (type: string, position: number): RecordedEvent => ({
  id: `e${position}`,
  type,
  schemaVersion: 1,
  data: { tallyId: 't1' },
  metadata: {
    effectiveAt: '2026-03-01T08:00:00.000Z',
    actor: { sub: 'carla', roles: [] },
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
  },
  streamId: 'tally-t1',
  revision: position - 1,
  position,
  recordedAt: '2026-03-01T08:00:00.000Z',
  prevHash: '',
  hash: '',
});

/** Counts `Counted` events; `guarded` decides whether it ignores one at or below its position. */
const tally = (guarded: boolean): Projection<Tally> => ({
  name: 'tally',
  collection: 'tally',
  handles: ['Counted'],
  documentId: () => 't1',
  apply(document, next) {
    if (guarded && document && next.position <= document.position) return document;
    return { _id: 't1', position: next.position, count: (document?.count ?? 0) + 1 };
  },
});

describe('projectionSpec', () => {
  it('folds given then when as the engine does, stamping the position', () => {
    projectionSpec(tally(true))
      .given([event('Counted', 1), event('Ignored', 2)])
      .when(event('Counted', 3))
      .then({ _id: 't1', position: 3, count: 2 });
  });

  it('fails a projection that changes the document when the same event comes twice', () => {
    expect(() =>
      projectionSpec(tally(false))
        .given([event('Counted', 1)])
        .when(event('Counted', 2))
        .then({ _id: 't1', position: 2, count: 2 }),
    ).toThrow();
  });

  it('fails a projection that mutates the document it is handed', () => {
    const mutating: Projection<Tally> = {
      ...tally(true),
      apply(document, next) {
        if (document && next.position > document.position) {
          (document as { count: number }).count += 1;
          return { ...document, position: next.position };
        }
        return document ?? { _id: 't1', position: next.position, count: 1 };
      },
    };
    expect(() =>
      projectionSpec(mutating)
        .given([event('Counted', 1)])
        .when(event('Counted', 2))
        .thenDocument(() => undefined),
    ).toThrow();
  });

  it('replays a whole history, failing at the first event that changes the document when it comes twice', () => {
    const history = [event('Counted', 1), event('Ignored', 2), event('Counted', 3)];
    projectionSpec(tally(true)).replays(history);
    expect(() => projectionSpec(tally(false)).replays(history)).toThrow();
  });

  it('after(history) takes the last event of the history as the when', () => {
    projectionSpec(tally(true))
      .after([event('Counted', 1), event('Counted', 2)])
      .then({ _id: 't1', position: 2, count: 2 });
    expect(() => projectionSpec(tally(true)).after([])).toThrow();
  });

  it('fails when the document differs from the expected one', () => {
    expect(() =>
      projectionSpec(tally(true)).given([]).when(event('Counted', 1)).then(null),
    ).toThrow();
  });

  it('hands every document of the read model to a roll-up check, and still replays the event', () => {
    const seen: string[] = [];
    projectionSpec(tally(true))
      .given([event('Counted', 1)])
      .when(event('Counted', 2))
      .thenReadModel((documents) =>
        seen.push(...[...documents.values()].map((d) => `${d._id}:${d.count}`)),
      );
    expect(seen).toEqual(['t1:2']);
    expect(() =>
      projectionSpec(tally(false))
        .given([event('Counted', 1)])
        .when(event('Counted', 2))
        .thenReadModel(() => undefined),
    ).toThrow();
  });

  it('an unhandled event changes nothing', () => {
    projectionSpec(tally(true))
      .given([event('Counted', 1)])
      .when(event('Ignored', 2))
      .thenUnchanged();
  });
});
