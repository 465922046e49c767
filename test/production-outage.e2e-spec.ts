import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import { READ_STORE, type ReadDocument, type ReadStore } from '@ledger/read-store';
import { eventually } from './support/eventually';
import { FerretDbProcess, ferretdbBinary } from './support/ferretdb-process';
import { programWithProject } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 13, "How it is proved here": the api with READ_STORE=mongodb and the in-process
 * projector, over a private FerretDB (a real MongoDB-wire server) that is SIGKILLed and kept
 * down for longer than the driver's server-selection timeout while commands keep coming (they
 * succeed: the log is SQLite). /health says `degraded` meanwhile; FerretDB starts again on the
 * same data, and with no manual action the read models catch up (a query with the last
 * command's minPosition answers 200), equal a clean rebuild, and /health says `ok`.
 */
const binary = ferretdbBinary();
const SELECTION_TIMEOUT_MS = 1000;

const contract = {
  customerId: 'cust-1',
  title: 'Fibre frame contract',
  value: { amount: 500_000_000, currency: 'EUR' },
  signedOn: '2026-01-15',
};

if (!binary) {
  process.stderr.write(
    '\n[production outage] SKIPPED: no FerretDB binary in ~/.cache/delivery-ledger ' +
      '(build it with: source .ci/ferretdb.sh; build_ferretdb); the outage was NOT exercised.\n\n',
  );
}

(binary ? describe : describe.skip)(
  'The api survives a MongoDB (FerretDB) outage: degraded, then caught up with no manual action',
  () => {
    let ferret: FerretDbProcess;
    let t: TestApp;
    let pmo: string;
    const http = httpClient(() => t);

    beforeAll(async () => {
      ferret = await FerretDbProcess.create(binary!);
      await ferret.start();
      t = await startTestApp({
        READ_STORE: 'mongodb',
        MONGODB_URI: ferret.uri('ledger_outage'),
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: String(SELECTION_TIMEOUT_MS),
      });
      pmo = await t.token({ sub: 'pat', roles: ['pmo', 'project-manager'] });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await ferret?.dispose();
    });

    const health = async (): Promise<{ status: string; body: Record<string, unknown> }> => {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      const body = response.json<Record<string, unknown>>();
      return { status: String(body.status), body };
    };

    it('kill -9 FerretDB under load, keep it down, start it again: read models catch up and equal a rebuild', async () => {
      const before = await programWithProject(http, pmo, {
        program: 'Fibre North',
        contract,
        project: 'North rollout',
      });
      let head = await t.store.headPosition();
      expect((await http.get(`/api/projects?minPosition=${head}`, pmo)).statusCode).toBe(200);
      expect((await health()).status).toBe('ok');

      await ferret.kill();
      // Commands during the outage succeed: the log is SQLite, only the read side is away.
      const during: { projectId: string }[] = [];
      for (const name of ['Fibre South', 'Fibre East']) {
        during.push(
          await programWithProject(http, pmo, { program: name, contract, project: name }),
        );
      }
      head = await t.store.headPosition();
      // Down for longer than the driver's server-selection timeout, with the engine retrying.
      await new Promise((resolve) => setTimeout(resolve, SELECTION_TIMEOUT_MS * 3));
      const degraded = await eventually('health degraded', async () => {
        const report = await health();
        return report.status === 'degraded' ? report.body : undefined;
      });
      expect(degraded).toMatchObject({
        degraded: { readStore: { status: 'degraded', message: expect.any(String) as string } },
      });
      const behind = await http.get(
        `/api/projects/${during[1]!.projectId}?minPosition=${head}&waitMs=200`,
        pmo,
      );
      expect(behind.statusCode).toBe(503);
      // Without minPosition the query reads the store itself: 503 with Retry-After, never a 500.
      const unavailable = await http.get(`/api/projects/${before.projectId}`, pmo);
      expectProblem(unavailable, 503, 'read-store-unavailable');
      expect(unavailable.headers['retry-after']).toBe('5');

      await ferret.start();
      // No manual action: the same query is answered once the engine has resumed.
      const caughtUp = await eventually('read model caught up', async () => {
        const response = await http.get(
          `/api/projects/${during[1]!.projectId}?minPosition=${head}&waitMs=1000`,
          pmo,
        );
        return response.statusCode === 200 ? response : undefined;
      });
      expect(caughtUp.json()).toMatchObject({ name: 'Fibre East' });
      const list = await http.get(`/api/projects?minPosition=${head}`, pmo);
      expect(list.json<{ total: number }>().total).toBe(3);
      expect(
        (await http.get(`/api/projects/${before.projectId}?minPosition=${head}`, pmo)).statusCode,
      ).toBe(200);
      await eventually('health ok', async () =>
        (await health()).status === 'ok' ? true : undefined,
      );

      // Equal a clean rebuild: every read model replayed from 0 into a fresh collection.
      const readStore = t.app.get<ReadStore>(READ_STORE);
      const engine = t.app.get(ProjectionEngine);
      for (const projection of READ_MODELS) {
        const sorted = (documents: ReadDocument[]): ReadDocument[] =>
          [...documents].sort((a, b) => a._id.localeCompare(b._id));
        const live = sorted(await readStore.find(projection.collection));
        await engine.rebuild(projection.name);
        const rebuilt = sorted(await readStore.find(projection.collection));
        expect({ [projection.name]: live }).toEqual({ [projection.name]: rebuilt });
      }
      expect((await health()).status).toBe('ok');
    }, 120_000);
  },
);
