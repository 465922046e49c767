import type { JsonValue } from '@ledger/event-store';
import { applyJsonPatch } from './apply-json-patch';
import { escapePointerToken, jsonPatch, unescapePointerToken } from './json-patch';

/** The property that matters: applying the patch to `before` gives exactly `after`. */
function roundTrip(before: JsonValue, after: JsonValue) {
  const patch = jsonPatch(before, after);
  expect(applyJsonPatch(before, patch)).toEqual(after);
  return patch;
}

describe('jsonPatch (RFC 6902) and applyJsonPatch', () => {
  it('answers no operation for equal documents', () => {
    expect(roundTrip({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('adds, removes and replaces object members, recursing into nested objects', () => {
    expect(roundTrip({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 5, d: 3 }, e: null })).toEqual([
      { op: 'remove', path: '/a' },
      { op: 'replace', path: '/b/c', value: 5 },
      { op: 'add', path: '/e', value: null },
    ]);
  });

  it('escapes ~ and / in keys per RFC 6901, ~ first', () => {
    expect(escapePointerToken('a/b~c~1')).toBe('a~1b~0c~01');
    expect(unescapePointerToken('a~1b~0c~01')).toBe('a/b~c~1');
    expect(roundTrip({ 'x/y': 1, 'm~n': 1 }, { 'x/y': 2, 'm~n': 3, '~1': 4 })).toEqual([
      { op: 'replace', path: '/x~1y', value: 2 },
      { op: 'replace', path: '/m~0n', value: 3 },
      { op: 'add', path: '/~01', value: 4 },
    ]);
  });

  it('appends array elements one by one and removes trailing ones from the end', () => {
    expect(roundTrip({ l: [1] }, { l: [1, 2, 3] })).toEqual([
      { op: 'add', path: '/l/1', value: 2 },
      { op: 'add', path: '/l/2', value: 3 },
    ]);
    expect(roundTrip({ l: [1, 2, 3] }, { l: [1] })).toEqual([
      { op: 'remove', path: '/l/2' },
      { op: 'remove', path: '/l/1' },
    ]);
  });

  it('replaces the whole array when elements shift or change in place', () => {
    expect(roundTrip({ l: [1, 2, 3] }, { l: [2, 3] })).toEqual([
      { op: 'replace', path: '/l', value: [2, 3] },
    ]);
    expect(roundTrip([{ a: 1 }], [{ a: 2 }])).toEqual([
      { op: 'replace', path: '', value: [{ a: 2 }] },
    ]);
  });

  it('replaces on a change of type, and the whole document at the root', () => {
    expect(roundTrip({ a: [1] }, { a: { 0: 1 } })).toEqual([
      { op: 'replace', path: '/a', value: { 0: 1 } },
    ]);
    expect(roundTrip({ status: 'absent' }, 'gone')).toEqual([
      { op: 'replace', path: '', value: 'gone' },
    ]);
  });

  it('leaves the input documents untouched', () => {
    const before = { a: { b: [1] } };
    applyJsonPatch(before, [{ op: 'add', path: '/a/b/1', value: 2 }]);
    expect(before).toEqual({ a: { b: [1] } });
  });

  it('refuses paths that do not exist, as RFC 6902 requires', () => {
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b', value: 1 }])).toThrow(
      /no such member/,
    );
    expect(() => applyJsonPatch({ a: [] }, [{ op: 'remove', path: '/a/0' }])).toThrow(
      /no such element/,
    );
    expect(() => applyJsonPatch({}, [{ op: 'add', path: '/x/y', value: 1 }])).toThrow(
      /no member x/,
    );
  });
});
