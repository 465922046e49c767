import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proposed } from '../contract/contract-fixtures';
import type { ProposedEvent } from '../event-envelope';
import { SqliteEventStore } from './sqlite.event-store';

const PAGE_BYTES = 4096;
/** A body of ~100 KB: about 25 overflow pages, so a few appends write thousands of WAL pages. */
const LARGE_TEXT = 'x'.repeat(100_000);

function largeEvents(count: number): ProposedEvent[] {
  return Array.from({ length: count }, () => proposed('LargeNoted', { text: LARGE_TEXT }));
}

/**
 * The store checkpoints its WAL every 10,000 pages, not at SQLite's default of 1,000 (why: in
 * sqlite.event-store.ts). Observable as the WAL file's size: a checkpoint lets the next commit
 * write the WAL again from its start, so at the default the file never grows much past 1,000
 * pages, and here it holds every page written since the store opened until 10,000.
 */
describe('SqliteEventStore WAL checkpoints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-wal-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps appending to the WAL past 1,000 pages instead of copying it back at each checkpoint', async () => {
    const path = join(dir, 'events.sqlite');
    const store = await SqliteEventStore.open({ path });
    try {
      // 12 appends of 10 events of ~100 KB: ~3,000 pages, each append committed on its own.
      for (let append = 0; append < 12; append++) {
        await store.append(`large-${append}`, largeEvents(10), 'no-stream');
      }
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(2_500 * PAGE_BYTES);
      expect(await store.readStream('large-11')).toHaveLength(10);
    } finally {
      await store.close();
    }
  });
});
