import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartedTestContainer } from 'testcontainers';
import { ProjectionEngine, type EngineDegradation, type Projection } from '@ledger/projections';
import { SqliteReadStore, type ReadDocument } from '@ledger/read-store';
import type { ProposedEvent } from '../event-envelope';
import { KurrentDbEventStore } from './kurrentdb.event-store';
import { connectionStringOf, serverSource, startKurrentDb } from './kurrentdb.spec-fixtures';

/**
 * Issue 13, item 1, against a real KurrentDB: the server restarts while the projection engine (as
 * apps/projector runs it) follows $all live through the adapter's subscribeToAll. The
 * subscription fails; the engine reports `retrying`, resubscribes from its checkpoint with
 * backoff, and the events appended after the restart reach the projection exactly once, in
 * order, after the ones from before. The restart needs a server this test owns: a container
 * (Docker). With only KURRENTDB_URL the server cannot be restarted from here, so the case is
 * skipped, saying why; with neither, it is skipped too. Never reported as passed when skipped.
 */
const source = serverSource();
const skipReason =
  source.kind === 'none'
    ? `${source.reason}: no KurrentDB server to restart`
    : source.kind === 'url'
      ? 'only KURRENTDB_URL is set: a test cannot restart a server it did not start ' +
        '(run where Docker answers)'
      : undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Deliveries extends ReadDocument {
  readonly ids: readonly string[];
}

function delivered(id: string): ProposedEvent {
  return {
    id,
    type: 'RestartProbeDelivered',
    schemaVersion: 1,
    data: {},
    metadata: {
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'kurrentdb-restart-test', roles: [] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
    },
  };
}

if (skipReason) {
  // Straight to stderr: Jest drops console output of a file whose tests are all skipped when it
  // runs several files, and this line must be seen.
  process.stderr.write(
    `\n[kurrentdb restart] SKIPPED: ${skipReason}; the resubscribe after a KurrentDB restart ` +
      'was NOT exercised against a real server.\n\n',
  );
}

(skipReason ? describe.skip : describe)(
  `KurrentDB restart under a live subscription${skipReason ? ` SKIPPED (${skipReason})` : ''}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-kurrentdb-restart-'));
    let container: StartedTestContainer | undefined;
    let store: KurrentDbEventStore | undefined;
    let reads: SqliteReadStore | undefined;
    let engine: ProjectionEngine | undefined;

    afterAll(async () => {
      await engine?.stop();
      await store?.close();
      await reads?.close();
      await container?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the engine resubscribes from its checkpoint: events appended after the restart arrive once, in order', async () => {
      if (source.kind !== 'docker') throw new Error('unreachable: skipped above');
      // On disk (a restart keeps the log) and on a fixed host port (the client reconnects to
      // the address it was given).
      container = await startKurrentDb(source.image, { onDisk: true, hostPort: await freePort() });
      store = KurrentDbEventStore.connect(connectionStringOf(container));
      await store.ping();
      reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });

      const streamId = `restartprobe-${randomUUID()}`;
      const seen: string[] = [];
      const projection: Projection<Deliveries> = {
        name: 'restart-probe',
        collection: 'restart_probe',
        handles: ['RestartProbeDelivered'],
        documentId: (event) => event.streamId,
        apply: (document, event) => {
          // Observed here, not only in the document: a redelivery the position guard hid
          // would still show up as a second call.
          seen.push(event.id);
          return {
            _id: event.streamId,
            position: event.position,
            ids: [...(document?.ids ?? []), event.id],
          };
        },
      };
      const retries: EngineDegradation[] = [];
      engine = new ProjectionEngine({
        eventStore: store,
        readStore: reads,
        projections: [projection],
        retry: { initialMs: 200, maxMs: 2000 },
        onRetry: (degraded) => retries.push(degraded),
      });

      const before = [randomUUID(), randomUUID(), randomUUID()];
      const first = await store.append(streamId, before.map(delivered), 'no-stream');
      await engine.start();
      await engine.waitForPosition(first.position, 30_000);
      expect(engine.state).toBe('live');
      expect(seen).toEqual(before);

      await container.restart();

      // One append per event, each retried with the same ids until the restarted server takes
      // it (an exact retry returns the first result: nothing is written twice).
      const after = [randomUUID(), randomUUID(), randomUUID()];
      let revision = first.nextExpectedRevision;
      let head = first.position;
      for (const id of after) {
        const deadline = Date.now() + 120_000;
        for (;;) {
          try {
            const result = await store.append(streamId, [delivered(id)], revision);
            revision = result.nextExpectedRevision;
            head = result.position;
            break;
          } catch (error) {
            if (Date.now() > deadline) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      }

      await engine.waitForPosition(head, 120_000);
      expect(retries.length).toBeGreaterThan(0);
      expect(retries[0]!.reason).toEqual(expect.any(String));
      expect(seen).toEqual([...before, ...after]);
      const document = await reads.get<Deliveries>('restart_probe', streamId);
      expect(document?.ids).toEqual([...before, ...after]);
      expect(engine.state).toBe('live');
      expect(engine.degraded).toBeUndefined();
    }, 600_000);
  },
);
