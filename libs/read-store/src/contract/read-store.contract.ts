import {
  CollectionNotFoundError,
  DocumentTooLargeError,
  MAX_DOCUMENT_BYTES,
} from '../read-store.errors';
import type { ReadFilter, SortSpec } from '../read-filter';
import type { ReadDocument, ReadStore } from '../read-store.port';

export interface ContractReadStore {
  readonly store: ReadStore;
  readonly dispose: () => Promise<void>;
}

interface Item extends ReadDocument {
  readonly status?: string;
  readonly budget?: number;
  readonly due?: string;
  readonly flag?: boolean;
  readonly owner?: { readonly name: string; readonly level: number };
  readonly tag?: string | number | null;
  readonly list?: readonly string[];
  readonly rank?: number;
  readonly label?: string;
  readonly blob?: string;
}

let collectionCounter = 0;
/** A collection name no other test (or earlier run against a shared server) uses. */
function freshCollection(prefix: string): string {
  collectionCounter += 1;
  return `${prefix}_${collectionCounter}_${Math.random().toString(36).slice(2, 8)}`;
}

const FILTER_DOCS: readonly Item[] = [
  {
    _id: 'a',
    position: 1,
    status: 'open',
    budget: 100,
    due: '2026-01-10',
    flag: true,
    owner: { name: 'Ana', level: 2 },
    tag: 'x',
  },
  {
    _id: 'b',
    position: 1,
    status: 'closed',
    budget: 250.5,
    due: '2026-02-01',
    flag: false,
    owner: { name: 'Bo', level: 1 },
    tag: null,
  },
  {
    _id: 'c',
    position: 1,
    status: 'open',
    budget: 250.5,
    due: '2026-03-15',
    flag: true,
    owner: { name: 'Cy', level: 3 },
  },
  {
    _id: 'd',
    position: 1,
    status: 'at-risk',
    budget: 75,
    due: '2025-12-31',
    flag: false,
    owner: { name: 'Di', level: 2 },
    tag: '5',
  },
  {
    _id: 'e',
    position: 1,
    status: 'open',
    budget: 5,
    due: '2026-01-10',
    flag: true,
    owner: { name: 'Ed', level: 1 },
    list: ['x', 'y'],
    tag: 5,
  },
];

/**
 * The behaviour every ReadStore adapter must show (P5, P7). Uses only the port; every test has
 * its own collections, so a shared server may hold other data.
 */
export function describeReadStoreContract(
  adapterName: string,
  open: () => Promise<ContractReadStore>,
): void {
  describe(`ReadStore contract: ${adapterName}`, () => {
    let store: ReadStore;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await open());
    });
    afterAll(async () => {
      await dispose();
    });

    const ids = (documents: readonly ReadDocument[]) => documents.map((document) => document._id);

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reads a collection never written as empty', async () => {
      const name = freshCollection('never');
      expect(await store.get(name, 'x')).toBeNull();
      expect(await store.getMany(name, ['x', 'y'])).toEqual([]);
      expect(await store.find(name)).toEqual([]);
      expect(await store.count(name, { status: 'open' })).toBe(0);
      await expect(store.deleteMany(name, ['x'])).resolves.toBeUndefined();
      await expect(store.dropCollection(name)).resolves.toBeUndefined();
    });

    it('upserts a batch, reads by id and by ids (in the order asked), replaces whole documents', async () => {
      const name = freshCollection('crud');
      await store.upsertMany(name, [
        { _id: 'p1', position: 3, status: 'open', owner: { name: 'Ana', level: 1 } },
        { _id: 'p2', position: 4, status: 'closed' },
        { _id: 'p3', position: 5, status: 'open', budget: 10 },
      ] satisfies Item[]);

      expect(await store.get(name, 'p1')).toEqual({
        _id: 'p1',
        position: 3,
        status: 'open',
        owner: { name: 'Ana', level: 1 },
      });
      expect(await store.get(name, 'nope')).toBeNull();
      expect(ids(await store.getMany(name, ['p3', 'missing', 'p1']))).toEqual(['p3', 'p1']);
      expect(await store.getMany(name, [])).toEqual([]);

      // Whole-document replace: a field absent from the new version is gone.
      await store.upsertMany(name, [{ _id: 'p1', position: 7, status: 'closed' }]);
      expect(await store.get(name, 'p1')).toEqual({ _id: 'p1', position: 7, status: 'closed' });
      expect(await store.count(name)).toBe(3);
    });

    it('deletes by ids, ignoring ids that are absent', async () => {
      const name = freshCollection('del');
      await store.upsertMany(
        name,
        ['a', 'b', 'c'].map((id) => ({ _id: id, position: 1 })),
      );
      await store.deleteMany(name, ['a', 'c', 'zzz']);
      expect(ids(await store.find(name))).toEqual(['b']);
      await store.deleteMany(name, []);
      expect(await store.count(name)).toBe(1);
    });

    describe('position guard (P5)', () => {
      it('ignores an older or equal position and applies a newer one', async () => {
        const name = freshCollection('guard');
        await store.upsertMany(name, [{ _id: 'g', position: 10, label: 'ten' }]);

        await store.upsertMany(name, [{ _id: 'g', position: 9, label: 'nine' }]);
        expect(await store.get(name, 'g')).toEqual({ _id: 'g', position: 10, label: 'ten' });

        await store.upsertMany(name, [{ _id: 'g', position: 10, label: 'ten again' }]);
        expect(await store.get(name, 'g')).toEqual({ _id: 'g', position: 10, label: 'ten' });

        await store.upsertMany(name, [{ _id: 'g', position: 11, label: 'eleven' }]);
        expect(await store.get(name, 'g')).toEqual({ _id: 'g', position: 11, label: 'eleven' });
      });

      it('guards each document of a mixed batch on its own, in order within the batch', async () => {
        const name = freshCollection('guardmix');
        await store.upsertMany(name, [
          { _id: 'old', position: 5, label: 'kept' },
          { _id: 'new', position: 5, label: 'replaced' },
        ]);
        await store.upsertMany(name, [
          { _id: 'old', position: 4, label: 'stale' },
          { _id: 'new', position: 6, label: 'six' },
          { _id: 'fresh', position: 2, label: 'two' },
          { _id: 'fresh', position: 3, label: 'three' },
          { _id: 'fresh', position: 1, label: 'one (stale in the same batch)' },
          { _id: 'new', position: 6, label: 'six again' },
        ]);
        const found = await store.getMany<Item>(name, ['old', 'new', 'fresh']);
        expect(found.map((item) => [item._id, item.position, item.label])).toEqual([
          ['old', 5, 'kept'],
          ['new', 6, 'six'],
          ['fresh', 3, 'three'],
        ]);
      });

      it('replaying a whole batch changes nothing', async () => {
        const name = freshCollection('replay');
        const batch = Array.from({ length: 20 }, (_, n) => ({ _id: `r${n}`, position: n + 1 }));
        await store.upsertMany(name, batch);
        await store.upsertMany(
          name,
          batch.map((item) => ({ ...item, label: 'replayed' })),
        );
        expect(await store.count(name, { label: 'replayed' })).toBe(0);
        expect(await store.count(name)).toBe(20);
      });

      it('concurrent writers converge on the highest position per document', async () => {
        const name = freshCollection('race');
        const documentIds = Array.from({ length: 40 }, (_, n) => `race-${n}`);
        // Eight writers, each with its own position per document, in a scrambled order.
        const writers = Array.from({ length: 8 }, (_, writer) =>
          documentIds.map((id, n) => {
            const position = ((writer * 7 + n * 3) % 8) + 1;
            return { _id: id, position, label: `p${position}` };
          }),
        );
        await Promise.all(writers.map((batch) => store.upsertMany(name, batch)));
        const found = await store.find<Item>(name);
        expect(found).toHaveLength(40);
        for (const item of found) expect([item.position, item.label]).toEqual([8, 'p8']);
      });
    });

    describe('find and count', () => {
      const name = freshCollection('filter');
      beforeAll(async () => {
        await store.upsertMany(name, FILTER_DOCS);
      });
      const matching = async (filter: ReadFilter) => {
        const found = ids(await store.find(name, filter));
        expect(await store.count(name, filter)).toBe(found.length);
        return found;
      };

      it('equality on strings, numbers, booleans, dotted fields and _id', async () => {
        expect(await matching({ status: 'open' })).toEqual(['a', 'c', 'e']);
        expect(await matching({ status: { $eq: 'closed' } })).toEqual(['b']);
        expect(await matching({ budget: 250.5 })).toEqual(['b', 'c']);
        expect(await matching({ 'owner.level': 2 })).toEqual(['a', 'd']);
        expect(await matching({ 'owner.name': 'Cy' })).toEqual(['c']);
        expect(await matching({ flag: true })).toEqual(['a', 'c', 'e']);
        expect(await matching({ flag: false })).toEqual(['b', 'd']);
        expect(await matching({ _id: 'd' })).toEqual(['d']);
        expect(await matching({ position: 1 })).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(await matching({})).toEqual(['a', 'b', 'c', 'd', 'e']);
      });

      it('a number never equals a string, nor a boolean a number', async () => {
        expect(await matching({ tag: '5' })).toEqual(['d']);
        expect(await matching({ tag: 5 })).toEqual(['e']);
        expect(await matching({ flag: 1 })).toEqual([]);
        expect(await matching({ tag: { $gt: 0 } })).toEqual(['e']);
        expect(await matching({ tag: { $gte: '' } })).toEqual(['a', 'd']);
      });

      it('answers JSON text: what find answers, stringified without the omitted fields', async () => {
        const filter = { status: { $ne: 'closed' } };
        const options = { sort: [['due', 'desc']] as const, skip: 1, limit: 3 };
        const expected = (await store.find<Item>(name, filter, options)).map((document) => {
          const { _id: _key, position: _position, owner: _owner, ...rest } = document;
          return JSON.stringify(rest);
        });
        expect(expected).toHaveLength(3);
        expect(await store.findJson(name, filter, options, ['_id', 'position', 'owner'])).toEqual(
          expected,
        );
        expect(await store.findJson(name, { _id: 'a' }, undefined, [])).toEqual([
          JSON.stringify(FILTER_DOCS[0]),
        ]);
        expect(await store.findJson('never_written_json', undefined, undefined, ['x'])).toEqual([]);
        await expect(store.findJson(name, undefined, undefined, ['owner.name'])).rejects.toThrow(
          TypeError,
        );
      });

      it("a string never equals an object or an array, even one spelling the value's JSON", async () => {
        const owner = FILTER_DOCS[0]?.owner;
        expect(await matching({ owner: JSON.stringify(owner) })).toEqual([]);
        expect(await matching({ owner: { $in: [JSON.stringify(owner), 'x'] } })).toEqual([]);
        expect(await matching({ list: JSON.stringify(['x', 'y']) })).toEqual([]);
        expect(await matching({ list: '["x","y"]' })).toEqual([]);
      });

      it('null matches null or missing; $ne matches missing', async () => {
        expect(await matching({ tag: null })).toEqual(['b', 'c']);
        expect(await matching({ tag: { $ne: null } })).toEqual(['a', 'd', 'e']);
        expect(await matching({ 'owner.nothing': null })).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(await matching({ status: { $ne: 'open' } })).toEqual(['b', 'd']);
        expect(await matching({ tag: { $ne: 'x' } })).toEqual(['b', 'c', 'd', 'e']);
        expect(await matching({ flag: { $ne: true } })).toEqual(['b', 'd']);
      });

      it('$in, also with null and on dotted fields; an empty $in matches nothing', async () => {
        expect(await matching({ 'owner.name': { $in: ['Bo', 'Di', 'Zed'] } })).toEqual(['b', 'd']);
        expect(await matching({ tag: { $in: [null, 'x'] } })).toEqual(['a', 'b', 'c']);
        expect(await matching({ _id: { $in: ['e', 'a'] } })).toEqual(['a', 'e']);
        expect(await matching({ status: { $in: [] } })).toEqual([]);
      });

      it('ranges on numbers, on ISO date strings, and several on one field', async () => {
        expect(await matching({ budget: { $gt: 100 } })).toEqual(['b', 'c']);
        expect(await matching({ budget: { $gte: 100 } })).toEqual(['a', 'b', 'c']);
        expect(await matching({ budget: { $lt: 75 } })).toEqual(['e']);
        expect(await matching({ budget: { $lte: 75 } })).toEqual(['d', 'e']);
        expect(await matching({ budget: { $gte: 75, $lt: 250.5 } })).toEqual(['a', 'd']);
        expect(await matching({ 'owner.level': { $gt: 1 } })).toEqual(['a', 'c', 'd']);
        expect(await matching({ due: { $gte: '2026-01-01', $lt: '2026-02-01' } })).toEqual([
          'a',
          'e',
        ]);
      });

      it('ANDs conditions on several fields', async () => {
        expect(await matching({ status: 'open', 'owner.level': { $lte: 1 } })).toEqual(['e']);
        expect(
          await matching({ status: { $in: ['open', 'closed'] }, flag: false, budget: 250.5 }),
        ).toEqual(['b']);
        expect(await matching({ status: 'open', flag: false })).toEqual([]);
      });

      it('sorts on two keys, ascending and descending, ties broken by _id', async () => {
        const sorted = async (sort: SortSpec) => ids(await store.find(name, {}, { sort }));
        expect(
          await sorted([
            ['budget', 'desc'],
            ['due', 'asc'],
          ]),
        ).toEqual(['b', 'c', 'a', 'd', 'e']);
        expect(
          await sorted([
            ['status', 'asc'],
            ['owner.level', 'desc'],
          ]),
        ).toEqual(['d', 'b', 'c', 'a', 'e']);
        expect(await sorted([['due', 'asc']])).toEqual(['d', 'a', 'e', 'b', 'c']);
        expect(await sorted([['_id', 'desc']])).toEqual(['e', 'd', 'c', 'b', 'a']);
        expect(
          ids(await store.find(name, { status: 'open' }, { sort: [['budget', 'asc']] })),
        ).toEqual(['e', 'a', 'c']);
      });

      it('refuses bad field paths, operators and values before querying', async () => {
        const bad: unknown[] = [
          { "x') OR 1=1 --": 1 },
          { $where: 'true' },
          { 'a..b': 1 },
          { 'a.0': 1 },
          { status: { $regex: '.*' } },
          { status: { $in: 'open' } },
          { status: { $gt: true } },
          { status: { $eq: { nested: 1 } } },
          { status: {} },
          { budget: Number.NaN },
        ];
        for (const filter of bad) {
          await expect(store.find(name, filter as ReadFilter)).rejects.toBeInstanceOf(TypeError);
          await expect(store.count(name, filter as ReadFilter)).rejects.toBeInstanceOf(TypeError);
        }
        await expect(store.find(name, {}, { sort: [['x;drop', 'asc']] })).rejects.toBeInstanceOf(
          TypeError,
        );
        await expect(store.find(name, {}, { skip: -1 })).rejects.toBeInstanceOf(RangeError);
        await expect(store.find('Bad-Name', {})).rejects.toBeInstanceOf(TypeError);
      });
    });

    it('pages with skip and limit, with a count of the whole filtered set', async () => {
      const name = freshCollection('paging');
      await store.upsertMany(
        name,
        Array.from({ length: 25 }, (_, n) => ({
          _id: `item-${String(n).padStart(2, '0')}`,
          position: n + 1,
          rank: n % 5,
          status: n % 2 === 0 ? 'even' : 'odd',
        })),
      );
      const sort: SortSpec = [
        ['rank', 'desc'],
        ['position', 'asc'],
      ];
      const all = ids(await store.find(name, {}, { sort }));
      expect(all).toHaveLength(25);
      const pages = [];
      for (let skip = 0; skip < 25; skip += 10) {
        pages.push(ids(await store.find(name, {}, { sort, skip, limit: 10 })));
      }
      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(all);
      expect(all.slice(0, 5)).toEqual(['item-04', 'item-09', 'item-14', 'item-19', 'item-24']);

      expect(await store.count(name, { status: 'even' })).toBe(13);
      const evenPage = await store.find(name, { status: 'even' }, { sort, skip: 10, limit: 10 });
      expect(evenPage).toHaveLength(3);
      expect(await store.find(name, {}, { limit: 0 })).toEqual([]);
      expect(await store.find(name, {}, { skip: 100 })).toEqual([]);
    });

    it('saves and reads checkpoints by name; a checkpoint may be set back', async () => {
      const name = `cp-${freshCollection('x')}`;
      expect(await store.getCheckpoint(name)).toBeNull();
      await store.saveCheckpoint(name, 42);
      await store.saveCheckpoint(`${name}-other`, 7);
      expect(await store.getCheckpoint(name)).toBe(42);
      await store.saveCheckpoint(name, 1_000_000_000_123);
      expect(await store.getCheckpoint(name)).toBe(1_000_000_000_123);
      await store.saveCheckpoint(name, 0);
      expect(await store.getCheckpoint(name)).toBe(0);
      expect(await store.getCheckpoint(`${name}-other`)).toBe(7);
      await expect(store.saveCheckpoint(name, -1)).rejects.toBeInstanceOf(RangeError);
      await expect(store.saveCheckpoint(name, 1.5)).rejects.toBeInstanceOf(RangeError);
    });

    it('saves several checkpoints in one call, and none of them when one entry is refused', async () => {
      const name = `cps-${freshCollection('x')}`;
      await store.saveCheckpoint(`${name}-b`, 3);
      await store.saveCheckpoints([
        { name: `${name}-a`, position: 10 },
        { name: `${name}-b`, position: 11 },
      ]);
      expect(await store.getCheckpoint(`${name}-a`)).toBe(10);
      expect(await store.getCheckpoint(`${name}-b`)).toBe(11);
      await store.saveCheckpoints([]);
      await expect(
        store.saveCheckpoints([
          { name: `${name}-a`, position: 20 },
          { name: `${name}-c`, position: -1 },
        ]),
      ).rejects.toBeInstanceOf(RangeError);
      expect(await store.getCheckpoint(`${name}-a`)).toBe(10);
      expect(await store.getCheckpoint(`${name}-c`)).toBeNull();
    });

    it('answers no change version, or one that moves with every write, delete, drop and swap', async () => {
      const name = freshCollection('version');
      const next = freshCollection('version_next');
      const first = await store.changeVersion();
      if (first === null) {
        await store.upsertMany(name, [{ _id: 'a', position: 1 }]);
        expect(await store.changeVersion()).toBeNull();
        return;
      }
      expect(await store.changeVersion()).toBe(first);
      const seen = new Set([first]);
      const moved = async () => {
        const version = await store.changeVersion();
        expect(seen.has(version!)).toBe(false);
        seen.add(version!);
      };
      await store.upsertMany(name, [{ _id: 'a', position: 1 }]);
      await moved();
      await store.upsertMany(name, [{ _id: 'a', position: 2, status: 'open' }]);
      await moved();
      await store.deleteMany(name, ['a']);
      await moved();
      await store.upsertMany(next, [{ _id: 'b', position: 1 }]);
      await moved();
      await store.renameCollection(next, name);
      await moved();
      await store.dropCollection(name);
      await moved();
    });

    it('drops a collection: it reads as empty and can be written again', async () => {
      const name = freshCollection('drop');
      await store.upsertMany(name, [{ _id: 'a', position: 9 }]);
      await store.dropCollection(name);
      expect(await store.count(name)).toBe(0);
      expect(await store.get(name, 'a')).toBeNull();
      // The position guard starts over with the documents.
      await store.upsertMany(name, [{ _id: 'a', position: 1 }]);
      expect(await store.get(name, 'a')).toEqual({ _id: 'a', position: 1 });
    });

    describe('ensureIndex', () => {
      const seed = (name: string) =>
        store.upsertMany(
          name,
          Array.from({ length: 30 }, (_, n) => ({
            _id: `p-${String(n).padStart(2, '0')}`,
            position: n + 1,
            programId: `pg-${n % 3}`,
            status: n % 4 === 0 ? 'closed' : 'active',
            name: `Project ${String(29 - n).padStart(2, '0')}`,
            budget: { amount: n * 10 },
            nested: n % 2 === 0 ? null : 7,
          })),
        );
      const queries = async (name: string) => ({
        page: ids(
          await store.find(
            name,
            { programId: 'pg-1', status: 'active' },
            { sort: [['name', 'asc']], skip: 1, limit: 3 },
          ),
        ),
        inList: ids(await store.find(name, { programId: { $in: ['pg-0', 'pg-2'] }, nested: 7 })),
        numeric: ids(await store.find(name, { 'budget.amount': 50 })),
        typed: ids(await store.find(name, { 'budget.amount': '50' })),
        missing: await store.count(name, { programId: null }),
        notEqual: await store.count(name, { status: { $ne: 'active' } }),
        counted: await store.count(name, { programId: 'pg-1', status: 'active' }),
      });

      it('answers exactly the same with and without indexes; creating one twice is harmless', async () => {
        const name = freshCollection('indexed');
        await seed(name);
        const before = await queries(name);
        await store.ensureIndex(name, ['programId', 'status', 'name']);
        await store.ensureIndex(name, ['programId', 'status', 'name']);
        await store.ensureIndex(name, ['budget.amount']);
        expect(await queries(name)).toEqual(before);
        expect(before).toEqual({
          page: ['p-22', 'p-19', 'p-13'],
          inList: ['p-03', 'p-05', 'p-09', 'p-11', 'p-15', 'p-17', 'p-21', 'p-23', 'p-27', 'p-29'],
          numeric: ['p-05'],
          typed: [],
          missing: 0,
          notEqual: 8,
          counted: 7,
        });
      });

      it('creates the collection when needed, and a swapped-in collection keeps answering', async () => {
        const live = freshCollection('indexed_live');
        await store.ensureIndex(`${live}_next`, ['programId', 'status', 'name']);
        await seed(`${live}_next`);
        await store.renameCollection(`${live}_next`, live);
        await store.ensureIndex(live, ['programId', 'status', 'name']);
        expect((await queries(live)).page).toEqual(['p-22', 'p-19', 'p-13']);
        await expect(store.ensureIndex(live, [])).rejects.toThrow(TypeError);
        await expect(store.ensureIndex(live, ['$where'])).rejects.toThrow(TypeError);
      });
    });

    describe('ensureJsonView', () => {
      const omit = ['position', 'owner', '_id'] as const;
      const expected = (documents: readonly Item[]) =>
        documents.map((document) => {
          const { _id: _key, position: _position, owner: _owner, ...rest } = document;
          return JSON.stringify(rest);
        });
      const page = { sort: [['due', 'asc']] as const };

      it('findJson answers the same for documents written before and after it, through updates and swaps', async () => {
        const name = freshCollection('viewed');
        const [first, second, ...later] = FILTER_DOCS;
        await store.upsertMany(name, [first!, second!]);
        await store.ensureJsonView(name, omit);
        await store.ensureJsonView(name, ['_id', 'owner', 'position']);
        await store.upsertMany(name, later);
        // Updated: the kept text follows; a stale write (position guard) changes neither.
        const { owner: _owner, ...withoutOwner } = first!;
        const updated: Item = { ...withoutOwner, position: 2, label: 'moved "on"' };
        await store.upsertMany(name, [updated, { ...second!, label: 'stale' }]);
        const all = await store.find<Item>(name, undefined, page);
        expect(all.find((item) => item._id === 'a')?.label).toBe('moved "on"');
        expect(await store.findJson(name, undefined, page, omit)).toEqual(expected(all));
        // Another set of omitted fields is cut as before; a view is no filter.
        expect(await store.findJson(name, { status: 'open' }, page, ['owner'])).toEqual(
          (await store.find<Item>(name, { status: 'open' }, page)).map((document) => {
            const { owner: _owner, ...rest } = document;
            return JSON.stringify(rest);
          }),
        );

        // A rebuilt collection given the view and swapped in answers from its own texts.
        const next = `${name}_next`;
        await store.ensureJsonView(next, omit);
        await store.upsertMany(next, [{ _id: 'z', position: 9, due: '2027-01-01', label: 'new' }]);
        await store.renameCollection(next, name);
        expect(await store.findJson(name, undefined, page, omit)).toEqual([
          JSON.stringify({ due: '2027-01-01', label: 'new' }),
        ]);
        // One swapped in without it answers the same, cut from the documents.
        await store.upsertMany(next, [{ _id: 'y', position: 9, due: '2027-02-01', owner: null }]);
        await store.renameCollection(next, name);
        expect(await store.findJson(name, undefined, page, omit)).toEqual([
          JSON.stringify({ due: '2027-02-01' }),
        ]);
        await store.dropCollection(name);
        expect(await store.findJson(name, undefined, page, omit)).toEqual([]);
      });

      it('refuses nested or no fields', async () => {
        const name = freshCollection('viewed_bad');
        await expect(store.ensureJsonView(name, ['owner.name'])).rejects.toThrow(TypeError);
        await expect(store.ensureJsonView(name, [])).rejects.toThrow(TypeError);
      });
    });

    describe('renameCollection (rebuild and swap)', () => {
      it('swaps a rebuilt collection over the live one; the source then reads as empty', async () => {
        const live = freshCollection('live');
        const next = `${live}_next`;
        await store.upsertMany(live, [
          { _id: 'a', position: 5, label: 'old a' },
          { _id: 'gone', position: 5, label: 'only in the old one' },
        ]);
        await store.upsertMany(next, [
          { _id: 'a', position: 3, label: 'rebuilt a' },
          { _id: 'b', position: 4, label: 'rebuilt b' },
        ]);

        await store.renameCollection(next, live);

        expect(await store.find(live)).toEqual([
          { _id: 'a', position: 3, label: 'rebuilt a' },
          { _id: 'b', position: 4, label: 'rebuilt b' },
        ]);
        expect(await store.count(next)).toBe(0);
        // The swapped-in collection works as any other, guard included.
        await store.upsertMany(live, [
          { _id: 'a', position: 2, label: 'stale' },
          { _id: 'b', position: 6, label: 'live b' },
        ]);
        expect(await store.find<Item>(live, { label: { $in: ['rebuilt a', 'live b'] } })).toEqual([
          { _id: 'a', position: 3, label: 'rebuilt a' },
          { _id: 'b', position: 6, label: 'live b' },
        ]);

        // A second rebuild into the same staging name swaps again.
        await store.upsertMany(next, [{ _id: 'c', position: 8 }]);
        await store.renameCollection(next, live);
        expect(await store.find(live)).toEqual([{ _id: 'c', position: 8 }]);
        expect(await store.find(next)).toEqual([]);

        await store.dropCollection(live);
        expect(await store.count(live)).toBe(0);
      });

      it('renames onto a name never used, and back', async () => {
        const from = freshCollection('from');
        const to = freshCollection('to');
        await store.upsertMany(from, [{ _id: 'x', position: 1 }]);
        await store.renameCollection(from, to);
        expect(ids(await store.find(to))).toEqual(['x']);
        expect(await store.count(from)).toBe(0);
        await store.renameCollection(to, from);
        expect(ids(await store.find(from))).toEqual(['x']);
        expect(await store.count(to)).toBe(0);
      });

      it('refuses to rename a collection that was never written', async () => {
        const target = freshCollection('target');
        await store.upsertMany(target, [{ _id: 'keep', position: 1 }]);
        await expect(
          store.renameCollection(freshCollection('missing'), target),
        ).rejects.toBeInstanceOf(CollectionNotFoundError);
        expect(ids(await store.find(target))).toEqual(['keep']);
        await expect(store.renameCollection(target, target)).rejects.toBeInstanceOf(TypeError);
      });
    });

    it('keeps unicode ids and text, and a ~200 KB document, exactly', async () => {
      const name = freshCollection('unicode');
      const text = 'Zürich · 東京 · Ελλάδα · 🚧🏗️ · "quotes" \\ back\nslash \u2028 é';
      const big = 'ÆØÅ-0123456789-'.repeat(Math.ceil(200_000 / 15)).slice(0, 200_000);
      const documents: Item[] = [
        { _id: 'проект-1 🏗️', position: 1, label: text, owner: { name: 'Łukasz', level: 1 } },
        { _id: 'big', position: 2, blob: big },
      ];
      await store.upsertMany(name, documents);
      expect(await store.get(name, 'проект-1 🏗️')).toEqual(documents[0]);
      expect(await store.find(name, { 'owner.name': 'Łukasz' })).toEqual([documents[0]]);
      expect(await store.find(name, { label: text })).toHaveLength(1);
      const stored = await store.get<Item>(name, 'big');
      expect(stored?.blob).toHaveLength(200_000);
      expect(stored).toEqual(documents[1]);
      // As JSON text, byte for byte what JSON.stringify writes (escapes, U+2028, astral chars).
      const { _id: _key, ...unkeyed } = documents[0] as Item;
      expect(await store.findJson(name, { _id: 'проект-1 🏗️' }, undefined, ['_id'])).toEqual([
        JSON.stringify(unkeyed),
      ]);
    });

    it('writes a 1,000-document batch and reads it back sorted and counted', async () => {
      const name = freshCollection('thousand');
      const batch = Array.from({ length: 1_000 }, (_, n) => ({
        _id: `doc-${String(n).padStart(4, '0')}`,
        position: 1_000 + n,
        rank: n % 10,
        owner: { name: `owner-${n % 3}`, level: n % 4 },
      }));
      await store.upsertMany(name, batch);
      expect(await store.count(name)).toBe(1_000);
      expect(await store.count(name, { rank: 3 })).toBe(100);
      expect(await store.count(name, { 'owner.name': 'owner-0', 'owner.level': 0 })).toBe(84);
      const top = await store.find<Item>(name, {}, { sort: [['position', 'desc']], limit: 3 });
      expect(ids(top)).toEqual(['doc-0999', 'doc-0998', 'doc-0997']);
      const some = await store.getMany(
        name,
        batch.slice(0, 500).map((item) => item._id),
      );
      expect(some).toHaveLength(500);
      await store.deleteMany(
        name,
        batch.filter((item) => item.rank === 0).map((item) => item._id),
      );
      expect(await store.count(name)).toBe(900);

      // 150 of them again, newer: one call replacing 150 stored documents (FerretDB 1.24 never
      // answers an update command of ~100+ statements: the adapter must slice. Not more: each
      // filtered replace costs FerretDB a scan, ~1 s per 50 here).
      await store.upsertMany(
        name,
        batch
          .slice(100, 250)
          .map((item) => ({ ...item, position: item.position + 1_000, rank: 42 })),
      );
      expect(await store.count(name, { rank: 42 })).toBe(150);
    });

    // Issue 13, item 9: MongoDB's 16 MiB per document, enforced by both adapters alike.
    it('refuses a document over 16 MiB with DocumentTooLargeError, writing nothing of the batch', async () => {
      const name = freshCollection('too_large');
      const huge = { _id: 'huge', position: 2, text: 'x'.repeat(MAX_DOCUMENT_BYTES) };
      const error = await store.upsertMany(name, [{ _id: 'fine', position: 1 }, huge]).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(DocumentTooLargeError);
      expect(error).toMatchObject({ collection: name, documentId: 'huge' });
      expect(await store.count(name)).toBe(0);
    });

    it('refuses documents that are not plain JSON or have keys Mongo cannot store', async () => {
      const name = freshCollection('refuse');
      const bad: unknown[] = [
        { _id: 'a', position: 1, 'dotted.key': 1 },
        { _id: 'a', position: 1, nested: { $set: 1 } },
        { _id: 'a', position: 1, missing: undefined },
        { _id: 'a', position: 1, when: new Date(0) },
        { _id: 'a', position: 1, n: Number.POSITIVE_INFINITY },
        { _id: 'a', position: -1 },
        { _id: 'a', position: 1.5 },
        { _id: 7, position: 1 },
        { position: 1 },
      ];
      for (const document of bad) {
        await expect(
          store.upsertMany(name, [{ _id: 'fine', position: 1 }, document as ReadDocument]),
        ).rejects.toBeInstanceOf(TypeError);
      }
      // A refused batch writes nothing, not even its valid documents.
      expect(await store.count(name)).toBe(0);
    });
  });
}
