import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WalCheckpointThread } from './wal-checkpoint-thread';

/**
 * A writer that never checkpoints itself (wal_autocheckpoint = 0) leaves every page it writes in
 * the WAL: the database file stays at the size it had. With the thread, its pages reach the file
 * without the writer doing anything, and the writer's own reads and writes go on meanwhile.
 */
describe('WalCheckpointThread (real SQLite files, a real worker thread)', () => {
  let dir: string;
  let writer: Database.Database;
  const file = () => join(dir, 'data.sqlite');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpoints-'));
    writer = new Database(file());
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = FULL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  });
  afterEach(() => {
    if (writer.open) writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** ~2 MB of rows in 20 commits: ~500 pages, all in the WAL. */
  const writeRows = (from: number) => {
    const insert = writer.prepare('INSERT INTO rows (id, body) VALUES (?, ?)');
    for (let commit = 0; commit < 20; commit++) {
      writer.transaction(() => {
        for (let row = 0; row < 25; row++) insert.run(from + commit * 25 + row, 'x'.repeat(4000));
      })();
    }
  };
  const until = async (condition: () => boolean, what: string) => {
    for (const started = Date.now(); !condition();) {
      if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('without it, the pages stay in the WAL (what the thread is measured against)', async () => {
    const before = statSync(file()).size;
    writeRows(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statSync(file()).size).toBe(before);
    expect(statSync(`${file()}-wal`).size).toBeGreaterThan(2_000_000);
  });

  it('copies the committed pages into the database file from its own thread, while the writer goes on', async () => {
    const thread = new WalCheckpointThread({ files: [file()], intervalMs: 50 });
    await thread.start();
    try {
      const before = statSync(file()).size;
      writeRows(0);
      // The file grows while the thread's checkpoint runs; the thread tells of it after.
      await until(
        () =>
          statSync(file()).size > before + 2_000_000 &&
          (thread.stats().checkpoints[file()] ?? 0) >= 1,
        'the pages in the file, and the thread telling of it',
      );
      // The writer was never blocked: it writes and reads on after the thread's checkpoints.
      writeRows(10_000);
      expect(writer.prepare('SELECT COUNT(*) AS n FROM rows').get()).toEqual({ n: 1000 });
      await until(() => statSync(file()).size > before + 4_000_000, 'the second pages');
      expect(thread.stats().failures).toBe(0);
    } finally {
      await thread.stop();
    }
  });

  it('checkpoints what is left when stopped, and a reopened file holds every committed row', async () => {
    const thread = new WalCheckpointThread({ files: [file()], intervalMs: 60_000 });
    await thread.start();
    writeRows(0);
    const before = statSync(file()).size;
    await thread.stop();
    expect(statSync(file()).size).toBeGreaterThan(before + 2_000_000);
    writer.close();
    const reopened = new Database(file(), { readonly: true });
    try {
      expect(reopened.prepare('SELECT COUNT(*) AS n FROM rows').get()).toEqual({ n: 500 });
    } finally {
      reopened.close();
    }
  });

  it('is started again when it ends on its own, and checkpoints on', async () => {
    const exits: string[] = [];
    const thread = new WalCheckpointThread({
      files: [file()],
      intervalMs: 50,
      retry: { initialMs: 200, maxMs: 200 },
      onExit: (reason) => exits.push(reason),
    });
    await thread.start();
    try {
      expect(thread.stats()).toMatchObject({ state: 'running', restarts: 0 });
      // The thread dies (as an uncaught error or its memory would end it).
      await (thread as unknown as { hosted: { worker: Worker } }).hosted.worker.terminate();
      await until(() => thread.stats().state === 'restarting', 'the restart to be pending');
      expect(thread.stats().lastExit).toMatch(/exit code 1/);
      await until(() => thread.stats().state === 'running', 'the thread running again');
      const before = statSync(file()).size;
      writeRows(0);
      await until(() => statSync(file()).size > before + 2_000_000, 'the pages in the file');
      expect(thread.stats()).toMatchObject({ state: 'running', restarts: 1, failures: 0 });
      expect(exits).toEqual([expect.stringMatching(/exit code 1/)]);
    } finally {
      await thread.stop();
    }
    expect(thread.stats().state).toBe('stopped');
  });

  it('refuses to start on a file that does not exist (it never creates one)', async () => {
    const thread = new WalCheckpointThread({ files: [join(dir, 'missing.sqlite')] });
    await expect(thread.start()).rejects.toThrow(/did not start/);
    expect(() => statSync(join(dir, 'missing.sqlite'))).toThrow();
  });
});
