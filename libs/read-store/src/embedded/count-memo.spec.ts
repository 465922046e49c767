import { CountMemo } from './count-memo';

describe('CountMemo', () => {
  it('answers a count kept at the same version, and nothing once the version moved', () => {
    const memo = new CountMemo();
    expect(memo.get('q', 'v1')).toBeUndefined();
    memo.set('q', 'v1', 7);
    expect(memo.get('q', 'v1')).toBe(7);
    expect(memo.get('other', 'v1')).toBeUndefined();
    expect(memo.get('q', 'v2')).toBeUndefined();
    // Forgotten for good: going back to the old version does not bring it back.
    expect(memo.get('q', 'v1')).toBeUndefined();
  });

  it('keeps no count made at a version older than the one it knows', () => {
    const memo = new CountMemo();
    expect(memo.get('q', 'v2')).toBeUndefined();
    memo.set('q', 'v1', 3);
    expect(memo.get('q', 'v2')).toBeUndefined();
  });
});
