import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { SqliteEventStore, type RecordedEvent } from '@ledger/event-store';
import {
  MongoReadStore,
  SqliteReadStore,
  type ReadDocument,
  type ReadStore,
} from '@ledger/read-store';
// The benchmarks' workload: a deterministic delivery history written through the real command
// path (every aggregate, reactions included). Reused here so the read models are tested on what
// production writes, not on hand-made events.
import {
  FULL_DELIVERY,
  generateDeliveryHistory,
  historyClock,
  type DeliveryProfile,
} from '@ledger/delivery-history';
import { documentIdsOf } from '../projection';
import { ProjectionEngine } from '../projection-engine';
import { READ_MODELS } from './read-models';

/**
 * Short projects that still live through every phase (set-up to closure, acceptance with PAC
 * and FAC, complaints, incidents, CRs, risks) so each read model gets real work in seconds.
 */
const COMPACT: DeliveryProfile = {
  ...FULL_DELIVERY,
  name: 'compact',
  projectsPerProgram: 4,
  concurrentPrograms: 2,
  projectStartsPerDay: 0.1,
  team: 1,
  stakeholders: 1,
  scopeItems: 3,
  checklist: 'short',
  months: 2,
  costsPerMonth: 1,
  sites: 1,
  changeRequests: 2,
  risks: 2,
  complaints: 1,
  incidents: 1,
  acceptances: 1,
  warrantyMonths: 1,
};
const EVENTS = 4000;

interface StoreVariant {
  readonly name: string;
  open(): Promise<ReadStore>;
  cleanup(): Promise<void>;
}

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-read-models-'));
  dirs.push(dir);
  return dir;
};

const sqliteVariant: StoreVariant = {
  name: 'embedded (SQLite)',
  open: () => SqliteReadStore.open({ path: join(tempDir(), 'read.sqlite') }),
  cleanup: () => Promise.resolve(),
};

function mongoVariant(uri: string): StoreVariant {
  const databases: string[] = [];
  return {
    name: 'mongodb (MONGODB_URI)',
    open: () => {
      const database = `ledger_models_${randomBytes(5).toString('hex')}`;
      databases.push(database);
      return MongoReadStore.connect({ uri, database });
    },
    cleanup: async () => {
      const client = new MongoClient(uri);
      try {
        for (const database of databases.splice(0)) await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

const mongoUri = process.env.MONGODB_URI?.trim();
if (!mongoUri) {
  process.stderr.write(
    '\n[read models on a real history] mongodb read store SKIPPED: MONGODB_URI is not set; ' +
      'only the embedded store was exercised.\n\n',
  );
}
const variants: [string, StoreVariant][] = [
  [sqliteVariant.name, sqliteVariant],
  ...(mongoUri
    ? [['mongodb (MONGODB_URI)', mongoVariant(mongoUri)] as [string, StoreVariant]]
    : []),
];

/** What the engine must converge to: every read model folded in memory, position order. */
function referenceFold(events: readonly RecordedEvent[]): Map<string, ReadDocument[]> {
  const result = new Map<string, ReadDocument[]>();
  for (const projection of READ_MODELS) {
    const documents = new Map<string, ReadDocument>();
    const handles = new Set(projection.handles);
    for (const event of events) {
      if (!handles.has(event.type)) continue;
      for (const id of documentIdsOf(projection, event)) {
        const before = documents.get(id) ?? null;
        if (before && event.position <= before.position) continue;
        const next = projection.apply(before, event);
        if (next === before) continue;
        if (next === null) documents.delete(id);
        else documents.set(id, { ...next, _id: id, position: event.position });
      }
    }
    result.set(
      projection.collection,
      [...documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)),
    );
  }
  return result;
}

async function storedDocuments(store: ReadStore): Promise<Map<string, ReadDocument[]>> {
  const result = new Map<string, ReadDocument[]>();
  for (const projection of READ_MODELS) {
    result.set(projection.collection, await store.find(projection.collection));
  }
  return result;
}

/** The store, but its `n`th upsertMany writes half its documents and "dies". */
function tornAt(inner: ReadStore, n: number): ReadStore {
  let calls = 0;
  return new Proxy(inner, {
    get(target, property, receiver): unknown {
      if (property === 'upsertMany') {
        return async (collection: string, documents: readonly ReadDocument[]): Promise<void> => {
          calls += 1;
          if (calls !== n) return target.upsertMany(collection, documents);
          await target.upsertMany(collection, documents.slice(0, Math.ceil(documents.length / 2)));
          throw new Error('killed in the middle of upsertMany');
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/**
 * Every read model, through the real engine into each real read store, over a delivery history
 * generated by the real command path: the documents equal a reference fold, also after the
 * projector is killed in the middle of a batch and restarted (P5).
 */
describe('every read model on a real delivery history', () => {
  let events: SqliteEventStore;
  let history: RecordedEvent[];
  let reference: Map<string, ReadDocument[]>;

  beforeAll(async () => {
    const clock = historyClock();
    events = await SqliteEventStore.open({
      path: join(tempDir(), 'events.sqlite'),
      clock: () => clock.now(),
    });
    await generateDeliveryHistory(events, clock, {
      profile: COMPACT,
      seed: 7,
      maxEvents: EVENTS,
    });
    history = [];
    for (let after = 0; ;) {
      const batch = await events.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) break;
      history.push(...batch);
      after = batch[batch.length - 1]!.position;
    }
    reference = referenceFold(history);
  }, 120_000);
  afterAll(async () => {
    await events.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('the history exercises every read model', () => {
    process.stderr.write(`[read models on a real history] ${history.length} events\n`);
    for (const projection of READ_MODELS) {
      expect({ [projection.name]: reference.get(projection.collection)!.length > 0 }).toEqual({
        [projection.name]: true,
      });
    }
  });

  describe.each(variants)('into the %s read store', (_name, variant) => {
    afterAll(() => variant.cleanup());

    it('a clean run converges to the reference fold', async () => {
      const store = await variant.open();
      try {
        const engine = new ProjectionEngine({
          eventStore: events,
          readStore: store,
          projections: READ_MODELS,
          batchSize: 250,
        });
        expect(await engine.replayToHead()).toBe(history[history.length - 1]!.position);
        expect(await storedDocuments(store)).toEqual(reference);
      } finally {
        await store.close();
      }
    }, 120_000);

    // Every page written (the 17th write dies), or the engine's default deferred flush (pages
    // folded in memory, each document written once per flush; the 5th write dies).
    it.each([
      { flush: 'every page', flushEveryPages: 1, killedAt: 17 },
      { flush: 'deferred, the default', flushEveryPages: undefined, killedAt: 5 },
    ])(
      'killed in the middle of a batch (flush $flush), then restarted, it converges to the same documents',
      async ({ flushEveryPages, killedAt }) => {
        const store = await variant.open();
        try {
          const dying = new ProjectionEngine({
            eventStore: events,
            readStore: tornAt(store, killedAt),
            projections: READ_MODELS,
            batchSize: 250,
            ...(flushEveryPages === undefined ? {} : { flushEveryPages }),
          });
          await expect(dying.replayToHead()).rejects.toThrow('killed in the middle of upsertMany');
          const restarted = new ProjectionEngine({
            eventStore: events,
            readStore: store,
            projections: READ_MODELS,
            batchSize: 250,
          });
          await restarted.replayToHead();
          expect(await storedDocuments(store)).toEqual(reference);
        } finally {
          await store.close();
        }
      },
      120_000,
    );
  });
});
