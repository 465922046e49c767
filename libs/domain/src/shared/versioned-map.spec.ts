import { VersionedMap } from './versioned-map';

const entriesOf = <K, V>(map: ReadonlyMap<K, V>): [K, V][] => [...map];

describe('VersionedMap', () => {
  it('reads as a Map: insertion order, and an overwrite keeps the key in its place', () => {
    const map = VersionedMap.empty<string, number>().with('a', 1).with('b', 2).with('a', 3);
    expect(entriesOf(map)).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    expect(map.size).toBe(2);
    expect(map.get('a')).toBe(3);
    expect(map.has('b')).toBe(true);
    expect(map.has('c')).toBe(false);
    expect([...map.keys()]).toEqual(['a', 'b']);
    expect([...map.values()]).toEqual([3, 2]);
    const seen: [string, number][] = [];
    map.forEach((value, key, self) => {
      expect(self).toBe(map);
      seen.push([key, value]);
    });
    expect(seen).toEqual(entriesOf(map));
  });

  it('leaves older versions unchanged when newer ones are evolved', () => {
    const empty = VersionedMap.empty<string, number>();
    const one = empty.with('a', 1);
    const two = one.with('b', 2);
    const three = two.with('a', 10).with('c', 3);
    expect(entriesOf(three)).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
    expect(entriesOf(two)).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(entriesOf(one)).toEqual([['a', 1]]);
    expect(empty.size).toBe(0);
    expect(three.get('a')).toBe(10);
  });

  it('branches when an older version is evolved: neither branch sees the other', () => {
    const base = VersionedMap.empty<string, number>().with('a', 1);
    const left = base.with('l', 2).with('a', 5);
    const right = base.with('r', 3);
    const leftAgain = left.with('l2', 4);
    const rightAgain = right.with('a', 7);
    expect(entriesOf(base)).toEqual([['a', 1]]);
    expect(entriesOf(left)).toEqual([
      ['a', 5],
      ['l', 2],
    ]);
    expect(entriesOf(leftAgain)).toEqual([
      ['a', 5],
      ['l', 2],
      ['l2', 4],
    ]);
    expect(entriesOf(right)).toEqual([
      ['a', 1],
      ['r', 3],
    ]);
    expect(entriesOf(rightAgain)).toEqual([
      ['a', 7],
      ['r', 3],
    ]);
    // Evolving the base a third time, after it was read, still starts from its own entries.
    expect(entriesOf(base.with('x', 9))).toEqual([
      ['a', 1],
      ['x', 9],
    ]);
    expect(entriesOf(base)).toEqual([['a', 1]]);
  });

  it('keeps an iteration to the entries it started with when the version is evolved meanwhile', () => {
    let map = VersionedMap.of<string, number>([
      ['a', 1],
      ['b', 2],
    ]);
    const start = map;
    const keys: string[] = [];
    for (const [key] of start) {
      keys.push(key);
      map = map.with(`${key}+`, 0);
    }
    expect(keys).toEqual(['a', 'b']);
    expect([...map.keys()]).toEqual(['a', 'b', 'a+', 'b+']);
    expect([...start.keys()]).toEqual(['a', 'b']);
  });

  it('compares by its entries alone', () => {
    const folded = VersionedMap.empty<string, number>().with('a', 1).with('b', 2);
    const built = VersionedMap.of<string, number>([
      ['a', 1],
      ['b', 2],
    ]);
    expect(folded).toEqual(built);
    expect(folded).not.toEqual(built.with('c', 3));
  });
});
