import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { ProjectionEngine, ProjectionFailedError, type Projection } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { stopOnFailure } from './stop-on-failure';

/** Issue 13, item 1: a projection's own failure ends apps/projector with a non-zero status. */
describe('apps/projector stops with exit status 1 when a projection fails (real SQLite stores)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-projector-exit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes the app, then exits 1, on a poison event', async () => {
    const events = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    await events.append(
      'thing-1',
      [
        {
          id: randomUUID(),
          type: 'Poison',
          schemaVersion: 1,
          data: {},
          metadata: {
            effectiveAt: '2026-01-01T00:00:00.000Z',
            actor: { sub: 'test', roles: [] },
            correlationId: randomUUID(),
            causationId: randomUUID(),
            commandId: randomUUID(),
          },
        },
      ],
      'no-stream',
    );
    const strict: Projection = {
      name: 'strict',
      collection: 'strict',
      handles: ['Poison'],
      documentId: (event) => event.streamId,
      apply: () => {
        throw new Error('cannot project this event');
      },
    };
    const engine = new ProjectionEngine({
      eventStore: events,
      readStore: reads,
      projections: [strict],
    });
    const never = { failed: new Promise<Error>(() => undefined) };
    const steps: string[] = [];
    const stopped = stopOnFailure(
      [engine, never],
      async () => {
        steps.push('close');
        await engine.stop();
        await Promise.all([events.close(), reads.close()]);
      },
      (code) => steps.push(`exit ${code}`),
      (message) => steps.push(message.split('\n')[0]!),
    );
    await engine.start();

    const error = await stopped;
    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect(steps).toEqual([
      expect.stringMatching(/exit status 1.*cannot project this event/),
      'close',
      'exit 1',
    ]);
  });
});
