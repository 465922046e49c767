import { VersionedMemo } from './versioned-memo';

describe('VersionedMemo', () => {
  it('answers a value kept at the same version, and nothing once the version moved', () => {
    const memo = new VersionedMemo<number>({ maxEntries: 10 });
    expect(memo.get('q', 'v1')).toBeUndefined();
    memo.set('q', 'v1', 7);
    expect(memo.get('q', 'v1')).toBe(7);
    expect(memo.get('other', 'v1')).toBeUndefined();
    expect(memo.get('q', 'v2')).toBeUndefined();
    // Forgotten for good: going back to the old version does not bring it back.
    expect(memo.get('q', 'v1')).toBeUndefined();
  });

  it('keeps no value made at a version older than the one it knows', () => {
    const memo = new VersionedMemo<number>({ maxEntries: 10 });
    expect(memo.get('q', 'v2')).toBeUndefined();
    memo.set('q', 'v1', 3);
    expect(memo.get('q', 'v2')).toBeUndefined();
  });

  it('full, keeps what it holds and declines new values until the version moves', () => {
    const memo = new VersionedMemo<number>({ maxEntries: 2 });
    memo.get('a', 'v');
    memo.set('a', 'v', 1);
    memo.set('b', 'v', 2);
    memo.set('c', 'v', 3);
    expect(memo.get('c', 'v')).toBeUndefined();
    expect(memo.get('a', 'v')).toBe(1);
    expect(memo.get('b', 'v')).toBe(2);
    memo.get('c', 'w');
    memo.set('c', 'w', 3);
    expect(memo.get('c', 'w')).toBe(3);
  });

  it('keeps values while their summed weight fits its bound', () => {
    const memo = new VersionedMemo<string>({
      maxEntries: 100,
      maxWeight: 10,
      weigh: (value) => value.length,
    });
    memo.get('a', 'v');
    memo.set('a', 'v', 'aaaa');
    memo.set('b', 'v', 'bbbbbbb');
    memo.set('c', 'v', 'cccccc');
    // A key kept is not replaced (its value was made at the same version).
    memo.set('a', 'v', 'a');
    expect(memo.get('a', 'v')).toBe('aaaa');
    expect(memo.get('b', 'v')).toBeUndefined();
    expect(memo.get('c', 'v')).toBe('cccccc');
  });
});
