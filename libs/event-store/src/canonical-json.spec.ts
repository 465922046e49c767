import { canonicalJson, jsonString } from './canonical-json';

describe('canonicalJson', () => {
  it('does not depend on the order keys were written in, at any depth', () => {
    const a = { b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it('keeps array order and nesting', () => {
    expect(canonicalJson([3, [2, [1, []]], {}])).toBe('[3,[2,[1,[]]],{}]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    // 'Z' (0x5a) < 'a' (0x61) < 'é' (0xe9) < '😀' (0xd83d…) < '｡' (0xff61)
    const value = { '｡': 5, '😀': 4, é: 3, a: 2, Z: 1 };
    expect(canonicalJson(value)).toBe('{"Z":1,"a":2,"é":3,"😀":4,"｡":5}');
  });

  it('orders the keys of objects of 0 to 40 keys, written in any order, as Array.prototype.sort does', () => {
    // Both ways of sorting: by insertion up to 16 keys, Array.prototype.sort past that. Integer-
    // like keys come first in Object.keys whatever the order they were written in.
    const pool = ['b', 'a', 'Z', '10', '9', '', 'é', '😀', '｡', 'a_b', 'aa', 'A'];
    for (let index = 0; pool.length < 40; index++) pool.push(`k${(index * 7) % 28}-${index}`);
    const differing: string[] = [];
    for (let size = 0; size <= pool.length; size++) {
      const keys = pool.slice(0, size);
      const half = size >> 1;
      for (const order of [keys, [...keys].reverse(), [...keys.slice(half), ...keys.slice(0, half)]]) {
        const value = Object.fromEntries(order.map((key, position) => [key, position]));
        const members = [...keys].sort().map((key) => `${JSON.stringify(key)}:${value[key]}`);
        if (canonicalJson(value) !== `{${members.join(',')}}`) differing.push(order.join('|'));
      }
    }
    expect(differing).toEqual([]);
  });

  it('writes unicode as is and escapes only what JSON must', () => {
    const text = 'CJK 漢字, RTL שלום, e\u0301, emoji 🚚, NUL \u0000, quote " backslash \\';
    expect(canonicalJson({ text })).toBe(`{"text":${JSON.stringify(text)}}`);
    expect(canonicalJson('\u0000')).toBe('"\\u0000"');
    expect(JSON.parse(canonicalJson({ text }))).toEqual({ text });
    // Composed and decomposed forms are different strings, so they hash differently.
    expect(canonicalJson('\u00e9')).not.toBe(canonicalJson('e\u0301'));
  });

  it('writes scalars like JSON and drops undefined members', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('refuses non-finite numbers and values JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ nested: [Number.POSITIVE_INFINITY] })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NEGATIVE_INFINITY)).toThrow(TypeError);
    expect(() => canonicalJson(BigInt(1))).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });

  it('writes every string exactly as JSON.stringify does, escaped or not', () => {
    const strings: string[] = [];
    // Every UTF-16 code unit alone (controls, quote, backslash, DEL, U+2028, lone surrogates…),
    // and inside other text.
    for (let unit = 0; unit <= 0xffff; unit++) {
      const char = String.fromCharCode(unit);
      strings.push(char, `id-${char}-x`);
    }
    strings.push('', 'emoji 🚚 paired', '\ud83d lone high', 'lone low \ude9a', 'plain ascii-id_42');
    // One assertion over the lot (an expect per string made this spec take seconds).
    const differing = strings.filter(
      (value) =>
        jsonString(value) !== JSON.stringify(value) ||
        canonicalJson({ [value]: value }) !== `{${JSON.stringify(value)}:${JSON.stringify(value)}}`,
    );
    expect(differing).toEqual([]);
  });

  it('writes a key met before, or met again after thousands of others, as the first time', () => {
    const value = { 'quote"key': 1, plain: 2 };
    const first = canonicalJson(value);
    // More distinct keys than the member prefixes kept, so the kept ones are dropped meanwhile.
    const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
    const sortedMany = Object.keys(many)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${JSON.stringify(many[key])}`)
      .join(',');
    expect(canonicalJson(many)).toBe(`{${sortedMany}}`);
    expect(canonicalJson(value)).toBe(first);
    expect(first).toBe('{"plain":2,"quote\\"key":1}');
  });
});
