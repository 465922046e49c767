import { READ_STORE, type ReadDocument, type ReadStore } from '@ledger/read-store';
import type { ScenarioWorld } from './support';

export function rebuild(w: ScenarioWorld): void {
  const { tokens, http, read, everyReadModelQuery } = w;

  it('14. every read model rebuilt from the log (admin routes) holds the very same documents and gives the very same answers', async () => {
    const head = await w.t.store.headPosition();
    const readStore = w.t.app.get<ReadStore>(READ_STORE);
    interface Status {
      name: string;
      collection: string;
      checkpoint: number;
      head: number;
      documents: number;
      rebuild: { state: string; position: number; documents: number | null } | null;
    }
    const listed = await http.get('/api/admin/read-models', tokens.olga);
    expect(listed.statusCode).toBe(200);
    const models = listed.json<{ items: Status[] }>().items;
    expect(models.map(({ name }) => name)).toEqual([
      'project-summaries',
      'portfolio-programs',
      'cssq-history',
      'contract-compliance',
      'risk-register',
      'handover-readiness',
      'acceptance-tracker',
      'complaint-log',
      'capa-log',
      'safety-register',
      'decision-register',
    ]);
    // Every one has applied the whole log.
    expect(models.map(({ name, checkpoint }) => ({ name, checkpoint }))).toEqual(
      models.map(({ name }) => ({ name, checkpoint: head })),
    );

    const documentsOf = (collection: string) => readStore.find<ReadDocument>(collection);
    const documents = new Map<string, ReadDocument[]>();
    for (const { name, collection, documents: count } of models) {
      const stored = await documentsOf(collection);
      expect({ name, count: stored.length }).toEqual({ name, count });
      documents.set(name, stored);
    }
    const answers = [];
    for (const query of everyReadModelQuery()) answers.push({ query, body: await read(query) });

    for (const { name } of models) {
      const started = await http.postAs(`/api/admin/read-models/${name}/rebuild`, tokens.olga);
      expect({ name, status: started.statusCode }).toEqual({ name, status: 202 });
      expect(started.json()).toMatchObject({
        readModel: name,
        state: 'running',
        requestedBy: 'olga',
      });
      let status: Status;
      const deadline = Date.now() + 20_000;
      do {
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = (await http.get(`/api/admin/read-models/${name}`, tokens.olga)).json<Status>();
      } while (status.rebuild?.state === 'running' && Date.now() < deadline);
      const count = documents.get(name)!.length;
      expect(status).toMatchObject({
        name,
        checkpoint: head,
        head,
        documents: count,
        rebuild: { state: 'swapped', position: head, documents: count },
      });
    }

    for (const { name, collection } of models) {
      expect({ name, documents: await documentsOf(collection) }).toEqual({
        name,
        documents: documents.get(name),
      });
    }
    for (const { query, body } of answers) {
      expect({ query, body: await read(query) }).toEqual({ query, body });
    }
    // Reading and rebuilding appended nothing.
    expect(await w.t.store.headPosition()).toBe(head);
  });
}
