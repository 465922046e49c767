import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectionEngine, READ_MODELS, type RebuildResult } from '@ledger/projections';
import { openEventStore, openReadStore, validateEnvironment } from '@ledger/runtime';
import { AdminCallError, type AdminClient, type RebuildStatus } from './admin-client';
import { ProgressBar } from './progress-bar';

const POLL_MS = 250;

/**
 * Online: asks the running writer (api in embedded mode, apps/projector in production) to
 * rebuild, and draws its progress until the fresh collection is swapped in. Queries keep being
 * answered from the live collection the whole time.
 */
export async function rebuildOnline(client: AdminClient, name: string): Promise<RebuildStatus> {
  const bar = new ProgressBar();
  let status = await client.startRebuild(name);
  process.stderr.write(`rebuilding ${name} (replay into a fresh collection, then swap)\n`);
  while (status.state === 'running') {
    bar.update({ done: status.position, total: status.head, label: status.phase });
    await sleep(POLL_MS);
    const current = (await client.get(name)).rebuild;
    if (!current) throw new AdminCallError(`the service no longer knows the rebuild of ${name}`);
    status = current;
  }
  bar.done({ done: status.position, total: status.head, label: status.phase });
  if (status.state === 'failed') {
    throw new AdminCallError(`rebuild of ${name} failed: ${status.error ?? 'unknown error'}`);
  }
  return status;
}

/**
 * Offline: for when no api or projector runs (e.g. maintenance). Opens the stores from the same
 * environment variables as the service and rebuilds in this process. Never run it next to a
 * running writer: that one would keep writing the collection being swapped (the caller checks).
 */
export async function rebuildOffline(names: readonly string[]): Promise<RebuildResult[]> {
  const env = validateEnvironment(process.env);
  const eventStore = await openEventStore(env);
  const readStore = await openReadStore(env);
  const results: RebuildResult[] = [];
  try {
    const engine = new ProjectionEngine({ eventStore, readStore, projections: READ_MODELS });
    for (const name of names) {
      const bar = new ProgressBar();
      process.stderr.write(`rebuilding ${name} offline (${env.EVENT_STORE} → ${env.READ_STORE})\n`);
      let last = { done: 0, total: 0, label: 'replaying' };
      const result = await engine.rebuild(name, ({ position, head, phase }) => {
        last = { done: position, total: head, label: phase };
        bar.update(last);
      });
      bar.done(last);
      results.push(result);
    }
  } finally {
    await Promise.all([eventStore.close(), readStore.close()]);
  }
  return results;
}
