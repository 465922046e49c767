/**
 * The API as `npm start` runs it (embedded stores, in-process projector), for projector-lag:
 * for every command answered 201 it notes when the answer left and when the projection engine
 * had written every read model up to the command's position (`waitForPosition`, the same wait
 * a query's minPosition uses), and reports those lags to the parent over IPC when asked.
 * Measured here rather than by polling queries, which would add their own load and latency.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '@ledger/api';
import { ProjectionEngine } from '@ledger/projections';

/** A command answered with this much lag is counted as not applied (the bench fails on it). */
const WAIT_MS = 30_000;

interface LagReport {
  readonly lagsMs: number[];
  readonly notApplied: number;
}

function positionOf(payload: unknown): number | undefined {
  if (typeof payload !== 'string') return undefined;
  const parsed: unknown = JSON.parse(payload);
  if (typeof parsed !== 'object' || parsed === null || !('position' in parsed)) return undefined;
  return typeof parsed.position === 'number' ? parsed.position : undefined;
}

async function serve(): Promise<void> {
  const app = await createApp();
  const engine = app.get(ProjectionEngine);
  const fastify = app.getHttpAdapter().getInstance();
  const lagsMs: number[] = [];
  let notApplied = 0;
  const pending = new Set<Promise<void>>();

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || reply.statusCode !== 201) return payload;
    const position = positionOf(payload);
    if (position === undefined) return payload;
    const answeredAt = performance.now();
    const applied = engine.waitForPosition(position, WAIT_MS).then(
      () => {
        lagsMs.push(performance.now() - answeredAt);
      },
      () => {
        notApplied += 1;
      },
    );
    pending.add(applied);
    void applied.finally(() => pending.delete(applied));
    return payload;
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = fastify.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'report') return;
    void Promise.all(pending).then(() => {
      const report: LagReport = { lagsMs, notApplied };
      process.send?.({ type: 'lags', ...report });
    });
  });
  process.send?.({ type: 'port', port: address.port });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
}

void serve();
