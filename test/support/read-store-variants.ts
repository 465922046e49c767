import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';

/**
 * The read stores every read-model e2e spec runs against (issue 4: "the same read-model tests
 * run against both adapters"). `embedded` always; `mongodb` when MONGODB_URI is set (CI starts
 * FerretDB 1.24: .ci/ferretdb.sh), each app on a fresh database dropped by `dispose`. Without
 * MONGODB_URI the Mongo variant is left out and announced on stderr as SKIPPED.
 *
 * Use: `describe.each(readStoreVariants('cssq history'))('… on %s', (_name, variant) => …)`,
 * then `startTestApp(variant.env())` and `afterAll(variant.dispose)`. The skip is said on
 * stderr (Jest may swallow console output of a passing file), never reported as a pass.
 */
export interface ReadStoreVariant {
  readonly name: 'embedded' | 'mongodb';
  /** Extra environment for startTestApp: a fresh database per call for Mongo. */
  env(): Record<string, string>;
  /** Drops what env() created (Mongo databases); safe to call when nothing was created. */
  dispose(): Promise<void>;
}

const mongoUri = process.env.MONGODB_URI?.trim();

function mongoVariant(uri: string): ReadStoreVariant {
  const databases: string[] = [];
  return {
    name: 'mongodb',
    env() {
      const database = `ledger_e2e_${randomBytes(5).toString('hex')}`;
      databases.push(database);
      const url = new URL(uri);
      url.pathname = `/${database}`;
      return { READ_STORE: 'mongodb', MONGODB_URI: url.toString() };
    },
    async dispose() {
      if (databases.length === 0) return;
      const client = new MongoClient(uri);
      try {
        for (const database of databases.splice(0)) await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

const embedded: ReadStoreVariant = {
  name: 'embedded',
  env: () => ({ READ_STORE: 'embedded' }),
  dispose: () => Promise.resolve(),
};

/** [name, variant] rows for describe.each; `suite` names the spec in the skip notice. */
export function readStoreVariants(suite: string): [string, ReadStoreVariant][] {
  if (!mongoUri) {
    process.stderr.write(
      `\n[${suite}] mongodb read store SKIPPED: MONGODB_URI is not set; only the embedded ` +
        "store was exercised. Run: bash -c 'source .ci/ferretdb.sh; start_ferretdb; npx jest test'\n\n",
    );
    return [['embedded', embedded]];
  }
  return [
    ['embedded', embedded],
    ['mongodb', mongoVariant(mongoUri)],
  ];
}
