import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCheckpointStoreContract } from '../contract/checkpoint-store.contract';
import { SqliteCheckpointStore } from './sqlite.checkpoint-store';

/** The checkpoint port's contract on the embedded default: the log's own events.sqlite file. */
describeCheckpointStoreContract(
  'sqlite (a real file)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-contract-'));
    const path = join(dir, 'events.sqlite');
    const store = await SqliteCheckpointStore.open({ path });
    return {
      store,
      reopen: () => SqliteCheckpointStore.open({ path }),
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { keepsSmallerThanNewest: true },
);
