/**
 * The API as served, in its own process for http-commands and query-project-list: the load
 * generator must not share the server's event loop, or it measures itself. Adds no-op routes on
 * Fastify (the baselines: POST for commands, GET for queries), the api's framework floor routes
 * (FrameworkFloorModule: our request pipeline with the work left out) and tells the parent its
 * port over IPC.
 */
import { createApp, FrameworkFloorModule } from '@ledger/api';
import { LOG_CHECKPOINTER, type RunningLogCheckpointer } from '@ledger/runtime';

async function serve(): Promise<void> {
  const app = await createApp({ harnessModules: [FrameworkFloorModule] });
  // bench/checkpoint-cost: the same server with the signed-checkpoint writer off.
  if (process.env.BENCH_CHECKPOINTS === 'off')
    await app.get<symbol, RunningLogCheckpointer>(LOG_CHECKPOINTER, { strict: false }).stop();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.post('/bench/noop', async (_request, reply) =>
    reply.code(201).send({ id: 'x', streamId: 'program-x', revision: 0, position: 0 }),
  );
  fastify.get('/bench/noop', async (_request, reply) =>
    reply.code(200).send({ items: [], total: 0, position: 0 }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = fastify.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.send?.({ port: address.port });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
}

void serve();
