import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { SqliteEventStore } from '@ledger/event-store';
import { MongoReadStore, SqliteReadStore, type ReadStore } from '@ledger/read-store';
import { FerretDbProcess, ferretdbBinary } from '../support/ferretdb-process';
import { LedgerProcess, sleep } from '../support/processes';
import {
  DriveProgress,
  RELIABILITY_JWT_SECRET,
  drive,
  getJson,
  type Outcome,
} from './support/ledger-client';
import { PROFILE, TEST_DEADLINE_MS } from './support/profile';
import { reportFigures, tally } from './support/report';
import {
  cleanRebuild,
  compareDocuments,
  readModelDocuments,
  verifyLog,
  waitUntilSettled,
} from './support/verify';
import { everydayCommand, people, setUpProject, type ReadyProject } from './support/workload';

/**
 * Issue 9, "Projector crash". The production shape: the api with PROJECTOR=external (it only
 * writes the log and reads the read models) and apps/projector as its own process, the only
 * writer of the read models. While clients drive commands, the projector is SIGKILLed while it
 * is behind the log (so in the middle of its work: documents of a batch written, checkpoint not
 * yet, or half a batch) and started again, several times. Once it settles at the log's head,
 * every document of every read model equals a clean rebuild from the log (P5).
 *
 * On the embedded read store always; on MongoDB (FerretDB 1.24) when MONGODB_URI is set or the
 * FerretDB binary .ci/ferretdb.sh builds is cached (a private one is started); else that variant
 * is SKIPPED, said on stderr.
 */
interface Variant {
  /** Environment of both processes, and the read store they share, opened here. */
  readonly env: Record<string, string>;
  open(): Promise<ReadStore>;
  dispose(): Promise<void>;
}

function embedded(dataDir: string): Variant {
  return {
    env: { READ_STORE: 'embedded' },
    open: () => SqliteReadStore.open({ path: join(dataDir, 'read.sqlite') }),
    dispose: () => Promise.resolve(),
  };
}

async function mongodb(): Promise<Variant> {
  let ferret: FerretDbProcess | undefined;
  let server = process.env.MONGODB_URI?.trim();
  if (!server) {
    ferret = await FerretDbProcess.create(ferretdbBinary()!);
    await ferret.start();
    server = ferret.uri('');
  }
  const database = `ledger_reliability_${randomBytes(5).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${database}`;
  return {
    env: { READ_STORE: 'mongodb', MONGODB_URI: url.toString() },
    open: () => MongoReadStore.connect({ uri: server, database }),
    async dispose() {
      if (ferret) return ferret.dispose();
      const client = new MongoClient(server);
      try {
        await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

const mongoAvailable = Boolean(process.env.MONGODB_URI?.trim() || ferretdbBinary());
if (!mongoAvailable) {
  process.stderr.write(
    '\n[projector crash] mongodb read store SKIPPED: MONGODB_URI is not set and no FerretDB ' +
      'binary is cached (source .ci/ferretdb.sh; build_ferretdb). Only the embedded store was ' +
      'exercised.\n\n',
  );
}
const variants: Array<[string, (dataDir: string) => Promise<Variant>]> = [
  ['embedded', (dataDir) => Promise.resolve(embedded(dataDir))],
  ...(mongoAvailable
    ? [['mongodb (FerretDB)', () => mongodb()] as [string, (dataDir: string) => Promise<Variant>]]
    : []),
];

interface Status {
  readonly items: Array<{ readonly checkpoint: number; readonly head: number }>;
}

describe.each(variants)('Projector crash on the %s read store', (name, makeVariant) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-projector-crash-'));
  let variant: Variant | undefined;
  let api: LedgerProcess | undefined;
  let projector: LedgerProcess | undefined;

  afterAll(async () => {
    await projector?.kill();
    await api?.kill();
    await variant?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `SIGKILLed ${PROFILE.projector.kills} times mid-work while commands flow: read models equal a clean rebuild`,
    async () => {
      const { projector: profile } = PROFILE;
      variant = await makeVariant(dataDir);
      const env = { DATA_DIR: dataDir, JWT_SECRET: RELIABILITY_JWT_SECRET, ...variant.env };
      api = await LedgerProcess.create({ app: 'api', env: { ...env, PROJECTOR: 'external' } });
      projector = await LedgerProcess.create({ app: 'projector', env });
      await api.start();
      await projector.start();
      const who = await people();
      const admin = who.pat.token;

      const setUp: Outcome[] = [];
      const projects: ReadyProject[] = [];
      for (let p = 0; p < profile.projects; p += 1) {
        projects.push(await setUpProject(api.url, who, `Projector ${p}`, setUp));
      }
      // Commands keep flowing until the last kill is done (and at least `profile.commands`).
      let chaosDone = false;
      const command = (i: number) =>
        (i < profile.commands || !chaosDone) && i < profile.commands * 50
          ? everydayCommand(i, projects[i % projects.length]!, who)
          : undefined;
      const progress = new DriveProgress();
      const kills: number[] = [];
      let loadDone = false;
      const load = drive(
        { base: api.url, commands: command, clients: profile.clients },
        progress,
      ).finally(() => {
        loadDone = true;
      });
      const chaos = (async () => {
        const spacing = Math.floor(profile.commands / (profile.kills + 1));
        for (let k = 1; k <= profile.kills; k += 1) {
          const at = progress.answered + spacing;
          while (progress.answered < at && !loadDone) await sleep(5);
          // Kill it while it has work: some read model behind the head (bounded wait).
          let behind = 0;
          for (let look = 0; look < 200 && behind === 0; look += 1) {
            const { items } = await getJson<Status>(projector.url, '/api/admin/read-models', admin);
            behind = Math.max(...items.map((item) => item.head - item.checkpoint));
            if (behind === 0) await sleep(10);
          }
          await projector.kill();
          kills.push(behind);
          await projector.start();
        }
        chaosDone = true;
      })();
      const [outcomes] = await Promise.all([load, chaos]);

      await waitUntilSettled(projector.url, admin);
      await projector.stop();
      await api.stop();

      const events = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
      const served = await variant.open();
      try {
        const log = await verifyLog(events, [...setUp, ...outcomes]);
        const documents = compareDocuments(
          await readModelDocuments(served),
          await cleanRebuild(events),
        );
        reportFigures(`projector-crash-${name.split(' ')[0]!}`, {
          profile: PROFILE.name,
          commands: setUp.length + outcomes.length,
          byStatus: tally(outcomes),
          kills: kills.length,
          eventsBehindAtKills: kills,
          events: log.events,
          lost: log.lost.length,
          duplicates: log.duplicates.length,
          documentsCompared: documents.documents,
          documentsDiffering: documents.differing.length,
        });
        expect(kills).toHaveLength(profile.kills);
        expect(kills.some((behind) => behind > 0)).toBe(true);
        expect(tally(outcomes)).toEqual({ '2xx': outcomes.length });
        expect(outcomes.length).toBeGreaterThanOrEqual(profile.commands);
        expect(log.lost).toEqual([]);
        expect(log.duplicates).toEqual([]);
        expect(log.brokenChains).toEqual([]);
        expect(documents.documents).toBeGreaterThan(profile.projects);
        expect(documents.differing).toEqual([]);
      } finally {
        await served.close();
        await events.close();
      }
    },
    TEST_DEADLINE_MS,
  );
});
