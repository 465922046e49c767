import { pageClause, whereClause } from './embedded/sqlite.query';
import { mongoFilter, mongoSort } from './mongo/mongo.query';
import { normalizeFilter, normalizeFindOptions } from './read-filter';

describe('read filter language', () => {
  it('flattens bare values to $eq and keeps several operators on one field', () => {
    expect(
      normalizeFilter({ status: 'open', 'baseline.budget': { $gte: 10, $lt: 20 }, tag: null }),
    ).toEqual([
      { path: 'status', op: '$eq', value: 'open' },
      { path: 'baseline.budget', op: '$gte', value: 10 },
      { path: 'baseline.budget', op: '$lt', value: 20 },
      { path: 'tag', op: '$eq', value: null },
    ]);
  });

  it.each([
    ["a') OR 1=1 --", 1],
    ['$where', 'x'],
    ['a.$b', 1],
    ['a b', 1],
    ['0', 1],
    ['', 1],
  ])('refuses the field path %p', (path, value) => {
    expect(() => normalizeFilter({ [path]: value })).toThrow(TypeError);
  });

  it('binds every value and inlines only checked paths (SQLite)', () => {
    const where = whereClause(
      normalizeFilter({ name: "x' OR '1'='1", 'a.b': { $in: [1, 'two', true, null] } }),
    );
    expect(where.sql).not.toContain("x' OR");
    expect(where.params).toEqual(["x' OR '1'='1", 1, 'two']);
    expect(where.sql).toContain("json_extract(doc, '$.a.b')");
    const page = pageClause(normalizeFindOptions({ sort: [['a.b', 'desc']], skip: 5, limit: 7 }));
    expect(page).toEqual({
      sql: " ORDER BY json_extract(doc, '$.a.b') DESC, id ASC LIMIT ? OFFSET ?",
      params: [7, 5],
    });
  });

  it('rebuilds a MongoDB filter with only the allowed operators, and adds _id to the sort', () => {
    expect(mongoFilter(normalizeFilter({ s: 'a', n: { $gt: 1, $ne: 3 } }))).toEqual({
      s: { $eq: 'a' },
      n: { $gt: 1, $ne: 3 },
    });
    expect(mongoSort(normalizeFindOptions({ sort: [['n', 'desc']] }))).toEqual([
      ['n', -1],
      ['_id', 1],
    ]);
    expect(() =>
      normalizeFindOptions({
        sort: [
          ['n', 'asc'],
          ['n', 'desc'],
        ],
      }),
    ).toThrow(TypeError);
    expect(() => normalizeFindOptions({ limit: 1.5 })).toThrow(RangeError);
  });
});
