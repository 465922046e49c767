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

  it('answers null for numbers JSON cannot carry', () => {
    expect(toJsonState({ a: Number.NaN, b: [Infinity] })).toEqual({ a: null, b: [null] });
  });
});
