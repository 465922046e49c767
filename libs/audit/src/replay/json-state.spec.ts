import { VersionedMap } from '@ledger/domain';
import { toJsonState } from './json-state';

describe('toJsonState', () => {
  it('turns Maps into objects keyed by their keys and Sets into arrays, in insertion order', () => {
    const state = {
      status: 'active',
      stakeholders: new Map([
        ['s2', { name: 'B', note: undefined }],
        ['s1', { name: 'A' }],
      ]),
      tags: new Set(['x', 'y']),
      gone: undefined,
      at: new Date('2026-01-02T03:04:05.000Z'),
    };
    const json = toJsonState(state);
    expect(json).toEqual({
      status: 'active',
      stakeholders: { s2: { name: 'B' }, s1: { name: 'A' } },
      tags: ['x', 'y'],
      at: '2026-01-02T03:04:05.000Z',
    });
    expect(Object.keys((json as { stakeholders: object }).stakeholders)).toEqual(['s2', 's1']);
  });

  it("renders the domain's VersionedMap as a Map, an older version with its own entries", () => {
    const older = VersionedMap.empty<string, { amount: number }>().with('d2', { amount: 2 });
    const newer = older.with('d1', { amount: 1 }).with('d2', { amount: 5 });
    expect(toJsonState({ actualCosts: newer })).toEqual({
      actualCosts: { d2: { amount: 5 }, d1: { amount: 1 } },
    });
    expect(Object.keys(toJsonState(newer) as object)).toEqual(['d2', 'd1']);
    expect(toJsonState({ actualCosts: older })).toEqual({ actualCosts: { d2: { amount: 2 } } });
  });

  it('answers null for numbers JSON cannot carry', () => {
    expect(toJsonState({ a: Number.NaN, b: [Infinity] })).toEqual({ a: null, b: [null] });
  });
});
