import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { JsonObject, RecordedEvent } from '../event-envelope';
import { MAX_EVENT_BYTES } from '../event-limits';
import {
  DuplicateEventIdError,
  EventTooLargeError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type { AllFilter, AppendResult, EventStore } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import { GENESIS_HASH, verifyChain } from '../hash-chain';
import {
  batchOf,
  delay,
  iteratorOf,
  metadataFor,
  proposed,
  rejectionOf,
  strictlyIncreasing,
  take,
  uniqueCategory,
  within,
} from './contract-fixtures';
import { until } from '@ledger/testing';

export interface ContractStore {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
}

/** The fields of a RecordedEvent, no more, no less (P4). */
const ENVELOPE_KEYS = [
  'data',
  'hash',
  'id',
  'metadata',
  'position',
  'prevHash',
  'recordedAt',
  'revision',
  'schemaVersion',
  'streamId',
  'type',
];
const ISO_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The behaviour every EventStore adapter must show (P7). Store-agnostic: it uses only the port,
 * gives every test its own category and stream ids (a KurrentDB server may be shared and hold
 * other data), never assumes the log is empty, and reads $all only after a remembered
 * headPosition() and through a category filter.
 */
export interface StoreCapabilities {
  /**
   * Event ids are unique across the whole log, not just within a stream. SQLite enforces it
   * with a unique index; KurrentDB only deduplicates an id at the position the writer expects in
   * one stream and keeps no index by id, so it cannot promise this (the command path's
   * Idempotency-Key then protects one stream only: README, "Idempotency-Key").
   */
  readonly uniqueEventIdsAcrossStreams: boolean;
}

export function describeEventStoreContract(
  adapterName: string,
  openStore: () => Promise<ContractStore>,
  capabilities: StoreCapabilities = { uniqueEventIdsAcrossStreams: true },
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await openStore());
    });
    afterAll(async () => {
      await dispose();
    });

    /** Every event of a category after `after`, paging through $all. */
    async function readCategory(category: string, after: number, filter: AllFilter = {}) {
      const events: RecordedEvent[] = [];
      for (let cursor = after; ;) {
        const page = await store.readAll({
          after: cursor,
          maxCount: 200,
          filter: { streamCategories: [category], ...filter },
        });
        events.push(...page);
        const last = page[page.length - 1];
        if (!last) return events;
        cursor = last.position;
      }
    }

    async function wrongRevision(
      streamId: string,
      expected: ExpectedRevision,
    ): Promise<WrongExpectedRevisionError> {
      const error = await rejectionOf(store.append(streamId, [proposed('Refused')], expected));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      return error as WrongExpectedRevisionError;
    }

    describe('append and read back', () => {
      it('stores the full envelope, chained and verifiable', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const before = await store.headPosition();
        const events = [
          proposed('ThingCreated', { name: 'first', tags: ['a', 'b'], count: 3 }),
          {
            ...proposed('ThingRenamed', { name: 'second' }),
            schemaVersion: 2,
            metadata: metadataFor({ idempotency: { key: 'key-1', requestHash: 'f'.repeat(64) } }),
          },
        ];

        const result = await store.append(streamId, events, 'no-stream');
        const read = await store.readStream(streamId);

        expect(result.nextExpectedRevision).toBe(1);
        expect(result.events).toHaveLength(2);
        expect(result.position).toBe(result.events[1]?.position);
        expect(read).toEqual(result.events);
        read.forEach((event, index) => {
          const written = events[index]!;
          expect(Object.keys(event).sort()).toEqual(ENVELOPE_KEYS);
          expect(event).toMatchObject({
            id: written.id,
            type: written.type,
            schemaVersion: written.schemaVersion,
            streamId,
            revision: index,
          });
          expect(event.data).toEqual(written.data);
          expect(event.metadata).toEqual(written.metadata);
          expect(Number.isSafeInteger(event.position) && event.position > before).toBe(true);
          expect(event.recordedAt).toMatch(ISO_UTC_MILLIS);
          expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
        });
        expect(read[0]?.prevHash).toBe(GENESIS_HASH);
        expect(read[1]?.prevHash).toBe(read[0]?.hash);
        expect(read[1]!.position).toBeGreaterThan(read[0]!.position);
        expect(verifyChain(read)).toMatchObject({ ok: true, verified: 2 });
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      });

      it('continues the hash chain across appends', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const first = await store.append(streamId, batchOf('Counted', 3), 'no-stream');
        const second = await store.append(streamId, batchOf('Counted', 2, 3), 2);
        const third = await store.append(streamId, batchOf('Counted', 1, 5), 'any');

        expect(second.events[0]?.prevHash).toBe(first.events[2]?.hash);
        expect(third.events[0]?.prevHash).toBe(second.events[1]?.hash);
        const read = await store.readStream(streamId);
        expect(read.map((event) => event.data)).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
        expect(verifyChain(read)).toMatchObject({ ok: true, verified: 6 });
      });

      it('reads an absent stream as empty', async () => {
        expect(await store.readStream(`${uniqueCategory()}-absent`)).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('no-stream: creates a stream, refuses an existing one', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const created = await store.append(streamId, batchOf('Created', 2), 'no-stream');
        expect(created.nextExpectedRevision).toBe(1);

        const error = await wrongRevision(streamId, 'no-stream');
        expect(error).toMatchObject({ streamId, expected: 'no-stream', actual: 1 });
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('stream-exists: refuses an absent stream, extends an existing one', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const error = await wrongRevision(streamId, 'stream-exists');
        expect(error).toMatchObject({ streamId, expected: 'stream-exists', actual: -1 });
        expect(await store.readStream(streamId)).toEqual([]);

        await store.append(streamId, batchOf('Created', 1), 'no-stream');
        const extended = await store.append(streamId, batchOf('Extended', 1), 'stream-exists');
        expect(extended.nextExpectedRevision).toBe(1);
      });

      it('any: appends to an absent and to an existing stream, chaining from the real head', async () => {
        const streamId = `${uniqueCategory()}-1`;
        expect((await store.append(streamId, batchOf('A', 2), 'any')).nextExpectedRevision).toBe(1);
        expect((await store.append(streamId, batchOf('B', 1), 'any')).nextExpectedRevision).toBe(2);
        expect(verifyChain(await store.readStream(streamId))).toMatchObject({
          ok: true,
          verified: 3,
        });
      });

      it('a number: accepts exactly the head, refuses stale, ahead and absent', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const absent = await wrongRevision(streamId, 0);
        expect(absent).toMatchObject({ streamId, expected: 0, actual: -1 });

        await store.append(streamId, batchOf('A', 3), 'no-stream');
        const next = await store.append(streamId, batchOf('B', 1), 2);
        expect(next.nextExpectedRevision).toBe(3);

        expect(await wrongRevision(streamId, 2)).toMatchObject({ expected: 2, actual: 3 });
        expect(await wrongRevision(streamId, 7)).toMatchObject({ expected: 7, actual: 3 });
        expect(await store.readStream(streamId)).toHaveLength(4);
      });

      it('of N parallel appends with the same expected revision exactly one wins', async () => {
        const streamId = `${uniqueCategory()}-1`;
        await store.append(streamId, batchOf('Created', 1), 'no-stream');

        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, n) =>
            store.append(streamId, batchOf('Raced', 2, n * 2), 0),
          ),
        );

        const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
        const lost = attempts.flatMap((attempt) =>
          attempt.status === 'rejected' ? [attempt.reason as unknown] : [],
        );
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const reason of lost) {
          expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(reason).toMatchObject({ streamId, expected: 0, actual: 2 });
        }
        const read = await store.readStream(streamId);
        expect(read).toHaveLength(3);
        expect(verifyChain(read).ok).toBe(true);
      });
    });

    describe('event id idempotency', () => {
      it('the same batch appended twice returns the first result and writes nothing', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const events = batchOf('Once', 3);
        const first = await store.append(streamId, events, 'no-stream');
        const again = await store.append(streamId, events, 'no-stream');

        expect(again).toEqual(first);
        expect(await store.readStream(streamId)).toEqual(first.events);
      });

      it('a retry still returns the first result after the stream moved on', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const events = batchOf('Once', 2);
        const first = await store.append(streamId, events, 'no-stream');
        await store.append(streamId, batchOf('Later', 2), 1);

        expect(await store.append(streamId, events, 'no-stream')).toEqual(first);
        expect(await store.append(streamId, events, 'any')).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(4);
      });

      // Issue 13, item 2: the retried batch's first event is out of the adapter's tail while
      // later ones are in it (a long batch; a short one after a few later appends).
      it('an exact retry of a long batch, or of one with later appends after it, returns the first result', async () => {
        const streamId = `${uniqueCategory()}-1`;
        await store.append(streamId, batchOf('Before', 3), 'no-stream');
        const long = batchOf('Long', 20);
        const first = await store.append(streamId, long, 2);
        expect(await store.append(streamId, long, 'any')).toEqual(first);

        const short = batchOf('Short', 3);
        const second = await store.append(streamId, short, 'any');
        await store.append(streamId, batchOf('After', 14), 'any');
        expect(await store.append(streamId, short, 'any')).toEqual(second);
        expect(await store.readStream(streamId)).toHaveLength(3 + 20 + 3 + 14);
      });

      it('an id reused in a different batch of the same stream is a DuplicateEventIdError', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const [original] = batchOf('Original', 1);
        await store.append(streamId, [original!], 'no-stream');

        const error = await rejectionOf(
          store.append(streamId, [original!, proposed('Fresh')], 'any'),
        );

        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ streamId, eventId: original!.id });
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      // A capability, not a universal rule: see StoreCapabilities. Skipped adapters say so.
      (capabilities.uniqueEventIdsAcrossStreams ? it : it.skip)(
        `an id reused on another stream is a DuplicateEventIdError${capabilities.uniqueEventIdsAcrossStreams ? '' : ' (skipped: this adapter does not claim log-wide unique ids)'}`,
        async () => {
          const category = uniqueCategory();
          const [original] = batchOf('Original', 1);
          await store.append(`${category}-1`, [original!], 'no-stream');

          const error = await rejectionOf(store.append(`${category}-2`, [original!], 'any'));

          expect(error).toBeInstanceOf(DuplicateEventIdError);
          expect(error).toMatchObject({ streamId: `${category}-2`, eventId: original!.id });
          expect(await store.readStream(`${category}-2`)).toEqual([]);
        },
      );
    });

    describe('ordering', () => {
      it('gives strictly increasing positions in append order across streams', async () => {
        const category = uniqueCategory();
        const before = await store.headPosition();
        const results: AppendResult[] = [];
        for (let round = 0; round < 3; round += 1) {
          for (const stream of ['a', 'b', 'c']) {
            results.push(
              await store.append(`${category}-${stream}`, batchOf('Step', 2, round * 2), 'any'),
            );
          }
        }

        const appended = results.flatMap((result) => result.events);
        const read = await readCategory(category, before);
        expect(read.map((event) => event.id)).toEqual(appended.map((event) => event.id));
        expect(read.map((event) => event.position)).toEqual(
          appended.map((event) => event.position),
        );
        expect(strictlyIncreasing(read)).toBe(true);
        expect(read[0]!.position).toBeGreaterThan(before);
      });

      it('reads a stream backwards and from a revision', async () => {
        const streamId = `${uniqueCategory()}-1`;
        await store.append(streamId, batchOf('Step', 10), 'no-stream');
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(streamId, options)).map((event) => event.revision);

        expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', maxCount: 3 })).toEqual([9, 8, 7]);
        expect(await revisions({ direction: 'backwards', fromRevision: 6, maxCount: 3 })).toEqual([
          6, 5, 4,
        ]);
        expect(await revisions({ fromRevision: 7 })).toEqual([7, 8, 9]);
        expect(await revisions({ direction: 'forwards', fromRevision: 2, maxCount: 3 })).toEqual([
          2, 3, 4,
        ]);
        expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
        expect(await revisions({ fromRevision: 10 })).toEqual([]);
      });

      it('pages through $all with after + maxCount and filters by type and category', async () => {
        const category = uniqueCategory();
        const other = uniqueCategory();
        const typeA = `${category}TypeA`;
        const typeB = `${category}TypeB`;
        const before = await store.headPosition();
        const appended: RecordedEvent[] = [];
        for (let n = 0; n < 7; n += 1) {
          const type = n % 3 === 0 ? typeB : typeA;
          const streamId = `${n % 2 === 0 ? category : other}-${n % 3}`;
          appended.push(...(await store.append(streamId, [proposed(type, { n })], 'any')).events);
        }
        const inCategory = appended.filter((event) => event.streamId.startsWith(`${category}-`));

        const pages: RecordedEvent[][] = [];
        for (let after = before; ;) {
          const page = await store.readAll({
            after,
            maxCount: 2,
            filter: { streamCategories: [category] },
          });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          pages.push(page);
          after = page[page.length - 1]!.position;
        }
        expect(pages.map((page) => page.length)).toEqual([2, 2]);
        expect(pages.flat()).toEqual(inCategory);

        const twoCategories = await store.readAll({
          after: before,
          maxCount: 100,
          filter: { streamCategories: [category, other] },
        });
        expect(twoCategories).toEqual(appended);

        const onlyA = await store.readAll({
          after: before,
          maxCount: 100,
          filter: { eventTypes: [typeA] },
        });
        expect(onlyA.map((event) => event.id)).toEqual(
          appended.filter((event) => event.type === typeA).map((event) => event.id),
        );
        const aInCategory = await store.readAll({
          after: before,
          maxCount: 100,
          filter: { eventTypes: [typeA], streamCategories: [category] },
        });
        expect(aInCategory).toEqual(inCategory.filter((event) => event.type === typeA));
        // A filter hides events; it never renumbers them.
        expect(onlyA.map((event) => event.position)).toEqual(
          appended.filter((event) => event.type === typeA).map((event) => event.position),
        );

        const afterThird = await store.readAll({
          after: appended[2]!.position,
          maxCount: 100,
          filter: { streamCategories: [category, other] },
        });
        expect(afterThird).toEqual(appended.slice(3));
      });
    });

    describe('volume and content', () => {
      it('reads back a 10,000-event stream in order with a valid chain', async () => {
        const streamId = `${uniqueCategory()}-big`;
        for (let batch = 0; batch < 20; batch += 1) {
          const expected: ExpectedRevision = batch === 0 ? 'no-stream' : batch * 500 - 1;
          await store.append(streamId, batchOf('Bulk', 500, batch * 500), expected);
        }

        const read = await store.readStream(streamId);
        expect(read).toHaveLength(10_000);
        expect(
          read.every((event, index) => event.revision === index && event.data.n === index),
        ).toBe(true);
        expect(strictlyIncreasing(read)).toBe(true);
        expect(verifyChain(read)).toMatchObject({ ok: true, verified: 10_000 });
        const tail = await store.readStream(streamId, { fromRevision: 9_995 });
        expect(tail.map((event) => event.revision)).toEqual([9_995, 9_996, 9_997, 9_998, 9_999]);
      });

      it('round-trips unicode and JSON values exactly', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const data: JsonObject = {
          emoji: 'Lieferung 🚚📦 👩🏽‍💻 🏳️‍🌈',
          cjk: '配送台帳・확인・检查済み',
          rtl: 'שלום עולם · مرحبا بالعالم',
          combining: 'e\u0301 a\u0308 n\u0303 \u1e9b\u0323 Z\u0351\u036b\u0343',
          nul: 'before\u0000after',
          controls: '\t\n\r\u0001\u001f\u007f\u0085',
          escapes: '"\\\'/<>&',
          separators: '\u2028\u2029\ufeff',
          'ключ 🔑': 'значение',
          '': 'empty key',
          nested: [[1, [2, [3, []]]], {}, [], [null, true, false]],
          numbers: [0, -1, 1.5, -0.000123, 1e21, 2 ** 53 - 1, -(2 ** 53 - 1), 123456789.125],
        };
        const event = {
          ...proposed('Unicode', data),
          metadata: metadataFor({ actor: { sub: 'Zoë 山田 🙂', roles: ['pmo'] } }),
        };

        await store.append(streamId, [event], 'no-stream');
        const [read] = await store.readStream(streamId);

        expect(read?.data).toEqual(data);
        expect(read?.metadata).toEqual(event.metadata);
        expect(read?.data.nul).toBe(data.nul);
        expect(Buffer.from(canonicalJson(read?.data), 'utf8')).toEqual(
          Buffer.from(canonicalJson(data), 'utf8'),
        );
        expect(read && verifyChain([read]).ok).toBe(true);
      });

      // Issue 13, item 7: one bound for every store, so what the embedded default takes,
      // production takes too; the HTTP shell answers 413.
      it('refuses an event over MAX_EVENT_BYTES with EventTooLargeError, writing nothing', async () => {
        const streamId = `${uniqueCategory()}-1`;
        const blob = 'x'.repeat(MAX_EVENT_BYTES + 1);
        const error = await rejectionOf(
          store.append(streamId, [proposed('Small'), proposed('Huge', { blob })], 'any'),
        );
        expect(error).toBeInstanceOf(EventTooLargeError);
        expect(error).toMatchObject({ streamId, limit: MAX_EVENT_BYTES });
        expect(await store.readStream(streamId)).toEqual([]);
      });

      // Issue 13, item 6: KurrentDB's reads of $all leave `$`-typed events out; stored, they
      // would vanish from every projection, so no store takes them.
      it('refuses $-prefixed event types, writing nothing', async () => {
        const streamId = `${uniqueCategory()}-1`;
        for (const type of ['$metadata', '$>', '$Custom']) {
          const error = await rejectionOf(
            store.append(streamId, [proposed('Fine'), proposed(type)], 'any'),
          );
          expect(error).toBeInstanceOf(TypeError);
          expect(String(error)).toMatch(/reserved/);
        }
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('round-trips a large (~0.9 MB) event byte for byte', async () => {
        // Below KurrentDB's default 1 MiB maximum append size, envelope included.
        const blob = 'Lorem ñ 漢 🚚 '.repeat(50_000);
        const data = { blob, sha256: createHash('sha256').update(blob).digest('hex') };
        const streamId = `${uniqueCategory()}-1`;

        await store.append(streamId, [proposed('Large', data)], 'no-stream');
        const [read] = await store.readStream(streamId);

        expect(Buffer.byteLength(blob)).toBeGreaterThan(850_000);
        expect(read?.data.blob === blob).toBe(true);
        expect(read?.data.sha256).toBe(data.sha256);
        expect(read && verifyChain([read]).ok).toBe(true);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from a position, then goes live while 3 writers append: each event once, in order, no gap', async () => {
        const category = uniqueCategory();
        const before = await store.headPosition();
        const history = await store.append(`${category}-history`, batchOf('Past', 30), 'no-stream');
        const skipped = history.events[9]!;

        const subscription = store.subscribeToAll({
          after: skipped.position,
          filter: { streamCategories: [category] },
        });
        const iterator = iteratorOf(subscription);
        const caughtUp = await take(iterator, 20);
        expect(caughtUp).toEqual(history.events.slice(10));

        // Three writers, own streams and a shared one, yielding between appends.
        const writer = async (name: string): Promise<number> => {
          let written = 0;
          for (let round = 0; round < 15; round += 1) {
            const size = 1 + (round % 3);
            const own = `${category}-${name}`;
            await store.append(
              round % 5 === 4 ? `${category}-shared` : own,
              batchOf('Live', size, round),
              'any',
            );
            written += size;
            await delay(round % 4);
          }
          return written;
        };
        const [live, written] = await Promise.all([
          take(iterator, 90),
          Promise.all(['w1', 'w2', 'w3'].map(writer)).then((counts) =>
            counts.reduce((a, b) => a + b),
          ),
        ]);
        expect(written).toBe(90);

        const delivered = [...caughtUp, ...live];
        const stored = await readCategory(category, before);
        expect(delivered.map((event) => event.position)).toEqual(
          stored.slice(10).map((event) => event.position),
        );
        expect(delivered).toEqual(stored.slice(10));
        expect(strictlyIncreasing(delivered)).toBe(true);
        expect(new Set(delivered.map((event) => event.id)).size).toBe(delivered.length);

        // Nothing more arrives, and close() ends the pending next().
        const extra = iterator.next();
        expect(await within(extra, 300)).toBe('timeout');
        await subscription.close();
        expect(await extra).toMatchObject({ done: true });
      });

      it('filters a subscription by event type', async () => {
        const category = uniqueCategory();
        const before = await store.headPosition();
        const wanted = `${category}Wanted`;
        await store.append(`${category}-1`, [proposed('Other'), proposed(wanted, { n: 1 })], 'any');
        await store.append(`${category}-2`, [proposed(wanted, { n: 2 }), proposed('Other')], 'any');

        const subscription = store.subscribeToAll({
          after: before,
          filter: { eventTypes: [wanted] },
        });
        const events = await take(iteratorOf(subscription), 2);
        await subscription.close();

        expect(events.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }]);
      });

      it('close() ends a for-await loop waiting for live events', async () => {
        const category = uniqueCategory();
        const subscription = store.subscribeToAll({
          after: await store.headPosition(),
          filter: { streamCategories: [category] },
        });
        const received: RecordedEvent[] = [];
        const loop = (async () => {
          for await (const event of subscription) received.push(event);
          return 'ended';
        })();

        await store.append(`${category}-1`, batchOf('Live', 1), 'no-stream');
        await until(() => received.length === 1, 'the first event', { timeoutMs: 5_000 });
        await subscription.close();

        expect(await within(loop, 5_000)).toBe('ended');
        expect(received).toHaveLength(1);
      });
    });
  });
}
