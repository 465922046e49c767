import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchOf } from '../contract/contract-fixtures';
import { commitNotifications } from '../commit-notifications';
import { EventSchemas, upcasting } from '../upcasting';
import { SqliteEventStore } from './sqlite.event-store';

/**
 * Two connections to one log, as the api's main thread (writer) and its projector worker
 * (reader): the writer's commits are told to the reader, whose caught-up subscription then reads
 * at once instead of at its poll (here an hour, so only the wake-up can deliver in time).
 */
describe('SqliteEventStore commit notifications (writer and reader on one file)', () => {
  let dir: string;
  let writer: SqliteEventStore;
  let reader: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-commit-notifications-'));
    writer = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    reader = await SqliteEventStore.open({
      path: join(dir, 'events.sqlite'),
      pollIntervalMs: 3_600_000,
    });
  });
  afterEach(async () => {
    await reader.close();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('onCommit tells each commit that wrote events, until turned off', async () => {
    const told: number[] = [];
    const off = writer.onCommit(() => told.push(told.length + 1));
    await writer.append('order-1', batchOf('A', 2), 'no-stream');
    await writer.append('order-2', batchOf('B', 1), 'no-stream');
    expect(told).toEqual([1, 2]);
    off();
    await writer.append('order-3', batchOf('C', 1), 'no-stream');
    expect(told).toEqual([1, 2]);
  });

  it("wakeSubscriptions makes the reader's caught-up subscription read another connection's commit", async () => {
    const subscription = reader.subscribeToAll();
    const events = subscription[Symbol.asyncIterator]();
    const first = events.next();
    // Caught up on an empty log: the subscription waits for a commit of its own connection.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const off = writer.onCommit(() => reader.wakeSubscriptions());
    await writer.append('order-1', batchOf('A', 1), 'no-stream');
    const delivered = await Promise.race([
      first,
      new Promise<'not woken'>((resolve) => setTimeout(() => resolve('not woken'), 2_000)),
    ]);
    expect(delivered).toMatchObject({ done: false, value: { streamId: 'order-1', position: 1 } });
    off();
    await subscription.close();
  });

  it('is found under the upcasting decorator (commitNotifications)', () => {
    const found = commitNotifications(upcasting(writer, new EventSchemas({})));
    expect(found).toBeDefined();
    let told = false;
    const off = found!.onCommit(() => (told = true));
    found!.wakeSubscriptions();
    expect(told).toBe(true);
    off();
  });
});
