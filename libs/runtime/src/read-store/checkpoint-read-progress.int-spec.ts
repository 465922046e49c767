import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PositionWaitTimeoutError } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { CheckpointReadProgress } from './read-progress';

/**
 * PROJECTOR=external: the api learns how far the projector got from the checkpoints in the read
 * store. When that store is away, a read-your-writes wait is "not applied yet" (503
 * read-model-behind once the wait is over), not the store's error (a 500). Issue 13.
 */
describe('CheckpointReadProgress (real embedded read store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-checkpoint-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits on the saved checkpoint, and times out (not fails) while the store is away', async () => {
    const store = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    const progress = new CheckpointReadProgress(store);
    await store.saveCheckpoint('projects', 5);
    await expect(progress.waitFor('projects', 5, 100)).resolves.toBeUndefined();
    const later = progress.waitFor('projects', 7, 2000);
    await store.saveCheckpoint('projects', 7);
    await expect(later).resolves.toBeUndefined();

    await store.close();
    await expect(store.getCheckpoint('projects')).rejects.toThrow();
    const waiting = progress.waitFor('projects', 9, 100);
    await expect(waiting).rejects.toBeInstanceOf(PositionWaitTimeoutError);
    await expect(waiting).rejects.toMatchObject({ position: 9 });
  });
});
