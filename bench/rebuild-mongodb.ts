/**
 * rebuild-mongodb: events/s rebuilding every read model (READ_MODELS) from the delivery history
 * into a fresh MongoDB database through MongoReadStore with the real ProjectionEngine, vs the
 * raw baseline: the same final documents written into another fresh database, with the same
 * secondary indexes, by the plain driver (insertMany, 500 per call; `upsertBaseline`: bulkWrite
 * of replaceOne upserts, the baseline until 2026-12-06). The baseline's rate is the history's
 * events divided by its time: how fast the end state could be written at all.
 *
 * FerretDB 1.24 (SQLite backend) hangs on an update command with many statements: each
 * statement holds one of its ~100 pooled SQLite connections until the command ends (checked:
 * 99 replaceOne in one bulkWrite take 0.3 s, 120 never finish; a 100-statement slice also hung
 * once while other reads held connections). MongoReadStore.upsertMany writes in slices of 50
 * itself (found by this benchmark), and against FerretDB the baseline writes 50 per call too.
 *
 * Runs when MONGODB_URI is set (MongoDB 7/8 or FerretDB 1.24) and says why it skipped
 * otherwise. Both databases are created for the run and dropped after it. FerretDB is slow, so
 * the history is much smaller than rebuild-embedded's: BENCH_MONGO_EVENTS, default 10,000.
 */
import { randomBytes } from 'node:crypto';
import { SqliteEventStore } from '@ledger/event-store';
import { READ_MODELS } from '@ledger/projections';
import { MongoReadStore } from '@ledger/read-store';
import { type Collection, MongoClient } from 'mongodb';
import { report, round } from './support/bench-report';
import { deliveryHistoryLog, FULL_DELIVERY } from '@ledger/delivery-history';
import {
  announceHistory,
  documentCounts,
  historyFields,
  rebuildReadModels,
  RssSampler,
  sampledEventStore,
} from './support/rebuild';

const EVENTS = Number(process.env.BENCH_MONGO_EVENTS ?? 10_000);
const SEED = Number(process.env.BENCH_HISTORY_SEED ?? 1);
/** Replacements per bulkWrite of the baseline against MongoDB. */
const BULK = 500;
/** Statements per update command that FerretDB 1.24 answers reliably (see above). */
const FERRETDB_MAX_STATEMENTS = 50;

interface StoredDocument {
  readonly _id: string;
  readonly [field: string]: unknown;
}

export async function run(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    const reason =
      'MONGODB_URI is not set: no MongoDB server to measure against ' +
      '(docs/BENCHMARKS.md says how to run it on FerretDB)';
    process.stderr.write(`rebuild-mongodb: SKIPPED, ${reason}\n`);
    console.log(JSON.stringify({ bench: 'rebuild-mongodb', skipped: reason }));
    return;
  }
  const history = await deliveryHistoryLog({
    profile: FULL_DELIVERY,
    seed: SEED,
    maxEvents: EVENTS,
  });
  announceHistory('rebuild-mongodb', history);

  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const oursDb = `bench_rebuild_${suffix}`;
  const rawDb = `bench_raw_${suffix}`;
  const upsertDb = `bench_upsert_${suffix}`;
  const client = new MongoClient(uri, { ignoreUndefined: true });
  await client.connect();
  const log = await SqliteEventStore.open({ path: history.path });
  try {
    const head = await log.headPosition();
    const events = history.stats.events;
    const server = await serverName(client);
    const ferret = server.startsWith('FerretDB');
    const bulk = ferret ? FERRETDB_MAX_STATEMENTS : BULK;

    const readStore = await MongoReadStore.connect({ uri, database: oursDb });
    let seconds: number;
    let documents: Record<string, number>;
    const sampler = new RssSampler();
    try {
      seconds = await rebuildReadModels(sampledEventStore(log, sampler), readStore, head, {
        label: 'rebuild-mongodb',
      });
      documents = await documentCounts(readStore);
    } finally {
      await readStore.close();
    }
    const memory = sampler.stop();

    // The end state the rebuild produced, collection by collection (no alias: a rebuild into a
    // fresh database writes the collections under their own names).
    const finals = new Map<string, StoredDocument[]>();
    for (const { collection } of READ_MODELS) {
      finals.set(
        collection,
        await client.db(oursDb).collection<StoredDocument>(collection).find({}).toArray(),
      );
    }

    // Two baselines, each into its own fresh database whose collections first get the same
    // secondary indexes the engine made (ensureIndex), before the clock starts: both sides
    // maintain the same indexes while writing. The headline one inserts the final documents
    // (insertMany, `bulk` per call): the cheapest way to write that end state into a fresh
    // database, which is what the engine now does on a rebuild (it holds catch-up pages in
    // memory and inserts documents the store does not have yet). The other, kept for the
    // figures before 2026-12-06, replaces them with upserts (bulkWrite of replaceOne by _id),
    // which FerretDB serves far more slowly.
    const baselineSeconds = async (
      database: string,
      write: (target: Collection<StoredDocument>, docs: StoredDocument[]) => Promise<unknown>,
    ): Promise<number> => {
      const raw = client.db(database);
      for (const collection of finals.keys()) {
        for (const index of await client.db(oursDb).collection(collection).indexes()) {
          if (index.name === '_id_') continue;
          await raw.collection(collection).createIndex(index.key, { name: index.name });
        }
      }
      const started = process.hrtime.bigint();
      for (const [collection, docs] of finals) {
        const target = raw.collection<StoredDocument>(collection);
        for (let i = 0; i < docs.length; i += bulk) await write(target, docs.slice(i, i + bulk));
      }
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    const rawSeconds = await baselineSeconds(rawDb, (target, docs) =>
      target.insertMany(docs, { ordered: true }),
    );
    const upsertSeconds = await baselineSeconds(upsertDb, (target, docs) =>
      target.bulkWrite(
        docs.map((document) => ({
          replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true },
        })),
      ),
    );

    report({
      bench: 'rebuild-mongodb',
      ours: round(events / seconds),
      baseline: round(events / rawSeconds),
      unit: 'events/s',
      size: events,
      sizeUnit: 'events',
      events,
      seconds: round(seconds, 2),
      baselineSeconds: round(rawSeconds, 2),
      baselineKind: 'insertMany of the final documents',
      upsertBaseline: round(events / upsertSeconds),
      upsertBaselineSeconds: round(upsertSeconds, 2),
      upsertRatio: round(events / seconds / (events / upsertSeconds), 3),
      ...historyFields(history),
      documents,
      bulk,
      server,
      peakRssMiB: memory.peakRssMiB,
      maxRssMiB: memory.maxRssMiB,
    });
  } finally {
    await log.close();
    await client.db(oursDb).dropDatabase();
    await client.db(rawDb).dropDatabase();
    await client.db(upsertDb).dropDatabase();
    await client.close();
  }
}

/** "FerretDB 1.24.2" or "MongoDB 8.0.4": FerretDB answers buildInfo with its own version too. */
async function serverName(client: MongoClient): Promise<string> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  const ferret = (info['ferretdbVersion'] ?? info['ferretdb']) as unknown;
  if (typeof ferret === 'string') return `FerretDB ${ferret}`;
  return `MongoDB ${String(info['version'])}`;
}

if (require.main === module) void run();
