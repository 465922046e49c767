import fc from 'fast-check';

/**
 * Hostile command inputs for the fuzzer. Every mutation is built so that no valid request can
 * come out of it (a required field made wrong, an unknown or prototype key, a body that is not
 * an object or not JSON, a bad path id, a foreign media type): the server must refuse each one
 * with a 4xx problem, quickly, writing nothing.
 */

/** Characters no string field accepts: control, bidi override, unpaired surrogates. */
const REFUSED_CHARACTERS = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u202e',
  '\u2066',
  '\ud800',
  '\udfff',
  '\u0085',
];

/** A string holding at least one refused character somewhere, or nothing but blanks. */
const hostileString = fc.oneof(
  fc
    .tuple(
      fc.string({ maxLength: 20, unit: 'grapheme' }),
      fc.constantFrom(...REFUSED_CHARACTERS),
      fc.string({ maxLength: 20, unit: 'binary' }),
    )
    .map(([before, bad, after]) => `${before}${bad}${after}`),
  fc.constantFrom(' ', '   ', '\t', '\u200b', '\u2060 '),
);

/** Longer than any text field allows (and still within the 1 MiB body limit). */
const hugeString = fc
  .tuple(fc.integer({ min: 200_000, max: 800_000 }), fc.constantFrom('x', 'é', '\u{1F4A9}'))
  .map(([length, unit]) => unit.repeat(Math.floor(length / unit.length)));

/** A value of another JSON type than `original`, or a string no string field accepts. */
export function wrongValueFor(original: unknown): fc.Arbitrary<unknown> {
  const containers = fc.constantFrom<unknown>({}, [], [[]], { zzUnknown: 1 });
  if (typeof original === 'string')
    return fc.oneof(
      hostileString,
      hugeString,
      containers,
      fc.constantFrom<unknown>(null, true, false, 0, -1, 2 ** 64),
    );
  if (typeof original === 'number')
    return fc.oneof(
      fc.constantFrom<unknown>(null, true, '1', '', '1e3', 'NaN'),
      containers,
      hostileString,
    );
  if (typeof original === 'boolean')
    return fc.oneof(fc.constantFrom<unknown>(null, 'true', 1, 0), containers);
  if (Array.isArray(original))
    return fc.oneof(
      fc.constantFrom<unknown>(null, 'x', 1, {}),
      // Huge arrays of junk elements, below and above the parser's 10,000-element cap.
      fc
        .tuple(
          fc.integer({ min: 1, max: 15_000 }),
          fc.constantFrom<unknown>({ zzUnknown: 1 }, null, [[]]),
        )
        .map(([length, junk]) => new Array<unknown>(length).fill(junk)),
    );
  return fc.oneof(fc.constantFrom<unknown>(null, 'x', 1, true, []), hostileString);
}

export type Mutation =
  | { readonly kind: 'wrong-leaf'; readonly pick: number }
  | { readonly kind: 'not-an-object'; readonly value: unknown }
  | { readonly kind: 'truncated-json'; readonly at: number }
  | { readonly kind: 'random-bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'unknown-key'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'prototype-key'; readonly key: string; readonly nested: boolean }
  | { readonly kind: 'deep-nesting'; readonly depth: number; readonly arrays: boolean }
  | { readonly kind: 'bad-path-id'; readonly pick: number; readonly id: string }
  | { readonly kind: 'media-type'; readonly contentType: string };

/** Path ids the RESOURCE_ID format refuses (percent-encoded as a client would send them). */
const badPathId = fc.oneof(
  fc.constantFrom(
    '-starts-with-dash',
    '.hidden',
    '%2E%2E',
    'a%2Fb',
    'a%00b',
    '%E2%80%AEevil',
    'a%20b',
    '%F0%9F%92%A9',
    '%ED%A0%80',
    'x'.repeat(101),
    'y'.repeat(3000),
  ),
  fc
    .string({ minLength: 1, maxLength: 40, unit: 'binary' })
    .filter((id) => !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(id))
    .map(encodeURIComponent),
);

export const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('wrong-leaf' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('not-an-object' as const),
      value: fc.oneof(
        fc
          .jsonValue({ maxDepth: 3 })
          .filter((value) => value === null || typeof value !== 'object' || Array.isArray(value)),
        fc.constantFrom<unknown>(null, '', 0, [], [{}], 'null'),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('truncated-json' as const), at: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('random-bytes' as const),
      bytes: fc.uint8Array({ maxLength: 2048 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('unknown-key' as const),
      key: fc.string({ maxLength: 30, unit: 'binary' }).map((key) => `zz${key}`),
      value: fc.jsonValue({ maxDepth: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('prototype-key' as const),
      key: fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        '__defineGetter__',
        'hasOwnProperty',
        'toString',
      ),
      nested: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep-nesting' as const),
      depth: fc.integer({ min: 20, max: 5000 }),
      arrays: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bad-path-id' as const),
      pick: fc.nat(),
      id: badPathId,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('media-type' as const),
      contentType: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
      ),
    }),
  },
);

/** The paths of a body's leaves (`a.b[2].c`), as [parent, key] pairs to overwrite. */
export function leavesOf(
  value: unknown,
): Array<[Record<string, unknown> | unknown[], string | number]> {
  const leaves: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) =>
        isContainer(child) && !isEmpty(child) ? walk(child) : leaves.push([node, index]),
      );
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        if (isContainer(child) && !isEmpty(child)) walk(child);
        else leaves.push([node as Record<string, unknown>, key]);
      }
    }
  };
  walk(value);
  return leaves;
}

const isContainer = (value: unknown) => value !== null && typeof value === 'object';
const isEmpty = (value: unknown) =>
  Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0;

/** `depth` levels of `[` or `{"a":`, closed again: deeper than the parser's limit past 32. */
export function nestedJson(depth: number, arrays: boolean): string {
  return arrays
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
