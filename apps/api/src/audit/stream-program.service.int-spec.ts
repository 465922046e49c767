import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGGREGATES } from '@ledger/domain';
import { SqliteEventStore, type ProposedEvent } from '@ledger/event-store';
import { ProgramScope, type Principal } from '@ledger/runtime';
import { StreamProgram } from './stream-program.service';

/**
 * StreamProgram over a real SQLite log: the program a stream belongs to is read from its first
 * event once, then served from ProgramScope's cache (the first event never changes).
 */
describe('StreamProgram (real SQLite file)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let streams: StreamProgram;

  const auditor: Principal = { sub: 'auditor-1', roles: ['auditor'], programs: ['prog-1'] };
  const outsider: Principal = { sub: 'auditor-2', roles: ['auditor'], programs: ['prog-2'] };
  const created = (id: string, type: string, data: ProposedEvent['data']): ProposedEvent => ({
    id,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      effectiveAt: '2026-03-01T00:00:00.000Z',
      actor: { sub: 'pm-1', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: id,
    },
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-stream-program-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await store.append(
      'project-p1',
      [created('00000000-0000-4000-8000-000000000001', 'ProjectCreated', { programId: 'prog-1' })],
      'no-stream',
    );
    await store.append(
      'risk-r1',
      [created('00000000-0000-4000-8000-000000000002', 'RiskRaised', { projectId: 'p1' })],
      'no-stream',
    );
    streams = new StreamProgram(new ProgramScope(store));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a stream's first event once, then answers from the cache", async () => {
    const reads = jest.spyOn(store, 'readStream');
    await streams.assertReadable(auditor, 'risk-r1');
    const readsOfTheFirstCall = reads.mock.calls.length;
    expect(reads.mock.calls.map(([streamId]) => streamId).sort()).toEqual([
      'project-p1',
      'risk-r1',
    ]);

    await streams.assertReadable(auditor, 'risk-r1');
    await streams.assertReadable(auditor, 'project-p1');
    await expect(streams.assertReadable(outsider, 'risk-r1')).rejects.toMatchObject({
      code: 'program-not-in-claim',
    });
    expect(reads.mock.calls.length).toBe(readsOfTheFirstCall);
  });

  it('does not cache an empty stream: it is found once it is created', async () => {
    await expect(streams.assertReadable(auditor, 'project-p2')).rejects.toMatchObject({
      code: 'stream-not-found',
    });
    await store.append(
      'project-p2',
      [created('00000000-0000-4000-8000-000000000003', 'ProjectCreated', { programId: 'prog-1' })],
      'no-stream',
    );
    await expect(streams.assertReadable(auditor, 'project-p2')).resolves.toBeUndefined();
  });

  it('refuses an unknown category as not found without reading the store', async () => {
    const reads = jest.spyOn(store, 'readStream');
    await expect(streams.assertReadable(auditor, 'ledger.checkpoints-1')).rejects.toMatchObject({
      code: 'stream-not-found',
    });
    expect(reads).not.toHaveBeenCalled();
  });

  it("addresses every aggregate's streams but webhook subscriptions' (read, then 404 when empty)", async () => {
    const reads = jest.spyOn(store, 'readStream');
    const addressed: string[] = [];
    for (const aggregate of AGGREGATES) {
      const streamId = aggregate.streamId('absent');
      reads.mockClear();
      await expect(streams.assertReadable(auditor, streamId)).rejects.toMatchObject({
        code: 'stream-not-found',
      });
      if (reads.mock.calls.length > 0) addressed.push(aggregate.name);
    }
    expect(addressed).toEqual(
      AGGREGATES.map(({ name }) => name).filter((name) => name !== 'webhook-subscription'),
    );
  });
});
