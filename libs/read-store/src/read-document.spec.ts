import { assertReadDocument } from './read-document';
import type { ReadDocument } from './read-store.port';

/** `value` nested `levels` deep under `_id`/`position` (one object per level). */
function nested(levels: number, value: unknown): ReadDocument {
  let inner: unknown = value;
  for (let level = 0; level < levels; level++) inner = { next: inner };
  const document = { _id: 'deep', position: 1, next: inner };
  return document;
}

describe('assertReadDocument', () => {
  it('accepts plain JSON, the same keys again and again', () => {
    const document = { _id: 'a', position: 3, name: 'x', tags: ['a', null, true, 1.5], sub: {} };
    for (let time = 0; time < 3; time++) expect(() => assertReadDocument(document)).not.toThrow();
  });

  it.each([
    [{ _id: 'a', position: 1, sub: { 'dotted.key': 1 } }, /key "dotted.key" has/],
    [{ _id: 'a', position: 1, list: [{ $set: 1 }] }, /key "\$set" has/],
    [{ _id: 'a', position: 1, ['nul\u0000']: 1 }, /has '.', '\$' or NUL/],
    [{ _id: 'a', position: 1, sub: { n: Number.NaN } }, /sub\.n is not a finite number/],
    [{ _id: 'a', position: 1, list: [1, undefined] }, /list\[1\] is not JSON \(undefined\)/],
    [{ _id: 'a', position: 1, when: new Date(0) }, /when is not JSON \(object\)/],
    [{ _id: 'a', position: 1, map: new Map() }, /map is not JSON \(object\)/],
    [{ _id: 'a', position: 1, bare: Object.create(null) as object }, /bare is not JSON/],
  ])('refuses %p naming where (%p)', (document, message) => {
    expect(() => assertReadDocument(document as ReadDocument)).toThrow(message);
  });

  it('refuses a key it accepted elsewhere only when it is bad itself', () => {
    const good = { _id: 'a', position: 1, plain: 1 };
    const bad = { _id: 'a', position: 1, plain: { 'b.c': 1 } };
    assertReadDocument(good);
    expect(() => assertReadDocument(bad)).toThrow(/key "b.c"/);
  });

  it('accepts 64 levels of nesting and refuses anything but null, text or booleans deeper', () => {
    expect(() => assertReadDocument(nested(62, 1))).not.toThrow();
    expect(() => assertReadDocument(nested(64, 'text'))).not.toThrow();
    expect(() => assertReadDocument(nested(64, 1))).toThrow(/nested deeper than 64 levels/);
    expect(() => assertReadDocument(nested(64, {}))).toThrow(/nested deeper than 64 levels/);
  });
});
