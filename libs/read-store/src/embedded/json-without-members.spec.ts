import Database from 'better-sqlite3';
import { jsonWithoutMembers } from './json-without-members';

/** What the embedded store answered before: SQLite's json_remove of the same members. */
function jsonRemove(json: string, omit: readonly string[]): string {
  const db = new Database(':memory:');
  try {
    const paths = omit.map((name) => `'$.${name}'`).join(', ');
    return db
      .prepare<[string], { text: string }>(`SELECT json_remove(?, ${paths}) AS text`)
      .get(json)!.text;
  } finally {
    db.close();
  }
}

const DOCUMENTS: readonly Record<string, unknown>[] = [
  { _id: 'a', position: 1, inputs: { x: [1, 2, { y: '}' }] }, name: 'A' },
  { name: 'first', _id: 'b', inputs: [], position: 2 },
  { _id: 'c', position: 3 },
  { position: 4, _id: 'd', inputs: null },
  { _id: 'quote"d \\ {[', position: 5, note: 'a "quoted" \\" }], text', inputs: '\\' },
  { _id: 'проект-1 🏗️', position: 1e21, small: 1.5e-7, negative: -0.25, inputs: { '"': '"' } },
  { _id: 'e', position: 6, sep: '\u2028\u2029', lone: '\ud800', ctrl: '\u0001\n\t', t: true },
  { _id: 'f', position: 7, nested: { _id: 'inner', position: 0, inputs: 1 }, f: false },
  { 'we"ird': 1, _id: 'g', position: 8, list: [[], {}, [[{}]]], inputs: [{ a: '[' }] },
  {},
  { only: 'kept' },
];

describe('jsonWithoutMembers', () => {
  it.each(DOCUMENTS.map((document) => [JSON.stringify(document)]))(
    'answers the bytes json_remove answers for %s',
    (json) => {
      for (const omit of [
        ['_id'],
        ['position'],
        ['inputs'],
        ['_id', 'position', 'inputs'],
        ['absent'],
      ]) {
        expect(jsonWithoutMembers(json, new Set(omit))).toBe(jsonRemove(json, omit));
      }
    },
  );

  it('answers what JSON.stringify gives without the members, and the text itself when none is there', () => {
    for (const document of DOCUMENTS) {
      const { _id: _key, position: _position, inputs: _inputs, ...rest } = document;
      const json = JSON.stringify(document);
      expect(jsonWithoutMembers(json, new Set(['_id', 'position', 'inputs']))).toBe(
        JSON.stringify(rest),
      );
      expect(jsonWithoutMembers(json, new Set(['absent']))).toBe(json);
      expect(jsonWithoutMembers(json, new Set())).toBe(json);
    }
  });

  it('matches a member by its decoded name, as json_remove does', () => {
    const json = '{"\\u005fid":"x","b":1}';
    expect(jsonWithoutMembers(json, new Set(['_id']))).toBe(jsonRemove(json, ['_id']));
    expect(jsonWithoutMembers(json, new Set(['_id']))).toBe('{"b":1}');
  });

  it('refuses text that is not an object as JSON.stringify writes one', () => {
    for (const text of ['[1]', '"x"', '{"a":1', '{"a" :1}', '{ "a":1}', '{"a":1,}', '{"a":"1}']) {
      expect(() => jsonWithoutMembers(text, new Set(['a']))).toThrow(TypeError);
    }
  });
});
