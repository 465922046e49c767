import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore } from '@ledger/event-store';
import { LogHeadWatcher } from './log-head-watcher';

const append = (store: SqliteEventStore, streamId: string) =>
  store.append(
    streamId,
    [
      {
        id: randomUUID(),
        type: 'Noted',
        schemaVersion: 1,
        data: {},
        metadata: {
          effectiveAt: '2026-12-06T00:00:00.000Z',
          actor: { sub: 'x', roles: [] },
          correlationId: 'c',
          causationId: 'c',
          commandId: randomUUID(),
        },
      },
    ],
    'any',
  );

describe('LogHeadWatcher (a real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let watcher: LogHeadWatcher;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-head-watcher-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    watcher = new LogHeadWatcher({ eventStore: store });
  });
  afterEach(async () => {
    await watcher.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts at the head, stays asleep while nothing is appended, and wakes on an append', async () => {
    await append(store, 'note-1');
    await watcher.start();
    expect(watcher.position).toBe(await store.headPosition());
    const seen = watcher.version;
    let woken = false;
    const waiting = watcher.changedSince(seen, new AbortController().signal).then(() => {
      woken = true;
    });
    await sleep(300);
    expect(woken).toBe(false);
    const appended = await append(store, 'note-2');
    await waiting;
    expect(watcher.position).toBe(appended.position);
  });

  it('a change between taking the version and waiting is not lost; wake() and abort end a wait', async () => {
    await watcher.start();
    const seen = watcher.version;
    watcher.wake();
    await watcher.changedSince(seen, new AbortController().signal);
    const stop = new AbortController();
    const waiting = watcher.changedSince(watcher.version, stop.signal);
    stop.abort();
    await waiting;
  });
});
