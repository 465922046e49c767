import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { MongoReadStore } from '@ledger/read-store';
import { eventually } from './support/eventually';
import { FerretDbProcess, ferretdbBinary } from './support/ferretdb-process';
import { LedgerProcess, sleep } from './support/processes';
import {
  RELIABILITY_JWT_SECRET,
  acknowledgementOf,
  type Outcome,
} from './reliability/support/ledger-client';
import {
  cleanRebuild,
  compareDocuments,
  readModelDocuments,
  verifyLog,
  waitUntilSettled,
} from './reliability/support/verify';
import { people, setUpProject, type People } from './reliability/support/workload';

/**
 * Issue 13, "How it is proved here", in the production shape: the built api with
 * PROJECTOR=external (it writes the SQLite log and reads the read models) and apps/projector as
 * its own process (the only writer of the read models), both on READ_STORE=mongodb over a private
 * FerretDB (a real MongoDB-wire server). FerretDB is SIGKILLed and kept down for longer than the
 * driver's server-selection timeout while commands keep coming (they succeed: the log is SQLite).
 * Meanwhile the projector's /health says `degraded` with the reason, and the api answers a query
 * whose minPosition is past what is applied with 503 (read-model-behind), not a 500. FerretDB
 * starts again on the same data; with no manual action the projector catches up (the query with
 * the last minPosition answers 200), /health says `ok`, every read-model document equals a clean
 * rebuild from the log, and the projector process never exited (started once, still running).
 * The in-process variant is production-outage.e2e-spec.ts.
 */
const binary = ferretdbBinary();
const SELECTION_TIMEOUT_MS = 1000;
/** Down this long: several server-selection timeouts, so every store call in flight fails. */
const OUTAGE_MS = SELECTION_TIMEOUT_MS * 4;
const DATABASE = 'ledger_outage_external';

if (!binary) {
  process.stderr.write(
    '\n[production outage, external projector] SKIPPED: no FerretDB binary in ' +
      '~/.cache/delivery-ledger (build it with: source .ci/ferretdb.sh; build_ferretdb); the ' +
      'outage was NOT exercised.\n\n',
  );
}

interface Health {
  readonly status: string;
  readonly body: Record<string, unknown>;
}

async function health(process: LedgerProcess): Promise<Health> {
  const response = await fetch(`${process.url}/health`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: String(body.status), body };
}

async function query(
  api: LedgerProcess,
  path: string,
  token: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${api.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

(binary ? describe : describe.skip)(
  'api + apps/projector as processes survive a MongoDB (FerretDB) outage: degraded, then caught up',
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-outage-external-'));
    let ferret: FerretDbProcess | undefined;
    let api: LedgerProcess | undefined;
    let projector: LedgerProcess | undefined;

    afterAll(async () => {
      await projector?.kill();
      await api?.kill();
      await ferret?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('kill -9 FerretDB, commands meanwhile, start it again: the projector resumes by itself and equals a rebuild', async () => {
      ferret = await FerretDbProcess.create(binary!);
      await ferret.start();
      const env = {
        DATA_DIR: dataDir,
        JWT_SECRET: RELIABILITY_JWT_SECRET,
        READ_STORE: 'mongodb',
        MONGODB_URI: ferret.uri(DATABASE),
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: String(SELECTION_TIMEOUT_MS),
      };
      api = await LedgerProcess.create({ app: 'api', env: { ...env, PROJECTOR: 'external' } });
      projector = await LedgerProcess.create({ app: 'projector', env });
      await api.start();
      await projector.start();
      const who: People = await people();
      const token = who.pat.token;
      const outcomes: Outcome[] = [];
      const lastPosition = (): number =>
        Math.max(...outcomes.map((outcome) => acknowledgementOf(outcome).position));

      const before = await setUpProject(api.url, who, 'Before the outage', outcomes);
      const settledBefore = await waitUntilSettled(projector.url, token);
      expect(settledBefore).toBeGreaterThanOrEqual(lastPosition());
      expect(
        (await query(api, `/api/projects/${before.projectId}?minPosition=${lastPosition()}`, token))
          .status,
      ).toBe(200);
      expect((await health(projector)).status).toBe('ok');

      await ferret.kill();
      const downSince = Date.now();
      // Commands during the outage succeed: the log is SQLite, only the read side is away.
      const during = await setUpProject(api.url, who, 'During the outage', outcomes);
      const head = lastPosition();
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));

      const degraded = await eventually('projector /health degraded', async () => {
        const report = await health(projector!);
        return report.status === 'degraded' ? report.body : undefined;
      });
      expect(degraded).toMatchObject({
        degraded: { readStore: { status: 'degraded', message: expect.any(String) as string } },
      });
      const behind = await query(
        api,
        `/api/projects/${during.projectId}?minPosition=${head}&waitMs=200`,
        token,
      );
      expect({ status: behind.status, type: behind.body.type }).toEqual({
        status: 503,
        type: expect.stringContaining('read-model-behind') as string,
      });
      expect(Date.now() - downSince).toBeGreaterThan(SELECTION_TIMEOUT_MS);

      await ferret.start();
      // No manual action: the same query is answered once the projector has resumed.
      const caughtUp = await eventually(
        'read model caught up',
        async () => {
          const response = await query(
            api!,
            `/api/projects/${during.projectId}?minPosition=${head}&waitMs=1000`,
            token,
          );
          return response.status === 200 ? response : undefined;
        },
        60_000,
      );
      expect(caughtUp.body).toMatchObject({ name: 'During the outage' });
      await eventually(
        'projector /health ok',
        async () => ((await health(projector!)).status === 'ok' ? true : undefined),
        60_000,
      );
      await eventually('api /health ok', async () =>
        (await health(api!)).status === 'ok' ? true : undefined,
      );
      await waitUntilSettled(projector.url, token);
      // The projector waited the outage out: the process it was started as is still the one.
      expect({ running: projector.running, starts: projector.starts }).toEqual({
        running: true,
        starts: 1,
      });

      await projector.stop();
      await api.stop();
      const events = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
      const served = await MongoReadStore.connect({ uri: ferret.uri(''), database: DATABASE });
      try {
        const log = await verifyLog(events, outcomes);
        expect(log.lost).toEqual([]);
        expect(log.duplicates).toEqual([]);
        const documents = compareDocuments(
          await readModelDocuments(served),
          await cleanRebuild(events),
        );
        expect(documents.documents).toBeGreaterThan(2);
        expect(documents.differing).toEqual([]);
      } finally {
        await served.close();
        await events.close();
      }
    }, 240_000);
  },
);
