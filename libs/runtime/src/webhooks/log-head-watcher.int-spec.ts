import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProposedEvent, SqliteEventStore } from '@ledger/event-store';
import { LogHeadWatcher } from './log-head-watcher';

const noted = (): ProposedEvent => ({
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
});

const append = (store: SqliteEventStore, streamId: string) =>
  store.append(streamId, [noted()], 'any');

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

  it('on SQLite it follows the hash column: no whole event is read or parsed', async () => {
    const wholeEvents = jest.spyOn(store, 'subscribeToAll');
    const readAll = jest.spyOn(store, 'readAll');
    await watcher.start();
    const seen = watcher.version;
    const appended = await append(store, 'note-1');
    await watcher.changedSince(seen, new AbortController().signal);
    expect(watcher.position).toBe(appended.position);
    expect(wholeEvents).not.toHaveBeenCalled();
    expect(readAll).not.toHaveBeenCalled();
  });

  it('a hash subscription that ends unasked is reported and resumed from the head seen', async () => {
    const retries: string[] = [];
    await watcher.stop();
    watcher = new LogHeadWatcher({
      eventStore: store,
      retry: { initialMs: 10, maxMs: 20 },
      onRetry: ({ reason }) => retries.push(reason),
    });
    const real = store.subscribeToLogHashes.bind(store);
    const subscribe = jest
      .spyOn(store, 'subscribeToLogHashes')
      .mockImplementationOnce(() => ({
        [Symbol.asyncIterator]: async function* () {},
        close: () => Promise.resolve(),
      }))
      .mockImplementation(real);
    await watcher.start();
    const seen = watcher.version;
    const appended = await append(store, 'note-1');
    await watcher.changedSince(seen, new AbortController().signal);
    expect(watcher.position).toBe(appended.position);
    expect(retries).toEqual(['the log subscription ended']);
    expect(subscribe).toHaveBeenCalledTimes(2);
  });

  it('a commit of several events wakes the waiters once, with the head at its last event', async () => {
    await watcher.start();
    const seen = watcher.version;
    const appended = await store.append('note-1', Array.from({ length: 5 }, noted), 'any');
    await watcher.changedSince(seen, new AbortController().signal);
    await sleep(50);
    expect(watcher.position).toBe(appended.position);
    expect(watcher.version - seen).toBe(1);
  });
});
