import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { AdminClient } from '../apps/ledger/src/admin-client';
import { rebuildOnline } from '../apps/ledger/src/rebuild.command';
import { createProjectorApp } from '../apps/projector/src/create-projector-app';
import { programWithProject } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

const contract = {
  customerId: 'cust-1',
  title: 'Fibre frame contract',
  value: { amount: 500_000_000, currency: 'EUR' },
  signedOn: '2026-01-15',
};

/**
 * Operating the read side (issue 4): rebuilding a read model while it serves queries, through
 * the admin routes and the `ledger` CLI's client, and the production split where apps/projector
 * writes and the api (PROJECTOR=external) only reads.
 */
describe.each(readStoreVariants('read-model operations'))(
  'Read-model operations (%s read store)',
  (_name, variant) => {
    afterAll(() => variant.dispose());

    describe('rebuild through the writer (embedded api)', () => {
      let t: TestApp;
      let admin: string;
      let pmo: string;
      let url: string;
      const http = httpClient(() => t);
      let north: { programId: string; projectId: string };

      beforeAll(async () => {
        t = await startTestApp(variant.env());
        await t.app.listen({ port: 0, host: '127.0.0.1' });
        url = await t.app.getUrl();
        admin = await t.token({ sub: 'olga', roles: ['admin'] });
        pmo = await t.token({ sub: 'pat', roles: ['pmo', 'project-manager'] });
        north = await programWithProject(http, pmo, {
          program: 'Fibre North',
          contract,
          project: 'North rollout',
        });
        await programWithProject(http, pmo, { program: 'Fibre South', contract, project: 'South' });
        const head = await t.store.headPosition();
        expect((await http.get(`/api/projects?minPosition=${head}`, pmo)).statusCode).toBe(200);
      });
      afterAll(() => t.close());

      it('lists every read model with its checkpoint, the head and its documents (admin only)', async () => {
        const head = await t.store.headPosition();
        const response = await http.get('/api/admin/read-models', admin);
        expect(response.statusCode).toBe(200);
        const items = response.json<{ items: { name: string; head: number }[] }>().items;
        expect(items.map((item) => item.name)).toContain('project-summaries');
        expect(items.find((item) => item.name === 'project-summaries')).toMatchObject({
          collection: 'project_summaries',
          head,
          documents: 2,
          rebuild: null,
        });
        expectProblem(await http.get('/api/admin/read-models', pmo), 403, 'role-required');
        expectProblem(
          await http.postAs('/api/admin/read-models/nope/rebuild', admin),
          404,
          'read-model-not-found',
        );
      });

      it('repairs a damaged read model: replays into a fresh collection and swaps it in', async () => {
        // Damage the live document the way a bug would: a wrong name the engine can never
        // overwrite (its position is beyond the log).
        const store = t.app.get<ReadStore>(READ_STORE);
        const live = await store.get<{ _id: string; position: number; name: string }>(
          'project_summaries',
          north.projectId,
        );
        await store.upsertMany('project_summaries', [
          { ...live!, name: 'CORRUPTED', position: 1_000_000 },
        ]);
        const damaged = await http.get(`/api/projects/${north.projectId}`, pmo);
        expect(damaged.json<{ name: string }>().name).toBe('CORRUPTED');

        const status = await rebuildOnline(new AdminClient(url, admin), 'project-summaries');

        const head = await t.store.headPosition();
        expect(status).toMatchObject({ state: 'swapped', position: head, documents: 2 });
        const repaired = await http.get(`/api/projects/${north.projectId}`, pmo);
        expect(repaired.statusCode).toBe(200);
        expect(repaired.json<{ name: string; position: number }>()).toMatchObject({
          name: 'North rollout',
          position: head,
        });
        const detail = await http.get('/api/admin/read-models/project-summaries', admin);
        expect(detail.json()).toMatchObject({
          checkpoint: head,
          documents: 2,
          rebuild: { state: 'swapped', requestedBy: 'olga' },
        });
      });

      it('keeps following the log after the swap', async () => {
        const created = await programWithProject(http, pmo, {
          program: 'Fibre East',
          contract,
          project: 'East rollout',
        });
        const head = await t.store.headPosition();
        const response = await http.get(
          `/api/projects/${created.projectId}?minPosition=${head}`,
          pmo,
        );
        expect(response.statusCode).toBe(200);
        expect(response.json<{ name: string }>().name).toBe('East rollout');
      });
    });

    describe('production split: apps/projector writes, the api reads (PROJECTOR=external)', () => {
      let api: TestApp;
      let projector: NestFastifyApplication | undefined;
      let pmo: string;
      const http = httpClient(() => api);
      let env: Record<string, string>;

      beforeAll(async () => {
        env = variant.env();
        api = await startTestApp({ ...env, PROJECTOR: 'external' });
        pmo = await api.token({ sub: 'pat', roles: ['pmo', 'project-manager'] });
      });
      afterAll(async () => {
        await projector?.close();
        await api.close();
      });

      it('without a projector, a read that needs a position is 503 with Retry-After', async () => {
        const { projectId } = await programWithProject(http, pmo, {
          program: 'Fibre North',
          contract,
          project: 'North rollout',
        });
        const head = await api.store.headPosition();
        const response = await http.get(
          `/api/projects/${projectId}?minPosition=${head}&waitMs=100`,
          pmo,
        );
        expectProblem(response, 503, 'read-model-behind');
        expect(response.headers['retry-after']).toBe('1');
        const health = await api.app.inject({ method: 'GET', url: '/health' });
        expect(health.json().info.readStore).toMatchObject({ status: 'up', projector: 'external' });
        expect(health.json().info.readStore).not.toHaveProperty('reactor');
      });

      it('once the projector runs, the api serves what it wrote, with read-your-writes', async () => {
        const saved = { ...process.env };
        Object.assign(process.env, {
          ...env,
          DATA_DIR: api.dataDir,
          JWT_SECRET: TEST_JWT_SECRET,
          LOG_LEVEL: 'silent',
          EVENT_STORE: 'sqlite',
        });
        try {
          projector = await createProjectorApp({ bufferLogs: false });
          await projector.init();
        } finally {
          process.env = saved;
        }

        const { projectId } = await programWithProject(http, pmo, {
          program: 'Fibre South',
          contract,
          project: 'South rollout',
        });
        const head = await api.store.headPosition();
        const response = await http.get(`/api/projects/${projectId}?minPosition=${head}`, pmo);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ name: 'South rollout', position: head });
        expect(Number(response.headers['x-read-position'])).toBeGreaterThanOrEqual(head);
        const list = await http.get(`/api/projects?minPosition=${head}`, pmo);
        expect(list.json<{ total: number }>().total).toBe(2);

        // The projector reports its own engine; the api has no query routes of its own there.
        const health = await projector.inject({ method: 'GET', url: '/health' });
        expect(health.json().info.readStore).toMatchObject({
          status: 'up',
          projector: 'live',
          reactor: { checkpoint: expect.any(Number) as number },
        });
        const noQueries = await projector.inject({
          method: 'GET',
          url: '/api/projects',
          headers: { authorization: `Bearer ${pmo}` },
        });
        expect(noQueries.statusCode).toBe(404);
      });
    });
  },
);
